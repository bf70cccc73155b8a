"""Meetings: planning one or a term of them, changing and cancelling, and
the notice (*kallelse*) with its calendar invitation."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formataddr
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.services import (
    Actor,
    audit_created,
    audit_updated,
    diff,
    snapshot,
)
from mandat.core.uploads import original_name
from mandat.directory.models import Person
from mandat.notifications.calendar import calendar_build
from mandat.notifications.services import Attachment, Recipient, message_queue

from ..calendars import meeting_contact, meeting_entry, meeting_page_link
from ..models import AgendaItem, Meeting, MeetingGroup
from ..selectors import (
    group_members,
    group_participants,
    previous_meeting,
)
from .common import meeting_check_editable
from .groups import host_turn_for

MEETING_FIELDS = ("starts_at", "ends_at", "location", "meeting_url", "host", "status")
Standard = AgendaItem.Standard


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if ends_at <= starts_at:
        raise ApplicationError(
            _("The meeting must end after it starts."), field="ends_at"
        )


def _standard_agenda(meeting: Meeting) -> list[AgendaItem]:
    """The items every meeting opens and closes with, the previous minutes
    linked to the meeting before."""
    before = previous_meeting(meeting=meeting)
    rows = [
        (Standard.OPENING, _("Opening of the meeting"), None),
        (Standard.PREVIOUS_MINUTES, _("Previous minutes"), before),
        (Standard.FOLLOW_UP, _("Follow-up of action items"), None),
        (Standard.OTHER_BUSINESS, _("Other business"), None),
        (Standard.NEXT_MEETING, _("Next meeting"), None),
    ]
    if before is None:
        rows = [row for row in rows if row[0] != Standard.PREVIOUS_MINUTES]
    return [
        AgendaItem(
            meeting=meeting,
            position=(number + 1) * 10,
            standard=standard,
            title=title,
            kind=AgendaItem.Kind.DECISION
            if standard == Standard.PREVIOUS_MINUTES
            else AgendaItem.Kind.INFORMATION,
            minutes_of=minutes_of,
        )
        for number, (standard, title, minutes_of) in enumerate(rows)
    ]


def previous_minutes_relink(group: MeetingGroup) -> None:
    """Point every meeting's "previous minutes" item at the meeting held
    before it, after meetings are planned, moved or cancelled. Items that
    approved minutes already, and minutes that are finalised, stay as they are."""
    meetings = list(
        group.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at")
    )
    items = {
        item.meeting_id: item
        for item in AgendaItem.objects.filter(
            meeting__group=group, standard=Standard.PREVIOUS_MINUTES
        )
    }
    before = None
    for meeting in meetings:
        item = items.get(meeting.pk)
        if meeting.minutes_status == Meeting.Minutes.DRAFT and not (
            item is not None and item.decision
        ):
            wanted = before.pk if before is not None else None
            if item is None and wanted is not None:
                AgendaItem.objects.create(
                    meeting=meeting,
                    position=15,
                    standard=Standard.PREVIOUS_MINUTES,
                    kind=AgendaItem.Kind.DECISION,
                    title=_("Previous minutes"),
                    minutes_of_id=wanted,
                )
            elif item is not None and item.minutes_of_id != wanted:
                item.minutes_of_id = wanted
                item.save(update_fields=["minutes_of"])
        before = meeting


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    group: MeetingGroup,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str | None = None,
    meeting_url: str | None = None,
    host: str | None = None,
    secretary: Person | None = None,
) -> Meeting:
    """Plan a meeting with the standard agenda; the room, link and host
    default to the group's usual ones."""
    _check_times(starts_at, ends_at)
    if secretary is None:
        participant = group.participants.filter(
            is_secretary=True, ends_on__isnull=True
        ).first()
        secretary = participant.person if participant else None
    meeting = Meeting.objects.create(
        organisation=group.organisation,
        group=group,
        starts_at=starts_at,
        ends_at=ends_at,
        location=group.default_location if location is None else location,
        meeting_url=group.default_meeting_url if meeting_url is None else meeting_url,
        host=host_turn_for(group, timezone.localdate(starts_at))
        if host is None
        else host,
        secretary=secretary,
    )
    AgendaItem.objects.bulk_create(_standard_agenda(meeting))
    previous_minutes_relink(group)
    audit_created(actor, meeting, MEETING_FIELDS)
    return meeting


