"""Readers for meetings, filtered to what the viewer may see and with their
related rows fetched, so a page runs the same queries whatever its size."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from mandat.core.models import Organisation
from mandat.core.queries import count_of
from mandat.core.richtext import richtext_plain
from mandat.core.search import SearchDocument
from mandat.directory.models import MEMBER_ROLES, Assignment, AssignmentRole
from mandat.directory.selectors import active_on_q, body_members

from . import permissions
from .calendars import meeting_entry
from .models import (
    ActionItem,
    AgendaItem,
    ApprovalAnswer,
    ApprovalRequest,
    Attendance,
    GroupParticipant,
    Meeting,
    MeetingGroup,
)


def group_list(*, organisation: Organisation, user) -> QuerySet:
    """Return the groups ``user`` may see, with their next meeting's date."""
    groups = MeetingGroup.objects.filter(organisation=organisation).select_related(
        "body"
    )
    if not permissions.can_manage_groups(user, organisation):
        people = user.people.filter(organisation=organisation)
        today = timezone.localdate()
        groups = groups.filter(
            Q(
                body__assignments__in=Assignment.objects.filter(
                    active_on_q(today), person__in=people
                )
            )
            | Q(
                participants__in=GroupParticipant.objects.filter(
                    active_on_q(today), person__in=people
                )
            )
        ).distinct()
    upcoming = Meeting.objects.filter(starts_at__gte=timezone.now()).exclude(
        status=Meeting.Status.CANCELLED
    )
    return groups.annotate(upcoming=count_of(upcoming, "group")).order_by("body__name")


def group_get(*, organisation: Organisation, user, group_id: int):
    """Return the group, or None when it is not in ``organisation`` or the
    user may not see it."""
    group = (
        MeetingGroup.objects.select_related("body", "organisation")
        .filter(organisation=organisation, pk=group_id)
        .first()
    )
    if group is None or not permissions.can_view_group(user, group):
        return None
    return group


def group_members(*, group: MeetingGroup, on: datetime.date | None) -> QuerySet:
    """Return the members and substitutes of ``group`` on ``on`` (or ever)."""
    return body_members(body=group.body, on=on).filter(
        role__in=[*MEMBER_ROLES, AssignmentRole.SUBSTITUTE]
    )


def group_participants(*, group: MeetingGroup, on: datetime.date | None) -> QuerySet:
    participants = group.participants.select_related("person")
    if on is not None:
        participants = participants.filter(active_on_q(on))
    return participants


# A meeting ends within this long of its start.
MEETING_SPAN = datetime.timedelta(days=1)


def meeting_list_upcoming(*, group: MeetingGroup) -> QuerySet:
    """Return the meetings of ``group`` that have not ended, first first.

    Bounded on the start too, so the index on (group, start) reads the
    coming meetings only, not the group's past."""
    now = timezone.now()
    return group.meetings.filter(
        starts_at__gte=now - MEETING_SPAN, ends_at__gte=now
    ).order_by("starts_at", "id")


def meeting_list_past(*, group: MeetingGroup) -> QuerySet:
    """Return the meetings of ``group`` that have ended, latest first."""
    return group.meetings.filter(ends_at__lt=timezone.now()).order_by(
        "-starts_at", "-id"
    )


def meeting_get(*, organisation: Organisation, user, meeting_id: int):
    """Return the meeting with its group, or None when the user may not see it."""
    meeting = (
        Meeting.objects.select_related(
            "group__body",
            "group__organisation",
            "organisation",
            "serving_chair",
            "secretary",
            "approved_at_meeting",
        )
        .filter(organisation=organisation, pk=meeting_id)
        .first()
    )
    if meeting is None or not permissions.can_view_group(user, meeting.group):
        return None
    return meeting


def meeting_items(*, meeting: Meeting) -> list[AgendaItem]:
    """Return the agenda with everything shown under each item."""
    return list(
        meeting.items.select_related(
            "presenter", "minutes_of__group__body", "next_meeting"
        ).prefetch_related(
            "trainings",
            "commissions",
            "documents",
            "corrections",
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner"),
            ),
        )
    )


def meeting_attendances(*, meeting: Meeting) -> list[Attendance]:
    return list(
        meeting.attendances.select_related(
            "person", "party", "serving_for__person"
        ).order_by("capacity", "id")
    )


def attendance_expected(*, meeting: Meeting) -> list[Attendance]:
    """The rows, not yet saved, of every member, substitute and regular
    participant on the meeting day who has none yet: the attendance page
    shows them, and recording the attendance saves them."""
    day = timezone.localdate(meeting.starts_at)
    members = [
        Attendance(
            meeting=meeting,
            person=assignment.person,
            capacity=Attendance.Capacity.SUBSTITUTE
            if assignment.role == AssignmentRole.SUBSTITUTE
            else Attendance.Capacity.MEMBER,
            role=assignment.role,
            party=assignment.party,
            home_municipality=assignment.person.home_municipality,
        )
        for assignment in group_members(group=meeting.group, on=day)
    ]
    participants = [
        Attendance(
            meeting=meeting,
            person=participant.person,
            capacity=Attendance.Capacity.PARTICIPANT,
            affiliation=participant.affiliation,
        )
        for participant in group_participants(group=meeting.group, on=day)
    ]
    # Each person once: a member who is also a participant attends as member.
    have = set(meeting.attendances.values_list("person_id", flat=True))
    rows = []
    for row in members + participants:
        if row.person_id not in have:
            have.add(row.person_id)
            rows.append(row)
    return rows


