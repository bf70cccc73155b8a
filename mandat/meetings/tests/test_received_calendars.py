"""A meeting's notice, its move and its cancellation as a member's mail and
calendar programs get them: the received bytes, four parsers, one UID with
a rising SEQUENCE, and replies that reach the secretary."""

import datetime

import pytest
from django.utils import timezone

from mandat.meetings import services
from mandat.testing.received import parse_calendar, received_calendar

from .factories import at, steering_group

pytestmark = pytest.mark.django_db


def next_year(day: str) -> str:
    return f"{timezone.localdate().year + 1}-{day}"


def utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC).replace(tzinfo=None)


def test_a_moved_and_cancelled_meeting_updates_and_removes_the_invitation(
    organisation, coordinator, django_capture_on_commit_callbacks, smtp_server
):
    group = steering_group(organisation)
    secretary = group.participants.get(is_secretary=True).person
    member = group.body.assignments.filter(role="ordforande").get().person
    starts, ends = at(next_year("05-14"), "08:30"), at(next_year("05-14"), "12:00")
    meeting = services.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=starts,
        ends_at=ends,
        location="Lokal Vargö",
        meeting_url="https://teams.example/l/styrgrupp",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_send(actor=coordinator, meeting=meeting)
    moved, moved_end = at(next_year("11-20"), "13:30"), at(next_year("11-20"), "15:00")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            actor=coordinator,
            meeting=meeting,
            starts_at=moved,
            ends_at=moved_end,
            location="Lokal Vargö",
            meeting_url="https://teams.example/l/styrgrupp",
            host="",
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(actor=coordinator, meeting=meeting, reason="Sjukdom")

    mails = [m for to, m in smtp_server.messages if member.email in to]
    calendars = [received_calendar(mail) for mail in mails]
    assert [c.method for c in calendars] == ["REQUEST", "REQUEST", "CANCEL"]
    parsed = [parse_calendar(c.data) for c in calendars]
    [uid] = {event.uid for p in parsed for event in p.events}
    assert [p.sequence[uid] for p in parsed] == [0, 1, 2]
    assert [(e.start, e.end) for e in parsed[0].events] == [(utc(starts), utc(ends))]
    assert [(e.start, e.end) for e in parsed[1].events] == [
        (utc(moved), utc(moved_end))
    ]
    assert parsed[2].status[uid] == "CANCELLED"
    # A reply or a "decline" reaches the secretary, not a no-reply address.
    secretary_address = f"{secretary.full_name} <{secretary.email}>"
    assert {mail["Reply-To"] for mail in mails} == {secretary_address}
    event = parsed[0].raw["events"][0]
    assert event["organizer"] == f"mailto:{secretary.email}"
    [attendee] = event["attendees"]
    assert attendee == {
        "address": f"mailto:{member.email}",
        "partstat": "NEEDS-ACTION",
        "rsvp": "TRUE",
    }
    assert event["url"] == "https://teams.example/l/styrgrupp"
    assert "https://teams.example/l/styrgrupp" in event["location"]
    assert "https://teams.example/l/styrgrupp" in event["description"]
    assert f"/meetings/{meeting.pk}/" in event["description"]
