"""Calendar invitations of trainings as their recipients get them: the bytes
a real SMTP server received, walked as Outlook walks the MIME tree, each
calendar object read by four independent parsers, across invitation,
change and cancellation; one session and several, in summer and winter."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from mandat.directory.tests.factories import PersonFactory
from mandat.testing.received import parse_calendar, received_calendar
from mandat.trainings import services

from .factories import OccasionFactory, TrainingFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = datetime.UTC


def local(month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A time next year in Stockholm: always ahead, and on the DST side asked."""
    year = timezone.localdate().year + 1
    return datetime.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


@pytest.fixture
def registered(organisation, coordinator, run_on_commit, smtp_server):
    """Register Åsa for a training with the given sessions; return the
    occasion and what her mail program received."""

    def register(sessions, *, meeting_url=""):
        training = TrainingFactory(
            organisation=organisation,
            title="Grundutbildning för förtroendevalda – Dag för dag",
            description="Kommunallagen, ärendegången och rollen som förtroendevald.",
            created_by=coordinator,
        )
        occasion = OccasionFactory(
            training=training,
            starts_at=sessions[0].starts_at,
            ends_at=sessions[-1].ends_at,
            location="Sessionssalen, Stadshuset",
            meeting_url=meeting_url,
        )
        services.occasion_update(
            actor=coordinator, occasion=occasion, sessions=sessions
        )
        person = PersonFactory(
            organisation=organisation,
            first_name="Åsa",
            last_name="Öberg",
            email="asa.oberg@exempelby.se",
        )
        services.invitation_send(actor=None, training=training, people=[person])
        run_on_commit(
            services.registration_create, actor=None, occasion=occasion, person=person
        )
        occasion.refresh_from_db()
        return occasion, person

    return register


def calendars_received(smtp_server, address):
    """Every calendar object ``address`` received, in order, as parsed."""
    received = []
    for recipients, message in smtp_server.messages:
        if address not in recipients:
            continue
        calendar = received_calendar(message)
        if calendar is not None:
            received.append((message, calendar, parse_calendar(calendar.data)))
    return received


def test_a_one_session_invitation_is_updated_and_cancelled_in_every_parser(
    registered, coordinator, run_on_commit, smtp_server
):
    start, end = local(5, 14, 8, 30), local(5, 14, 12)
    occasion, person = registered([services.SessionInput(start, end, "")])
    moved_start, moved_end = local(11, 15, 13), local(11, 15, 16)
    run_on_commit(
        services.occasion_update,
        actor=coordinator,
        occasion=occasion,
        sessions=[services.SessionInput(moved_start, moved_end, "")],
        move_reason="Krockar med budgetfullmäktige",
    )
    run_on_commit(
        services.occasion_cancel,
        actor=coordinator,
        occasion=occasion,
        reason="För få anmälda",
    )

    received = calendars_received(smtp_server, person.email)
    assert [c.method for _m, c, _p in received] == ["REQUEST", "REQUEST", "CANCEL"]
    parsed = [p for _m, _c, p in received]
    uids = {event.uid for p in parsed for event in p.events}
    assert len(uids) == 1
    [uid] = uids
    sequences = [p.sequence[uid] for p in parsed]
    assert sequences == sorted(sequences) and len(set(sequences)) == 3
    # Summer, then winter: the same local hour in every parser.
    assert [(e.start, e.end) for e in parsed[0].events] == [(utc(start), utc(end))]
    assert [(e.start, e.end) for e in parsed[1].events] == [
        (utc(moved_start), utc(moved_end))
    ]
    assert parsed[2].status[uid] == "CANCELLED"
    mail, calendar, _parsed = received[0]
    assert mail["Reply-To"] == "Cora Samordnare <" + coordinator.email + ">"
    event = parsed[0].raw["events"][0]
    assert event["organizer"] == f"mailto:{coordinator.email}"
    # The personal link (which can cancel the place) stays in the e-mail.
    token = person.training_invitations.get().token
    assert token in mail.get_body(("plain",)).get_content()
    assert token.encode() not in calendar.data


def test_a_training_of_several_sessions_is_one_invitation_that_updates_and_cancels(
    registered, coordinator, run_on_commit, smtp_server
):
    days = [
        services.SessionInput(local(5, 14, 8, 30), local(5, 14, 12), "Dag 1"),
        services.SessionInput(local(5, 15, 13), local(5, 15, 16, 30), "Dag 2"),
        services.SessionInput(local(11, 15, 9), local(11, 15, 12), "Uppföljning"),
    ]
    occasion, person = registered(days, meeting_url="https://teams.example/l/abc")
    # Day 2 is dropped and the follow-up moves an hour later.
    follow_up = services.SessionInput(
        local(11, 15, 10), local(11, 15, 13), "Uppföljning"
    )
    run_on_commit(
        services.occasion_update,
        actor=coordinator,
        occasion=occasion,
        sessions=[days[0], follow_up],
        move_reason="Dag 2 utgår",
    )
    [registration] = person.training_registrations.all()
    run_on_commit(services.registration_cancel, actor=None, registration=registration)

    received = calendars_received(smtp_server, person.email)
    assert [c.method for _m, c, _p in received] == ["REQUEST", "REQUEST", "CANCEL"]
    first, changed, cancelled = (p for _m, _c, p in received)
    [uid] = {event.uid for p in (first, changed, cancelled) for event in p.events}
    assert first.sequence[uid] < changed.sequence[uid] < cancelled.sequence[uid]
    # One VEVENT per session, read the same by every parser, and the
    # recurring set expands to exactly the sessions, in summer and winter.
    assert len(first.events) == 3
    assert first.occurrences[uid] == [(utc(s.starts_at), utc(s.ends_at)) for s in days]
    assert [e.summary for e in first.events] == [
        "Grundutbildning för förtroendevalda – Dag för dag – Dag 1",
        "Grundutbildning för förtroendevalda – Dag för dag – Dag 2",
        "Grundutbildning för förtroendevalda – Dag för dag – Uppföljning",
    ]
    assert changed.occurrences[uid] == [
        (utc(days[0].starts_at), utc(days[0].ends_at)),
        (utc(follow_up.starts_at), utc(follow_up.ends_at)),
    ]
    assert set(cancelled.status.values()) == {"CANCELLED"}
    # The meeting link is where every program looks for it.
    event = first.raw["events"][0]
    assert "https://teams.example/l/abc" in event["location"]
    assert "https://teams.example/l/abc" in event["description"]
    assert event["url"] == "https://teams.example/l/abc"


def test_a_place_lost_and_regained_gets_a_rising_sequence(
    registered, coordinator, run_on_commit, smtp_server
):
    start, end = local(5, 14, 8, 30), local(5, 14, 12)
    occasion, person = registered([services.SessionInput(start, end, "")])
    [registration] = person.training_registrations.all()
    run_on_commit(
        services.registration_set_status,
        actor=coordinator,
        registration=registration,
        status="waiting",
        reason="Platsen behövs för ordföranden",
    )
    run_on_commit(
        services.registration_set_status,
        actor=coordinator,
        registration=registration,
        status="registered",
        reason="En plats blev ledig",
    )

    received = calendars_received(smtp_server, person.email)
    assert [c.method for _m, c, _p in received] == ["REQUEST", "CANCEL", "REQUEST"]
    parsed = [p for _m, _c, p in received]
    [uid] = {event.uid for p in parsed for event in p.events}
    sequences = [p.sequence[uid] for p in parsed]
    # A calendar ignores an update whose SEQUENCE is not higher.
    assert sequences[0] < sequences[1] < sequences[2]