def meeting_attendance_rows(*, meeting: Meeting) -> list[Attendance]:
    """The attendance page's rows: those recorded, and (unless the minutes
    are locked) the day's members, substitutes and regular participants who
    have none yet, unsaved."""
    rows = meeting_attendances(meeting=meeting)
    if meeting.minutes_locked:
        return rows
    expected = attendance_expected(meeting=meeting)
    return sorted(rows + expected, key=lambda row: (row.capacity, row.pk is None))


def open_action_items(*, meeting: Meeting) -> list[ActionItem]:
    """Action items of the group still open from earlier meetings: the
    follow-up on this meeting's agenda."""
    return list(
        ActionItem.objects.filter(
            organisation_id=meeting.organisation_id,
            meeting__group_id=meeting.group_id,
            meeting__starts_at__lt=meeting.starts_at,
        )
        .filter(
            Q(status=ActionItem.Status.OPEN)
            | Q(closed_on__gte=timezone.localdate(meeting.starts_at))
        )
        .select_related("owner", "meeting")
        .order_by("due_on", "id")
    )


def group_open_action_items(*, group: MeetingGroup) -> QuerySet:
    return (
        ActionItem.objects.filter(meeting__group=group, status=ActionItem.Status.OPEN)
        .select_related("owner", "meeting")
        .order_by("due_on", "id")
    )


def _next_meeting(meeting: Meeting, *, earlier: bool) -> Meeting | None:
    """The group's meeting just before (or after) ``meeting``, cancelled
    ones left out."""
    if earlier:
        others = Meeting.objects.filter(starts_at__lt=meeting.starts_at)
    else:
        others = Meeting.objects.filter(starts_at__gt=meeting.starts_at)
    return (
        others.filter(group_id=meeting.group_id)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at" if earlier else "starts_at")
        .first()
    )


def previous_meeting(*, meeting: Meeting) -> Meeting | None:
    return _next_meeting(meeting, earlier=True)


def following_meeting(*, meeting: Meeting) -> Meeting | None:
    return _next_meeting(meeting, earlier=False)


def commission_list(*, group: MeetingGroup) -> QuerySet:
    return group.commissions.prefetch_related(
        "proposing_parties",
        "trainings",
        "events",
        Prefetch(
            "items", queryset=AgendaItem.objects.select_related("meeting__group__body")
        ),
    )


def action_items_for_user(*, organisation: Organisation, user) -> QuerySet:
    """Return the action items of the people ``user`` is, open ones first."""
    return (
        ActionItem.objects.filter(organisation=organisation, owner__account=user)
        .select_related("meeting__group__body", "item", "owner")
        .order_by("status", "due_on", "id")
    )


def approval_list(*, group: MeetingGroup) -> QuerySet:
    """Return the group's approvals by e-mail, newest first, with how many
    were asked, approved and objected (counted for the rows shown only)."""
    return (
        group.approval_requests.annotate(
            asked=count_of(ApprovalAnswer, "request"),
            approved=count_of(
                ApprovalAnswer, "request", answer=ApprovalAnswer.Answer.APPROVED
            ),
            objected=count_of(
                ApprovalAnswer, "request", answer=ApprovalAnswer.Answer.OBJECTED
            ),
        )
        .select_related("minutes_of", "plan")
        .order_by("-created_at", "-id")
    )


def approval_get(*, organisation: Organisation, approval_id: int):
    return (
        ApprovalRequest.objects.select_related("group__body", "minutes_of", "plan")
        .filter(organisation=organisation, pk=approval_id)
        .first()
    )


def answer_for_token(token: str):
    return (
        ApprovalAnswer.objects.select_related(
            "request__group__body",
            "request__organisation",
            "request__minutes_of__group__body",
            "request__plan",
            "person",
        )
        .filter(token=token)
        .first()
    )


def feed_events(person) -> list:
    """The meetings of the person's groups for their calendar feed, from three
    months back, with the UID of the e-mailed invitation; cancelled meetings
    stay in as cancelled so calendar programs remove them."""
    import datetime

    since = timezone.now() - datetime.timedelta(days=92)
    today = timezone.localdate()
    # The groups of the person's seats and participations, read by the
    # person's indexes; then their meetings by the group's index. (An OR over
    # joins of the groups read every group's members in the country: 12,000
    # rows for one feed at national scale.)
    seats = Assignment.objects.filter(active_on_q(today), person=person).values(
        "body_id"
    )
    participations = GroupParticipant.objects.filter(
        active_on_q(today), person=person
    ).values_list("group_id", flat=True)
    groups = list(
        MeetingGroup.objects.filter(body_id__in=seats)
        .order_by()
        .values_list("pk", flat=True)
        .union(participations.order_by())
    )
    meetings = (
        Meeting.objects.filter(group_id__in=groups, ends_at__gte=since)
        .select_related("group__body", "organisation")
        .prefetch_related("items")
    )
    return [meeting_entry(meeting) for meeting in meetings]


def minutes_search_documents(meeting) -> list[SearchDocument]:
    """The items of finalised or approved minutes: official documents, found
    by everyone in the organisation."""
    if meeting.minutes_status == meeting.Minutes.DRAFT:
        return []
    url = reverse("meetings:minutes", args=[meeting.organisation.slug, meeting.pk])
    documents = []
    for item in meeting.items.all():
        text = " ".join(p for p in (richtext_plain(item.notes), item.decision) if p)
        if text:
            documents.append(
                SearchDocument(
                    key=f"{meeting.pk}-{item.pk}",
                    title=f"{item.title} ({meeting.group.body.name}, "
                    f"{meeting.starts_at:%Y-%m-%d})",
                    body=text,
                    url=url,
                    group=meeting.group,
                )
            )
    return documents


def minutes_search_records(organisation) -> QuerySet:
    return (
        Meeting.objects.filter(organisation=organisation)
        .exclude(minutes_status=Meeting.Minutes.DRAFT)
        .select_related("group__body", "organisation")
    )
