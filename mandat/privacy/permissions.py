"""Who may make a person's register extract, anonymise a person, and see
the record of processing and the retention log."""

from django.urls import reverse
from django.utils.translation import gettext as _

from mandat.core.access import Role, access_for


def can_make_extracts(user, organisation) -> bool:
    """Return whether ``user`` may make people's register extracts: the
    coordinator and the administrator, who see everyone in the directory,
    those with protected personal data too. A committee secretary sees only
    their bodies' part of a person, so cannot answer for all of it."""
    return access_for(user, organisation).manages_organisation


def can_anonymise_people(user, organisation) -> bool:
    """Return whether ``user`` may anonymise a person who has left: the
    administrator, as it cannot be undone."""
    return access_for(user, organisation).has(Role.ADMINISTRATOR)


def can_view_processing(user, organisation) -> bool:
    """Return whether ``user`` may read the record of processing and the
    retention task's log: the administrator."""
    return access_for(user, organisation).has(Role.ADMINISTRATOR)


def person_page_link(user, person) -> tuple[str, str] | None:
    """The link to the register extract on ``person``'s page, for those who
    may make it (``directory.person_page``)."""
    organisation = person.organisation
    if not can_make_extracts(user, organisation):
        return None
    return (
        _("Register extract"),
        reverse("privacy:person-extract", args=[organisation.slug, person.pk]),
    )