@dataclass(frozen=True)
class TermDate:
    """One meeting of a term: its day, and what differs from the term's
    usual times and room."""

    day: datetime.date
    starts: datetime.time | None = None
    ends: datetime.time | None = None
    location: str | None = None


@transaction.atomic
def meeting_term_create(
    *,
    actor: Actor,
    group: MeetingGroup,
    dates: Sequence[datetime.date | TermDate],
    starts: datetime.time,
    ends: datetime.time,
    location: str | None = None,
    meeting_url: str | None = None,
) -> list[Meeting]:
    """Plan a term's meetings in one go: the same times and room on each
    date, unless a date (a ``TermDate``) has its own, as a network that
    meets at a different member's each time."""
    terms = [d if isinstance(d, TermDate) else TermDate(day=d) for d in dates]
    if not terms:
        raise ApplicationError(_("Give at least one date."), field="dates")
    for date in terms:
        if (date.ends or ends) <= (date.starts or starts):
            raise ApplicationError(
                _("The meetings must end after they start."),
                field="ends" if date.ends is None else "dates",
            )
    zone = ZoneInfo(settings.TIME_ZONE)
    taken = set(
        timezone.localdate(value)
        for value in group.meetings.exclude(
            status=Meeting.Status.CANCELLED
        ).values_list("starts_at", flat=True)
    )
    clash = sorted(date.day for date in terms if date.day in taken)
    if clash:
        raise ApplicationError(
            _("The group already has a meeting on %(dates)s.")
            % {"dates": ", ".join(day.isoformat() for day in clash)},
            field="dates",
        )
    days = {date.day: date for date in terms}  # a date given twice: once
    return [
        meeting_create(
            actor=actor,
            group=group,
            starts_at=datetime.datetime.combine(
                day, days[day].starts or starts, tzinfo=zone
            ),
            ends_at=datetime.datetime.combine(day, days[day].ends or ends, tzinfo=zone),
            location=days[day].location or location,
            meeting_url=meeting_url,
        )
        for day in sorted(days)
    ]


@transaction.atomic
def meeting_update(
    *,
    actor: Actor,
    meeting: Meeting,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str,
    meeting_url: str,
    host: str,
) -> Meeting:
    """Change when and where; once the notice is out, everyone gets the
    change and their calendar entry is updated in place."""
    _check_times(starts_at, ends_at)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting_check_editable(meeting)
    before = snapshot(meeting, MEETING_FIELDS)
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.location, meeting.meeting_url, meeting.host = location, meeting_url, host
    changes = diff(before, snapshot(meeting, MEETING_FIELDS))
    if not changes:
        return meeting
    in_calendar = any(
        name in changes for name in ("starts_at", "ends_at", "location", "meeting_url")
    )
    told = meeting.status == Meeting.Status.NOTICE_SENT and in_calendar
    if in_calendar:
        # Also before the notice: someone may have downloaded the entry.
        meeting.sequence += 1
    meeting.save()
    if "starts_at" in changes:
        previous_minutes_relink(meeting.group)
    audit_updated(actor, meeting, changes)
    if told:
        meeting_id, sequence = meeting.pk, meeting.sequence
        _notify_all(meeting_id, "meetings.meeting_changed", sequence)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: Actor, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a meeting; if the notice went out, everyone is told and the
    calendar entry is removed."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ApplicationError(_("The meeting is cancelled already."))
    if meeting.status == Meeting.Status.HELD:
        raise ApplicationError(_("A meeting that was held cannot be cancelled."))
    told = meeting.status == Meeting.Status.NOTICE_SENT
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = reason.strip()
    meeting.sequence += 1
    meeting.save()
    previous_minutes_relink(meeting.group)
    audit_updated(
        actor,
        meeting,
        message=_("cancelled: %(reason)s") % {"reason": meeting.cancel_reason},
    )
    if told:
        meeting_id, sequence = meeting.pk, meeting.sequence
        _notify_all(meeting_id, "meetings.meeting_cancelled", sequence)
    return meeting


# The notice ------------------------------------------------------------------------


def meeting_recipients(meeting: Meeting) -> list[Person]:
    """Everyone the notice goes to: members and substitutes on the meeting
    day, then the regular participants; each person once."""
    day = timezone.localdate(meeting.starts_at)
    people: list[Person] = []
    seen: set[int] = set()
    members = group_members(group=meeting.group, on=day).select_related(
        "person__account"
    )
    for assignment in members:
        if assignment.person_id not in seen:
            seen.add(assignment.person_id)
            people.append(assignment.person)
    for participant in group_participants(group=meeting.group, on=day).select_related(
        "person__account"
    ):
        if participant.person_id not in seen:
            seen.add(participant.person_id)
            people.append(participant.person)
    return people


