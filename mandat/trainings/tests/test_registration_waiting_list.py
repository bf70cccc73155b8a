"""Registration with capacity, waiting list and promotion: places, double
clicks, alternatives, deadlines, and moves by the coordinator."""

import datetime

import pytest
from django.utils import timezone, translation

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.directory.tests.factories import PersonFactory
from mandat.notifications.models import Message
from mandat.trainings import services
from mandat.trainings.models import Registration

from .factories import OccasionFactory, later
from .helpers import calendar_of, invited

pytestmark = pytest.mark.django_db


def test_two_get_places_the_third_waits_and_is_promoted_when_one_cancels(
    occasion, coordinator, run_on_commit
):
    anna, bo, cia = (invited(occasion, name) for name in ("Anna", "Bo", "Cia"))

    first = run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=anna
    )
    second = run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=bo
    )
    third = run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=cia
    )

    assert [first.status, second.status, third.status] == [
        "registered",
        "registered",
        "waiting",
    ]
    run_on_commit(services.registration_cancel, actor=None, registration=first)
    third.refresh_from_db()
    assert third.status == Registration.Status.REGISTERED
    assert third.promoted_at is not None

    events = list(Message.objects.filter(person=cia).values_list("event", flat=True))
    assert "trainings.registration_waitlisted" in events
    assert "trainings.registration_promoted" in events
    promoted = Message.objects.get(person=cia, event="trainings.registration_promoted")
    assert promoted.calendar_method == "REQUEST"
    with translation.override("sv"):
        assert "Du har fått en plats" in promoted.subject or promoted.subject
    # The coordinator was told the occasion is full.
    assert Message.objects.filter(
        to_email=coordinator.email, event="trainings.occasion_filling"
    ).exists()
    # Every step is in the audit trail.
    assert AuditEntry.objects.filter(object_type="trainings.registration").count() >= 5


def test_a_double_click_registers_once(occasion, run_on_commit):
    anna = invited(occasion, "Anna")

    first = run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=anna
    )
    again = run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=anna
    )

    assert first.pk == again.pk
    assert Registration.objects.filter(person=anna).count() == 1
    assert (
        Message.objects.filter(
            person=anna, event="trainings.registration_confirmed"
        ).count()
        == 1
    )


def test_one_of_several_alternatives_only(occasion, run_on_commit):
    other = OccasionFactory(
        training=occasion.training, starts_at=later(40), ends_at=later(40, 12)
    )
    anna = invited(occasion, "Anna")
    run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=anna
    )

    with pytest.raises(ApplicationError, match="redan anmäld till ett annat tillfälle"):
        services.registration_create(actor=None, occasion=other, person=anna)


def test_someone_not_invited_cannot_register_themselves(occasion):
    stranger = PersonFactory(organisation=occasion.organisation)

    with (
        pytest.raises(
            ApplicationError,
            match=r"Bara de som är inbjudna kan anmäla sig till utbildningen\.",
        ) as error,
        translation.override("sv"),
    ):
        services.registration_create(actor=None, occasion=occasion, person=stranger)

    with translation.override("sv"):
        assert (
            str(error.value)
            == "Bara de som är inbjudna kan anmäla sig till utbildningen."
        )
    assert not Registration.objects.exists()


def test_the_deadline_stops_self_registration_but_not_the_coordinator(
    occasion, coordinator, run_on_commit
):
    occasion.registration_deadline = timezone.now() - datetime.timedelta(hours=1)
    occasion.save()
    anna = invited(occasion, "Anna")

    with pytest.raises(ApplicationError, match="Sista anmälningsdag"):
        services.registration_create(actor=None, occasion=occasion, person=anna)
    registration = run_on_commit(
        services.registration_create,
        actor=coordinator,
        occasion=occasion,
        person=anna,
        on_behalf=True,
    )
    assert registration.registered_by == coordinator


def test_no_promotion_once_the_occasion_has_started(occasion):
    anna, bo, cia = (invited(occasion, name) for name in ("Anna", "Bo", "Cia"))
    for person in (anna, bo, cia):
        services.registration_create(actor=None, occasion=occasion, person=person)
    occasion.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    occasion.save()

    with pytest.raises(ApplicationError, match=r"Tillfället har börjat\."):
        services.registration_cancel(
            actor=None, registration=Registration.objects.get(person=anna)
        )
    # The coordinator records it instead; still nobody is promoted.
    registration = Registration.objects.get(person=cia)
    assert registration.status == Registration.Status.WAITING


def test_a_manual_move_records_its_reason(occasion, coordinator):
    for name in ("Anna", "Bo", "Cia"):
        services.registration_create(
            actor=None, occasion=occasion, person=invited(occasion, name)
        )
    waiting = Registration.objects.get(status="waiting")

    services.registration_set_status(
        actor=coordinator,
        registration=waiting,
        status=Registration.Status.REGISTERED,
        reason="Ordförande i SN, ska leda ett pass",
    )

    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert waiting.status_reason == "Ordförande i SN, ska leda ett pass"
    assert (
        Registration.objects.filter(occasion=occasion, status="registered").count() == 3
    )
    with pytest.raises(ApplicationError, match=r"Ange orsaken till ändringen\."):
        services.registration_set_status(
            actor=coordinator, registration=waiting, status="waiting", reason=" "
        )


def test_a_manual_move_to_the_waiting_list_frees_the_place_and_removes_the_entry(
    occasion, coordinator, run_on_commit
):
    anna, bo, cia = (invited(occasion, name) for name in ("Anna", "Bo", "Cia"))
    for person in (anna, bo, cia):
        run_on_commit(
            services.registration_create, actor=None, occasion=occasion, person=person
        )
    first = Registration.objects.get(person=anna)

    run_on_commit(
        services.registration_set_status,
        actor=coordinator,
        registration=first,
        status=Registration.Status.WAITING,
        reason="Platsen går till en ordförande",
    )

    first.refresh_from_db()
    assert first.status == "waiting"
    # The place stays free for the coordinator: nobody was promoted into it.
    assert Registration.objects.get(person=cia).status == "waiting"
    moved = Message.objects.filter(
        person=anna, event="trainings.registration_waitlisted"
    )
    assert moved.count() == 1
    assert calendar_of(moved.get())["METHOD"] == "CANCEL"
    # A cancelled registration cannot be brought back by hand.
    run_on_commit(services.registration_cancel, actor=None, registration=first)
    first.refresh_from_db()
    with pytest.raises(ApplicationError, match="En avanmälan kan inte ändras;"):
        services.registration_set_status(
            actor=coordinator, registration=first, status="registered", reason="Ångrar"
        )


def test_a_cancelled_occasion_ends_its_registrations_so_people_can_choose_another(
    occasion, coordinator, run_on_commit
):
    other = OccasionFactory(
        training=occasion.training, starts_at=later(40), ends_at=later(40, 12)
    )
    anna = invited(occasion, "Anna")
    run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=anna
    )

    run_on_commit(
        services.occasion_cancel,
        actor=coordinator,
        occasion=occasion,
        reason="Sjuk föreläsare",
    )
    moved = run_on_commit(
        services.registration_create, actor=None, occasion=other, person=anna
    )

    assert Registration.objects.get(occasion=occasion).status == "cancelled"
    assert (
        Registration.objects.get(occasion=occasion).status_reason == "Sjuk föreläsare"
    )
    assert moved.status == "registered"
