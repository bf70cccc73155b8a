"""Who may see and change what in the directory."""

from mandat.accounts.models import Role
from mandat.accounts.selectors import access_for


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
    from django.db.models import Q

    from .models import Assignment

    mine = access.secretary_body_ids
    return Assignment.objects.filter(
        Q(body_id__in=mine) | Q(body__parent_id__in=mine), person=person
    ).exists()


def can_choose_people(user, organisation) -> bool:
    """Return whether ``user`` may search the directory for a person to
    choose in a form: those whose forms name people (who to register, a
    speaker, a group's member, an action item's owner): administrators,
    coordinators, committee secretaries, and the secretary of a meeting
    group."""
    access = access_for(user, organisation)
    if access.has(Role.ADMINISTRATOR, Role.COORDINATOR, Role.COMMITTEE_SECRETARY):
        return True
    if not access:
        return False
    from django.utils import timezone

    from mandat.meetings.models import GroupParticipant

    from .models import Assignment, AssignmentRole
    from .selectors import active_on_q

    today = timezone.localdate()
    return (
        GroupParticipant.objects.filter(
            active_on_q(today),
            group__organisation=organisation,
            person__account=user,
            is_secretary=True,
        ).exists()
        or Assignment.objects.filter(
            active_on_q(today),
            organisation=organisation,
            person__account=user,
            role=AssignmentRole.SECRETARY,
            body__meeting_group__isnull=False,
        ).exists()
    )
