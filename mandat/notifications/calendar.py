"""iCalendar (RFC 5545) for what Mandat puts in people's calendars: iTIP
messages (RFC 5546) sent by e-mail (iMIP, RFC 6047), and subscription feeds.

An entry is one calendar object with one UID for the life of what it
describes, and one VEVENT per session. A training over two days is one
recurring set: the first session is the master, the others are its RDATEs,
each with an override (RECURRENCE-ID) carrying its own times and label, so
one message adds, moves or removes the whole training in a calendar program.
SEQUENCE rises with every change; a cancellation keeps the UID.

No personal action link goes into an event: calendars are shared and shown
to others, so events link to the page behind the log-in instead."""

import datetime
import functools
import importlib.resources
import re
import zoneinfo
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress, vText

PRODID = "-//Mandat//Mandat//SV"
FEED_REFRESH = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class CalendarSession:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    label: str = ""


@dataclass(frozen=True)
class CalendarPerson:
    email: str
    name: str = ""


@dataclass(frozen=True)
class CalendarEntry:
    """One calendar object: a training's sessions for one person, a meeting."""

    uid: str
    sequence: int
    summary: str
    sessions: tuple[CalendarSession, ...]
    description: str = ""
    location: str = ""
    meeting_url: str = ""
    page_url: str = ""
    cancelled: bool = False
    organizer: CalendarPerson | None = None
    attendee: CalendarPerson | None = None
    # True asks the attendee to answer (a meeting notice); False says the
    # attendee has already accepted (a registration).
    reply_wanted: bool = False
    alarm_minutes: int = 60


def uid_for(kind: str, pk: int) -> str:
    """Return a UID that stays the same for the life of the record."""
    return f"mandat-{kind}-{pk}@{site_host()}"


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "mandat.local"


def calendar_build(
    entries: list[CalendarEntry],
    *,
    method: str | None,
    name: str = "",
    feed: bool = False,
) -> str:
    """Return an iCalendar object holding ``entries``.

    ``method`` is REQUEST or CANCEL for an iTIP message, which carries one
    entry, or None for a file to import or a subscription ``feed``, which may
    carry any number (none included: the time-zone block keeps an empty
    calendar a valid file, RFC 5545 asking for at least one component)."""
    if method and len(entries) != 1:
        raise ValueError("An iTIP message carries exactly one calendar entry.")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if feed:
        # How often a subscribing program should fetch the feed again.
        calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(vtimezone(settings.TIME_ZONE))
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for entry in entries:
        for event in _events(entry, stamp=stamp, scheduling=bool(method)):
            calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _events(entry: CalendarEntry, *, stamp, scheduling: bool) -> list[Event]:
    zone = ZoneInfo(settings.TIME_ZONE)
    sessions = sorted(entry.sessions, key=lambda s: (s.starts_at, s.ends_at))
    # Two sessions cannot start at the same moment in one recurring set.
    unique = list({s.starts_at: s for s in reversed(sessions)}.values())[::-1]
    events = []
    for number, session in enumerate(unique):
        event = Event()
        event.add("uid", entry.uid)
        event.add("sequence", entry.sequence)
        event.add("dtstamp", stamp)
        start = session.starts_at.astimezone(zone)
        if number == 0 and len(unique) > 1:
            # The first start is listed too: RFC 5545 counts it once, and
            # ical.js leaves DTSTART out of a set made of RDATEs only.
            event.add("rdate", [s.starts_at.astimezone(zone) for s in unique])
        if number > 0:
            event.add("recurrence-id", start)
        event.add("dtstart", start)
        event.add("dtend", session.ends_at.astimezone(zone))
        event.add("summary", " – ".join(p for p in (entry.summary, session.label) if p))
        event.add("description", _description(entry))
        location = ", ".join(p for p in (entry.location, entry.meeting_url) if p)
        if location:
            event.add("location", location)
        url = entry.meeting_url or entry.page_url
        if url:
            event.add("url", url)
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        event.add("transp", "OPAQUE")
        if scheduling:
            _add_people(event, entry)
        if not entry.cancelled and entry.alarm_minutes:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", entry.summary)
            alarm.add("trigger", datetime.timedelta(minutes=-entry.alarm_minutes))
            event.add_component(alarm)
        events.append(event)
    return events


def _description(entry: CalendarEntry) -> str:
    lines = [entry.description.strip()] if entry.description.strip() else []
    if entry.meeting_url:
        lines.append(_("Join online: %(url)s") % {"url": entry.meeting_url})
    if entry.page_url:
        lines.append(_("More in Mandat: %(url)s") % {"url": entry.page_url})
    return "\n\n".join(lines)


