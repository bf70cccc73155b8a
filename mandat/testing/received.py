"""What recipients get, read the way their programs read it: e-mail as the
bytes an SMTP server received, walked like Outlook walks a MIME tree, and
every calendar object parsed by four independent parsers (icalendar,
vobject, the strict ``ics`` package and ical.js under Node), which must
agree on every event."""

import datetime
import email
import email.policy
import json
import shutil
import socket
import subprocess
import zoneinfo
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from unittest import mock

import icalendar
import ics
import vobject

ICAL_JS_READER = Path(__file__).parent / "ical_read.cjs"


class SmtpInbox:
    """An aiosmtpd handler keeping each message's received bytes."""

    def __init__(self):
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            (list(envelope.rcpt_tos), bytes(envelope.original_content))
        )
        return "250 OK"

    @property
    def messages(self) -> list[tuple[list[str], EmailMessage]]:
        return [(to, parse_mail(data)) for to, data in self.received]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def parse_mail(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


@dataclass
class ReceivedCalendar:
    """The calendar a message carries, as its recipient's programs see it."""

    method: str
    data: bytes
    attachments: list[bytes] = field(default_factory=list)


def received_calendar(message: EmailMessage) -> ReceivedCalendar | None:
    """Return the message's calendar, checking what Outlook and Gmail need:
    one text/calendar part among the alternatives, UTF-8, whose method
    parameter is the object's METHOD, and any .ics attachment the same bytes."""
    inline = [
        part
        for part in message.walk()
        if part.get_content_type() == "text/calendar"
        and part.get_content_disposition() is None
    ]
    files = [
        part
        for part in message.walk()
        if part.get_content_disposition() == "attachment"
        and (part.get_filename() or "").endswith(".ics")
    ]
    if not inline and not files:
        return None
    assert len(inline) == 1, "one iMIP calendar part per message (RFC 6047)"
    [part] = inline
    parents = [
        p
        for p in message.walk()
        if p.is_multipart() and any(child is part for child in p.get_payload())
    ]
    assert parents and parents[0].get_content_type() == "multipart/alternative"
    assert part.get_content_charset() == "utf-8"
    data = part.get_payload(decode=True)
    data.decode("utf-8")  # strict: a Latin-1 byte fails here
    method = part.get_param("method")
    assert method, "the text/calendar part names its method"
    assert method.upper() == _method_line(data), "part method = object METHOD"
    attachments = [p.get_payload(decode=True) for p in files]
    for attachment in attachments:
        # A text part's line breaks are CRLF on the wire and may be stored
        # as LF (Django's file backend); the bytes must otherwise be equal.
        assert _lines(attachment) == _lines(data), "an .ics attachment is the same"
    return ReceivedCalendar(method=method.upper(), data=data, attachments=attachments)


def _lines(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n")


def _method_line(data: bytes) -> str:
    for line in data.decode("utf-8").splitlines():
        if line.upper().startswith("METHOD:"):
            return line.split(":", 1)[1].strip().upper()
    return ""


@dataclass(frozen=True)
class SeenEvent:
    """One VEVENT as a parser saw it, times in UTC."""

    uid: str
    recurrence_id: datetime.datetime | None
    start: datetime.datetime
    end: datetime.datetime
    summary: str


@dataclass
class ParsedCalendar:
    method: str
    sequence: dict[str, int]
    status: dict[str, str]
    events: list[SeenEvent]
    # Each UID's recurring set expanded with its overrides: (start, end) in UTC.
    occurrences: dict[str, list[tuple[datetime.datetime, datetime.datetime]]]
    raw: dict


def parse_calendar(data: bytes) -> ParsedCalendar:
    """Parse ``data`` with all four parsers, assert that they agree on every
    event, and return what they saw."""
    text = data.decode("utf-8")
    seen = {
        "icalendar": _with_icalendar(text),
        "vobject": _with_vobject(text),
        "ics": _with_ics(text),
        "ical.js": _with_ical_js(data),
    }
    reference = seen["ical.js"]["events"]
    for name, result in seen.items():
        assert result["events"] == reference, (name, result["events"], reference)
    for name in ("icalendar", "vobject"):
        assert seen[name]["method"] == seen["ical.js"]["method"], name
        assert seen[name]["sequence"] == seen["ical.js"]["sequence"], name
        assert seen[name]["status"] == seen["ical.js"]["status"], name
    occurrences = seen["ical.js"]["occurrences"]
    assert seen["vobject"]["occurrences"] == occurrences, (
        seen["vobject"]["occurrences"],
        occurrences,
    )
    return ParsedCalendar(
        method=seen["ical.js"]["method"],
        sequence=seen["ical.js"]["sequence"],
        status=seen["ical.js"]["status"],
        events=reference,
        occurrences=occurrences,
        raw=seen["ical.js"]["raw"],
    )


def _sorted(events: list[SeenEvent]) -> list[SeenEvent]:
    return sorted(
        events, key=lambda e: (e.uid, e.recurrence_id or datetime.datetime.min, e.start)
    )


def _utc(value) -> datetime.datetime:
    assert isinstance(value, datetime.datetime) and value.tzinfo is not None, value
    return value.astimezone(datetime.UTC).replace(tzinfo=None)


def _with_icalendar(text: str) -> dict:
    calendar = icalendar.Calendar.from_ical(text)
    events, sequence, status = [], {}, {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"])
        recurrence = event.get("RECURRENCE-ID")
        events.append(
            SeenEvent(
                uid=uid,
                recurrence_id=_utc(recurrence.dt) if recurrence else None,
                start=_utc(event.decoded("DTSTART")),
                end=_utc(event.decoded("DTEND")),
                summary=str(event["SUMMARY"]),
            )
        )
        sequence[uid] = max(sequence.get(uid, 0), int(event.get("SEQUENCE", 0)))
        status[uid] = str(event.get("STATUS", ""))
    return {
        "method": str(calendar.get("METHOD", "")),
        "events": _sorted(events),
        "sequence": sequence,
        "status": status,
    }


def _with_vobject(text: str) -> dict:
    calendar = vobject.readOne(text)
    events, sequence, status, occurrences = [], {}, {}, {}
    vevents = calendar.contents.get("vevent", [])
    for event in vevents:
        uid = event.uid.value
        recurrence = getattr(event, "recurrence_id", None)
        events.append(
            SeenEvent(
                uid=uid,
                recurrence_id=_utc(recurrence.value) if recurrence else None,
                start=_utc(event.dtstart.value),
                end=_utc(event.dtend.value),
                summary=event.summary.value,
            )
        )
        sequence[uid] = max(
            sequence.get(uid, 0),
            int(event.sequence.value) if hasattr(event, "sequence") else 0,
        )
        status[uid] = event.status.value if hasattr(event, "status") else ""
    for event in vevents:
        if hasattr(event, "recurrence_id"):
            continue
        uid = event.uid.value
        overrides = {
            _utc(other.recurrence_id.value): other
            for other in vevents
            if hasattr(other, "recurrence_id") and other.uid.value == uid
        }
        starts = (
            [_utc(start) for start in event.getrruleset()]
            if hasattr(event, "rdate") or hasattr(event, "rrule")
            else [_utc(event.dtstart.value)]
        )
        duration = event.dtend.value - event.dtstart.value
        expanded = []
        for start in sorted(set(starts)):
            override = overrides.get(start)
            if override is not None:
                expanded.append(
                    (_utc(override.dtstart.value), _utc(override.dtend.value))
                )
            else:
                expanded.append((start, start + duration))
        occurrences[uid] = expanded
    method = calendar.method.value if hasattr(calendar, "method") else ""
    return {
        "method": method,
        "events": _sorted(events),
        "sequence": sequence,
        "status": status,
        "occurrences": occurrences,
    }


def _zone(name: str) -> datetime.tzinfo | None:
    """The zone ics reads for a TZID. ics looks a TZID up by name only, with
    python-dateutil's gettz, which before dateutil 3 (botocore keeps it below)
    reads only the 32-bit part of the system's zone file and knows no summer
    time after 2037: the same file through Python's zoneinfo instead."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return None


def _with_ics(text: str) -> dict:
    with mock.patch("ics.utils.gettz", _zone):
        calendar = ics.Calendar(text)
    events = []
    for event in calendar.events:
        recurrence = None
        for line in str(event.extra).splitlines():
            if line.startswith("RECURRENCE-ID"):
                recurrence = line
        events.append(
            SeenEvent(
                uid=event.uid,
                recurrence_id=None,
                start=_utc(event.begin.datetime),
                end=_utc(event.end.datetime),
                summary=event.name,
            )
        )
        # ics keeps RECURRENCE-ID as an unknown property: read its instant
        # from the event's own start, which the override repeats.
        if recurrence:
            events[-1] = SeenEvent(
                uid=event.uid,
                recurrence_id=events[-1].start,
                start=events[-1].start,
                end=events[-1].end,
                summary=event.name,
            )
    return {"events": _sorted(events)}


def _with_ical_js(data: bytes) -> dict:
    node = shutil.which("node")
    if node is None:
        import pytest

        # Reported like the missing browser: CI installs Node and refuses skips.
        pytest.skip("reading calendars with ical.js needs Node: apt install nodejs")
    result = subprocess.run(
        [node, str(ICAL_JS_READER)],
        input=data,
        capture_output=True,
        check=False,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr.decode()
    raw = json.loads(result.stdout)

    def instant(value):
        return (
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
            .astimezone(datetime.UTC)
            .replace(tzinfo=None)
            if value
            else None
        )

    events, sequence, status = [], {}, {}
    for event in raw["events"]:
        events.append(
            SeenEvent(
                uid=event["uid"],
                recurrence_id=instant(event["recurrence_id"]),
                start=instant(event["start"]),
                end=instant(event["end"]),
                summary=event["summary"],
            )
        )
        uid = event["uid"]
        sequence[uid] = max(sequence.get(uid, 0), event["sequence"] or 0)
        status[uid] = event["status"] or ""
    occurrences = {
        uid: [(instant(o["start"]), instant(o["end"])) for o in items]
        for uid, items in raw["expanded"].items()
    }
    return {
        "method": raw["method"] or "",
        "events": _sorted(events),
        "sequence": sequence,
        "status": status,
        "occurrences": occurrences,
        "raw": raw,
    }
