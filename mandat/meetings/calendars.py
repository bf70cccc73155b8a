"""What meetings put in calendars: a meeting as one calendar entry, shared by
the notice, its changes and cancellation, the download on the meeting's page
and the personal feed, so all carry the same UID and SEQUENCE."""

from django.urls import reverse
from django.utils.translation import gettext as _

from mandat.accounts.selectors import coordinator_list
from mandat.core.addresses import absolute_url
from mandat.notifications.calendar import (
    CalendarEntry,
    CalendarPerson,
    CalendarSession,
    uid_for,
)

from .models import Meeting


def meeting_page_link(meeting: Meeting) -> str:
    """Return the address of the meeting's page (behind the log-in)."""
    return absolute_url(
        reverse("meetings:meeting-detail", args=[meeting.organisation.slug, meeting.pk])
    )


def meeting_contact(meeting: Meeting) -> CalendarPerson | None:
    """Return who answers for the meeting: the one keeping its minutes, else
    the group's secretary among its regular participants, else a coordinator."""
    secretary = meeting.secretary
    if secretary is not None and secretary.email:
        return CalendarPerson(secretary.email, secretary.full_name)
    participant = (
        meeting.group.participants.filter(is_secretary=True)
        .exclude(person__email="")
        .select_related("person")
        .first()
    )
    if participant is not None:
        return CalendarPerson(participant.person.email, participant.person.full_name)
    coordinator = coordinator_list(organisation=meeting.organisation).first()
    if coordinator is not None:
        return CalendarPerson(coordinator.email, coordinator.get_full_name())
    return None


def meeting_entry(
    meeting: Meeting, *, person=None, cancelled: bool | None = None, contact=None
) -> CalendarEntry:
    """Return the meeting as one calendar entry; ``person`` is the invited
    member, asked to answer so that a "decline" reaches the secretary."""
    items = "\n".join(
        f"{number}. {item.title}"
        for number, item in enumerate(meeting.items.all(), start=1)
    )
    return CalendarEntry(
        uid=uid_for("meeting", meeting.pk),
        sequence=meeting.sequence,
        summary=_("Meeting: %(group)s") % {"group": meeting.group.body.name},
        sessions=(CalendarSession(meeting.starts_at, meeting.ends_at),),
        description=items,
        location=meeting.location,
        meeting_url=meeting.meeting_url,
        page_url=meeting_page_link(meeting),
        cancelled=meeting.is_cancelled if cancelled is None else cancelled,
        organizer=contact,
        attendee=CalendarPerson(person.email, person.full_name)
        if person is not None and person.email
        else None,
        reply_wanted=True,
        alarm_minutes=15,
    )