def _add_people(event: Event, entry: CalendarEntry) -> None:
    organizer = entry.organizer or CalendarPerson(
        email=parseaddr(settings.DEFAULT_FROM_EMAIL)[1], name="Mandat"
    )
    address = vCalAddress(f"mailto:{organizer.email}")
    if organizer.name:
        address.params["cn"] = vText(organizer.name)
    event.add("organizer", address)
    if entry.attendee and entry.attendee.email:
        attendee = vCalAddress(f"mailto:{entry.attendee.email}")
        if entry.attendee.name:
            attendee.params["cn"] = vText(entry.attendee.name)
        attendee.params["cutype"] = vText("INDIVIDUAL")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        if entry.reply_wanted:
            attendee.params["partstat"] = vText("NEEDS-ACTION")
            attendee.params["rsvp"] = vText("TRUE")
        else:
            attendee.params["partstat"] = vText("ACCEPTED")
            attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee, encode=False)


# Time zones ----------------------------------------------------------------------

_POSIX_TZ = re.compile(
    r"^(?P<std>[A-Za-z]{3,}|<[^>]+>)(?P<std_offset>[-+]?[\d:]+)"
    r"(?:(?P<dst>[A-Za-z]{3,}|<[^>]+>)(?P<dst_offset>[-+]?[\d:]+)?"
    r",(?P<start>M[\d.]+(?:/[-+]?[\d:]+)?),(?P<end>M[\d.]+(?:/[-+]?[\d:]+)?))?$"
)
_WEEKDAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")


@functools.lru_cache(maxsize=8)
def vtimezone(tzid: str) -> Timezone:
    """Return the VTIMEZONE of ``tzid`` as yearly rules (RRULE), read from the
    POSIX rule at the end of the zone's TZif file: valid for every future
    year, where a list of transition dates stops at 2038 and makes some
    programs (ical.js, Outlook) read summer times an hour off. Cached: the
    block is the same in every message."""
    match = _POSIX_TZ.match(_posix_rule(tzid))
    if match is None:
        raise ValueError(f"No POSIX rule for the time zone {tzid}")
    std_offset = -_seconds(match["std_offset"])
    zone = Timezone()
    zone.add("tzid", tzid)
    if not match["dst"]:
        zone.add_component(
            _observance("STANDARD", match["std"], std_offset, std_offset, None)
        )
        return zone
    dst_offset = (
        -_seconds(match["dst_offset"]) if match["dst_offset"] else std_offset + 3600
    )
    zone.add_component(
        _observance("DAYLIGHT", match["dst"], std_offset, dst_offset, match["start"])
    )
    zone.add_component(
        _observance("STANDARD", match["std"], dst_offset, std_offset, match["end"])
    )
    return zone


def _posix_rule(tzid: str) -> str:
    """Return the POSIX TZ string at the end of the zone's TZif file."""
    for directory in zoneinfo.TZPATH:
        path = Path(directory) / tzid
        if path.is_file():
            data = path.read_bytes()
            break
    else:
        data = (
            importlib.resources.files("tzdata.zoneinfo")
            .joinpath(*tzid.split("/"))
            .read_bytes()
        )
    return data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii")


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _observance(kind, name, offset_from, offset_to, rule):
    from icalendar import TimezoneDaylight, TimezoneStandard

    component = TimezoneDaylight() if kind == "DAYLIGHT" else TimezoneStandard()
    component.add("tzname", name.strip("<>"))
    component.add("tzoffsetfrom", datetime.timedelta(seconds=offset_from))
    component.add("tzoffsetto", datetime.timedelta(seconds=offset_to))
    if rule is None:
        component.add("dtstart", datetime.datetime(1970, 1, 1))
        return component
    date_part, _slash, time_part = rule.partition("/")
    month, week, weekday = (int(p) for p in date_part[1:].split("."))
    at = datetime.timedelta(seconds=_seconds(time_part) if time_part else 7200)
    component.add("dtstart", _nth_weekday(1970, month, week, weekday) + at)
    byday = f"{-1 if week == 5 else week}{_WEEKDAYS[weekday]}"
    component.add("rrule", {"freq": "yearly", "bymonth": month, "byday": byday})
    return component


def _nth_weekday(year, month, week, weekday) -> datetime.datetime:
    """Return the ``week``-th (5: last) ``weekday`` (0: Sunday) of the month."""
    first = datetime.date(year, month, 1)
    offset = (weekday - (first.isoweekday() % 7)) % 7
    day = first + datetime.timedelta(days=offset + 7 * (week - 1))
    while day.month != month:
        day -= datetime.timedelta(days=7)
    return datetime.datetime(day.year, day.month, day.day)
