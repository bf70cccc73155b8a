"""Who may see and change what in the directory."""

import datetime
from collections.abc import Callable

from django.db.models import Count, Min, Q
from django.utils import timezone

from mandat.core.access import Role, access_for

from .models import Assignment

# A newcomer: an elected official whose first assignment in the organisation
# began in the last NEWCOMER_DAYS days, who is offered the basic programme
# they missed (knowledge.catch_up) and sees "Catch up" in the menu.
NEWCOMER_DAYS = 90


def user_standing(user, organisation) -> dict:
    """Return whether ``user`` is a person in ``organisation`` (``person``) and
    whether they are a newcomer there (``newcomer``), in one query, kept on
    the user for the rest of the request."""
    cache = user.__dict__.setdefault("_mandat_standing", {})
    if organisation.pk not in cache:
        today = timezone.localdate()
        mine = user.people.filter(organisation=organisation).aggregate(
            people=Count("id", distinct=True),
            first=Min(
                "assignments__starts_on",
                filter=Q(kind="elected", assignments__organisation=organisation),
            ),
        )
        first = mine["first"]
        cache[organisation.pk] = {
            "person": bool(mine["people"]),
            "newcomer": first is not None
            and today - datetime.timedelta(days=NEWCOMER_DAYS) <= first <= today,
        }
    return cache[organisation.pk]


def can_view_directory(user, organisation) -> bool:
    """Return whether ``user`` may open the directory pages at all."""
    return access_for(user, organisation).has(
        Role.ADMINISTRATOR, Role.COORDINATOR, Role.COMMITTEE_SECRETARY
    )


def can_view_whole_directory(user, organisation) -> bool:
    """Return whether ``user`` sees every body and person, not just their own."""
    return access_for(user, organisation).manages_organisation


def can_view_body(user, body) -> bool:
    """Return whether ``user`` may see the members of ``body``."""
    access = access_for(user, body.organisation)
    if access.manages_organisation:
        return True
    return access.has(Role.COMMITTEE_SECRETARY) and (
        body.pk in access.secretary_body_ids
        or body.parent_id in access.secretary_body_ids
    )


def can_see_protected_identity(user, organisation) -> bool:
    """Return whether ``user`` may see who has protected personal data.

    Only the coordinator's own views (coordinator and administrator) show the
    name and contact details of a person with skyddad identitet."""
    return access_for(user, organisation).manages_organisation


def can_import_register(user, organisation) -> bool:
    """Return whether ``user`` may import the register of elected officials."""
    return access_for(user, organisation).manages_organisation


def can_set_up_directory(user, organisation) -> bool:
    """Return whether ``user`` may add and change the organisation's bodies,
    parties and mandate periods, and anyone in its directory."""
    return access_for(user, organisation).manages_organisation


def can_change_members(user, body) -> bool:
    """Return whether ``user`` may add, change and end the assignments on
    ``body`` (and add the people who take them): the coordinator, and the
    committee secretary of the body or of the committee it belongs to:
    those who see its members."""
    return can_view_body(user, body)


def can_add_people(user, organisation) -> bool:
    """Return whether ``user`` may add a person to the directory: those who
    may change some body's members."""
    access = access_for(user, organisation)
    return access.manages_organisation or (
        access.has(Role.COMMITTEE_SECRETARY) and bool(access.secretary_body_ids)
    )


def can_change_person(user, person) -> bool:
    """Return whether ``user`` may change ``person``'s details: the
    coordinator, or a committee secretary while the person sits on one of
    the secretary's bodies (never someone with protected personal data)."""
    access = access_for(user, person.organisation)
    if access.manages_organisation:
        return True
    if person.protected_identity or not access.has(Role.COMMITTEE_SECRETARY):
        return False
    mine = access.secretary_body_ids
    return Assignment.objects.filter(
        Q(body_id__in=mine) | Q(body__parent_id__in=mine), person=person
    ).exists()


# Rules of the apps above the directory that let more users choose people:
# the secretary of a meeting group (meetings registers it in its ready()).
PEOPLE_CHOOSERS: list[Callable[..., bool]] = []


def can_choose_people(user, organisation) -> bool:
    """Return whether ``user`` may search the directory for a person to
    choose in a form: those whose forms name people (who to register, a
    speaker, a group's member, an action item's owner): administrators,
    coordinators, committee secretaries, and those a rule in
    ``PEOPLE_CHOOSERS`` names (the secretary of a meeting group)."""
    access = access_for(user, organisation)
    if access.has(Role.ADMINISTRATOR, Role.COORDINATOR, Role.COMMITTEE_SECRETARY):
        return True
    return bool(access) and any(rule(user, organisation) for rule in PEOPLE_CHOOSERS)


def has_own_pages(user, organisation) -> bool:
    """Return whether ``user`` is a person in ``organisation``'s directory, so
    has pages of their own there (assignments, trainings)."""
    return user_standing(user, organisation)["person"]