def meeting_link(meeting: Meeting) -> str:
    return meeting_page_link(meeting)


def meeting_calendar(
    meeting: Meeting,
    person: Person | None = None,
    *,
    cancelled: bool = False,
    language: str = "sv",
) -> str:
    """Return the meeting as an iTIP message to ``person``: a REQUEST, or a
    CANCEL that keeps the UID; SEQUENCE rises with every change."""
    with translation.override(language):
        entry = meeting_entry(
            meeting,
            person=person,
            cancelled=cancelled,
            contact=meeting_contact(meeting),
        )
        return calendar_build([entry], method="CANCEL" if cancelled else "REQUEST")


def _message_context(meeting: Meeting, person: Person) -> dict[str, Any]:
    return {
        "person": person,
        "group": meeting.group.body.name,
        "meeting": meeting,
        "items": [item.title for item in meeting.items.all()],
        "documents": list(meeting.documents.all()),
        "attached": bool(notice_attachments(meeting)),
        "link": meeting_link(meeting),
        "reason": meeting.cancel_reason,
    }


def notice_attachments(meeting: Meeting) -> list[Attachment]:
    """The meeting's documents to attach to its notice, or none when they are
    together larger than NOTICE_ATTACHMENTS_MAX_BYTES."""
    documents = list(meeting.documents.all())
    limit = getattr(settings, "NOTICE_ATTACHMENTS_MAX_BYTES", 10 * 1024 * 1024)
    if sum(document.size for document in documents) > limit:
        return []
    return [
        Attachment(name=original_name(path), path=path, type=document.content_type)
        for document in documents
        if (path := document.file.name)  # a stored document always has one
    ]


def _notify_all(meeting_id: int, event: str, sequence: int) -> int:
    meeting = Meeting.objects.select_related(
        "group__body", "organisation", "secretary"
    ).get(pk=meeting_id)
    cancelled = event == "meetings.meeting_cancelled"
    # The revision being announced, even if a later change is already saved.
    meeting.sequence = sequence
    attachments = notice_attachments(meeting) if event == "meetings.notice" else []
    contact = meeting_contact(meeting)
    reply_to = formataddr((contact.name, contact.email)) if contact else ""
    sent = 0
    for person in meeting_recipients(meeting):
        recipient = Recipient.for_person(person)
        message = message_queue(
            organisation=meeting.organisation,
            event=event,
            recipient=recipient,
            dedupe_key=f"{event}:{meeting.pk}:{person.pk}:{sequence}",
            context=_message_context(meeting, person),
            about=meeting,
            calendar=meeting_calendar(
                meeting, person, cancelled=cancelled, language=recipient.language
            ),
            reply_to=reply_to,
            attachments=attachments,
        )
        sent += message is not None
    return sent


@transaction.atomic
def notice_send(*, actor: Actor, meeting: Meeting) -> int:
    """Send the notice with the agenda, the documents and a calendar
    invitation to every member, substitute and regular participant; return
    how many messages were queued."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise ApplicationError(_("The meeting is cancelled."))
    if meeting.status == Meeting.Status.HELD:
        raise ApplicationError(_("The meeting has been held."))
    if meeting.status == Meeting.Status.NOTICE_SENT:
        raise ApplicationError(_("The notice has been sent already."))
    meeting.status = Meeting.Status.NOTICE_SENT
    meeting.notice_sent_at = timezone.now()
    meeting.save(update_fields=["status", "notice_sent_at", "updated_at"])
    audit_updated(actor, meeting, message=_("notice sent"))
    return _notify_all(meeting.pk, "meetings.notice", meeting.sequence)


def notices_due() -> int:
    """Send the notices whose day has come (the group's notice days before
    the meeting); run by the worker every minute."""
    now = timezone.now()
    horizon = now + datetime.timedelta(days=60)
    candidates = Meeting.objects.filter(
        status=Meeting.Status.PLANNED, starts_at__gt=now, starts_at__lte=horizon
    ).select_related("group")
    sent = 0
    for meeting in candidates:
        due = meeting.starts_at - datetime.timedelta(days=meeting.group.notice_days)
        if due <= now:
            try:
                sent += notice_send(actor=None, meeting=meeting)
            except ApplicationError:
                continue
    return sent
