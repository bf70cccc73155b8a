"""iCalendar (RFC 5545) files for invitations, updates, cancellations and the
personal feed. One VEVENT per session; its UID never changes, its SEQUENCE
rises with every change, and a cancellation keeps the UID with METHOD:CANCEL
so calendar programs remove the entry."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Event, vCalAddress, vText

PRODID = "-//Mandat//Mandat//SV"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    attendees: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    alarm_minutes: int = 60


def uid_for(kind: str, pk: int) -> str:
    """A UID that stays the same for the life of the record."""
    host = urlsplit(settings.SITE_URL).hostname or "mandat.local"
    return f"mandat-{kind}-{pk}@{host}"


def calendar_build(
    events: list[CalendarEvent], *, method: str | None, name: str = ""
) -> str:
    """Return an iCalendar file with ``events``; ``method`` is REQUEST, CANCEL
    or None for a subscription feed."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
    zone = ZoneInfo(settings.TIME_ZONE)
    organizer_email = _address(settings.DEFAULT_FROM_EMAIL)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("sequence", item.sequence)
        event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
        event.add("dtstart", item.starts_at.astimezone(zone))
        event.add("dtend", item.ends_at.astimezone(zone))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        event.add("transp", "OPAQUE")
        if method:
            organizer = vCalAddress(f"mailto:{organizer_email}")
            organizer.params["cn"] = vText("Mandat")
            event.add("organizer", organizer)
            for email, name in item.attendees:
                attendee = vCalAddress(f"mailto:{email}")
                if name:
                    attendee.params["cn"] = vText(name)
                attendee.params["role"] = vText("REQ-PARTICIPANT")
                attendee.params["partstat"] = vText("ACCEPTED")
                attendee.params["rsvp"] = vText("FALSE")
                event.add("attendee", attendee, encode=0)
        if not item.cancelled and item.alarm_minutes:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", item.summary)
            alarm.add("trigger", datetime.timedelta(minutes=-item.alarm_minutes))
            event.add_component(alarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")


def _address(value: str) -> str:
    """The bare address of "Name <address>"."""
    if "<" in value and ">" in value:
        return value.split("<", 1)[1].split(">", 1)[0].strip()
    return value.strip()
