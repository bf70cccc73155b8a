"""The e-mails of trainings as their recipients read them, in Swedish, each
sent by the service that sends it in production: the invitation, the
registration's confirmation, waiting list, place and cancellation, the
reminder, a changed and a cancelled occasion, and the coordinator's notes
of an occasion filling up or with too few registered. A changed text shows
in the snapshot's diff, to be read in review (update with
``pytest --snapshot-update <this file>``)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from mandat.core.access import Role
from mandat.directory.tests.factories import PersonFactory
from mandat.trainings import services
from mandat.trainings.services import SessionInput

from .factories import TrainingFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM)
ASA, BO = "asa.oberg@exempelby.se", "bo.ek@exempelby.se"
CORA = "cora.samordnare@exempelby.se"


def at(day: str, time: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def cora(make_user, organisation):
    return make_user(
        Role.COORDINATOR, organisation, email=CORA, full_name="Cora Samordnare"
    )


@pytest.fixture
def training(organisation, cora):
    return TrainingFactory(
        organisation=organisation,
        title="Presidieutbildning – att leda möten",
        description="Mötesledning, jäv och delegation för ordförande och vice.",
        created_by=cora,
    )


def occasion_add(training, cora, *, label="Våren", **fields):
    """An occasion of two half days in the town hall."""
    return services.occasion_create(
        actor=cora,
        training=training,
        sessions=[
            SessionInput(at("2026-04-14", "08:30"), at("2026-04-14", "12:00"), "Dag 1"),
            SessionInput(at("2026-04-15", "13:00"), at("2026-04-15", "16:30"), "Dag 2"),
        ],
        label=label,
        location="Sessionssalen, Stadshuset",
        registration_deadline=at("2026-04-07", "23:59"),
        **fields,
    )


@pytest.fixture
def occasion(training, cora):
    return occasion_add(training, cora, capacity=2)


@pytest.fixture
def people(organisation):
    """Åsa and Bo, elected officials, each with an e-mail address."""
    return [
        PersonFactory(
            organisation=organisation, first_name=first, last_name=last, email=email
        )
        for first, last, email in [("Åsa", "Öberg", ASA), ("Bo", "Ek", BO)]
    ]


@pytest.fixture
def invited(training, occasion, people, cora, emails):
    """Åsa and Bo invited; the invitations' e-mails forgotten."""
    with emails.sending():
        services.invitation_send(actor=cora, training=training, people=people)
    emails.clear()
    return people


@pytest.fixture
def full(occasion, invited, emails):
    """Åsa holds a place, Bo the other and Cora is told; then the occasion's
    two places are taken. Returns the registrations."""
    registrations = []
    with emails.sending():
        for person in invited:
            registrations.append(
                services.registration_create(
                    actor=None, occasion=occasion, person=person
                )
            )
    emails.clear()
    return registrations


def test_invitation_to_a_training_with_two_occasions(
    emails, snapshot, training, occasion, people, cora
):
    occasion_add(training, cora, label="Hösten", capacity=20)
    services.occasion_update(
        actor=cora,
        occasion=training.occasions.get(label="Hösten"),
        sessions=[
            SessionInput(at("2026-10-06", "13:00"), at("2026-10-06", "16:30"), "")
        ],
        registration_deadline=at("2026-09-29", "23:59"),
    )

    with emails.sending():
        services.invitation_send(actor=cora, training=training, people=people[:1])

    assert emails.one(ASA) == snapshot


def test_registration_confirmed_and_occasion_filling(
    emails, snapshot, occasion, invited
):
    with emails.sending():
        services.registration_create(actor=None, occasion=occasion, person=invited[0])
        services.registration_create(actor=None, occasion=occasion, person=invited[1])

    assert emails.one(ASA) == snapshot(name="confirmed")
    # The second of two places passes 80 % and 100 % at once: both are told.
    assert emails.to(CORA) == snapshot(name="filling")


def test_registration_on_the_waiting_list(
    emails, snapshot, organisation, occasion, full, training, cora
):
    cecilia = PersonFactory(
        organisation=organisation,
        first_name="Cecilia",
        last_name="Lund",
        email="cecilia.lund@exempelby.se",
    )
    services.invitation_send(actor=cora, training=training, people=[cecilia])
    emails.clear()

    with emails.sending():
        services.registration_create(actor=None, occasion=occasion, person=cecilia)

    assert emails.one("cecilia.lund@exempelby.se") == snapshot


def test_cancelling_gives_the_place_to_the_waiting_list(
    emails, snapshot, occasion, invited
):
    services.occasion_update(actor=None, occasion=occasion, capacity=1)
    with emails.sending():
        asa = services.registration_create(
            actor=None, occasion=occasion, person=invited[0]
        )
        services.registration_create(actor=None, occasion=occasion, person=invited[1])
    emails.clear()

    with emails.sending():
        services.registration_cancel(actor=None, registration=asa)

    assert emails.one(ASA) == snapshot(name="cancelled")
    assert emails.one(BO) == snapshot(name="promoted")


def test_reminder_before_the_occasion_with_the_needs_noted(
    emails, snapshot, occasion, invited, time_machine
):
    with emails.sending():
        services.registration_create(
            actor=None,
            occasion=occasion,
            person=invited[0],
            dietary_needs="Vegetarisk kost",
            accessibility_needs="Hörslinga",
        )
    emails.clear()
    time_machine.move_to(at("2026-04-11", "08:31"), tick=False)

    with emails.sending():
        services.reminders_due()

    assert emails.one(ASA) == snapshot


def test_a_moved_occasion_tells_the_registered_and_the_waiting(
    emails, snapshot, occasion, invited
):
    services.occasion_update(actor=None, occasion=occasion, capacity=1)
    with emails.sending():
        services.registration_create(actor=None, occasion=occasion, person=invited[0])
        services.registration_create(actor=None, occasion=occasion, person=invited[1])
    emails.clear()

    with emails.sending():
        services.occasion_update(
            actor=None,
            occasion=occasion,
            sessions=[
                SessionInput(at("2026-04-21", "08:30"), at("2026-04-21", "12:00"), ""),
            ],
            move_reason="Krockar med budgetfullmäktige",
        )

    assert emails.one(ASA) == snapshot(name="registered")
    assert emails.one(BO) == snapshot(name="waiting")


def test_a_cancelled_occasion_tells_everyone_registered(
    emails, snapshot, occasion, full, cora
):
    with emails.sending():
        services.occasion_cancel(
            actor=cora, occasion=occasion, reason="Sjuk kursledare"
        )

    assert emails.one(ASA) == snapshot


def test_coordinator_told_of_too_few_registered_at_the_deadline(
    emails, snapshot, training, cora, time_machine
):
    occasion_add(training, cora, capacity=20, minimum_participants=8)
    time_machine.move_to(at("2026-04-08", "00:01"), tick=False)

    with emails.sending():
        services.occasions_under_minimum()

    assert emails.one(CORA) == snapshot
