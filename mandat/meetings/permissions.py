"""Who may see and change what in meetings.

Coordinators and administrators manage every group; the group's own
secretary manages its meetings; members and regular participants read
their group's meetings, documents and minutes."""

from django.db.models import Q
from django.utils import timezone

from mandat.core.access import access_for
from mandat.directory.models import Assignment, AssignmentRole
from mandat.directory.selectors import active_on_q

from .models import GroupParticipant, MeetingGroup


def can_manage_groups(user, organisation) -> bool:
    """Return whether ``user`` may create groups and see every group."""
    return access_for(user, organisation).manages_organisation


def _person_ids(user, organisation) -> set[int]:
    cache = user.__dict__.setdefault("_mandat_people", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = set(
            user.people.filter(organisation=organisation).values_list("pk", flat=True)
        )
    return cache[organisation.pk]


def group_roles(user, group) -> set[str]:
    """The parts ``user`` plays in ``group`` today: assignment roles, and
    "participant" or "secretary" for the office's regular participants."""
    cache = user.__dict__.setdefault("_mandat_group_roles", {})
    if group.pk in cache:
        return cache[group.pk]
    people = _person_ids(user, group.organisation)
    roles: set[str] = set()
    if people:
        today = timezone.localdate()
        roles |= set(
            group.body.assignments.filter(
                active_on_q(today), person__in=people
            ).values_list("role", flat=True)
        )
        for is_secretary in group.participants.filter(
            active_on_q(today), person__in=people
        ).values_list("is_secretary", flat=True):
            roles.add("secretary" if is_secretary else "participant")
    cache[group.pk] = roles
    return roles


def can_manage_group(user, group) -> bool:
    """Return whether ``user`` may plan meetings, send notices and keep the
    minutes of ``group``: coordinators, and the group's secretary."""
    if can_manage_groups(user, group.organisation):
        return True
    if not access_for(user, group.organisation):
        return False
    roles = group_roles(user, group)
    return "secretary" in roles or AssignmentRole.SECRETARY in roles


def can_view_group(user, group) -> bool:
    """Return whether ``user`` may read the meetings of ``group``."""
    if can_manage_group(user, group):
        return True
    return bool(access_for(user, group.organisation)) and bool(group_roles(user, group))


def can_view_meetings(user, organisation) -> bool:
    """Return whether ``user`` has meetings to read in ``organisation``: those
    who manage the groups, and members and regular participants of a group."""
    if can_manage_groups(user, organisation):
        return True
    if not access_for(user, organisation):
        return False
    people = _person_ids(user, organisation)
    return MeetingGroup.objects.filter(
        Q(body__assignments__person__in=people) | Q(participants__person__in=people),
        organisation=organisation,
    ).exists()


def is_group_secretary(user, organisation) -> bool:
    """Return whether ``user`` is the secretary of one of ``organisation``'s
    meeting groups today (a regular participant or an assignment as
    secretary), who chooses people in the group's forms."""
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
