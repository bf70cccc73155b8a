"""The messages and calendar files each step of a registration sends: one
entry per registration that follows moves and cancellations, reminders,
the coordinator told of too few, and the coordinator's own wording."""

import datetime

import pytest
import vobject
from django.utils import timezone

from mandat.core.exceptions import ApplicationError
from mandat.notifications.models import Message
from mandat.trainings import services
from mandat.trainings.models import Registration, Training

from .helpers import calendar_of, invited

pytestmark = pytest.mark.django_db


def test_the_calendar_invitation_and_its_cancellation_share_a_uid(
    occasion, run_on_commit
):
    anna = invited(occasion, "Anna")
    registration = run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=anna
    )
    run_on_commit(services.registration_cancel, actor=None, registration=registration)

    request = Message.objects.get(event="trainings.registration_confirmed")
    cancel = Message.objects.get(event="trainings.registration_cancelled")
    invitation = calendar_of(request)
    cancellation = calendar_of(cancel)
    event = invitation.walk("VEVENT")[0]
    gone = cancellation.walk("VEVENT")[0]

    assert invitation["METHOD"] == "REQUEST"
    assert cancellation["METHOD"] == "CANCEL"
    assert event["UID"] == gone["UID"]
    assert int(gone["SEQUENCE"]) > int(event["SEQUENCE"])
    assert gone["STATUS"] == "CANCELLED"
    assert event.decoded("DTSTART") == occasion.starts_at
    assert event["LOCATION"] == "Sessionssalen, Stadshuset"
    # The entry links to the training's page, not to the personal link that
    # can cancel the place: calendars are shared.
    assert f"/trainings/{occasion.training_id}/" in str(event["URL"])
    assert "/t/" not in str(event["URL"])
    assert event.walk("VALARM")
    # A second, independent parser reads the same files.
    parsed = vobject.readOne(request.calendar)
    assert parsed.vevent.uid.value == str(event["UID"])
    assert parsed.vevent.dtstart.value == occasion.starts_at
    assert vobject.readOne(cancel.calendar).method.value == "CANCEL"


def test_moving_an_occasion_keeps_registrations_and_updates_calendars(
    occasion, coordinator, run_on_commit
):
    anna = invited(occasion, "Anna")
    run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=anna
    )
    first = calendar_of(Message.objects.get(event="trainings.registration_confirmed"))
    new_start = occasion.starts_at + datetime.timedelta(days=7)

    with pytest.raises(ApplicationError, match=r"Ange varför tillfället flyttas\."):
        services.occasion_update(
            actor=coordinator,
            occasion=occasion,
            sessions=[
                services.SessionInput(
                    new_start, new_start + datetime.timedelta(hours=3)
                )
            ],
        )
    run_on_commit(
        services.occasion_update,
        actor=coordinator,
        occasion=occasion,
        sessions=[
            services.SessionInput(new_start, new_start + datetime.timedelta(hours=3))
        ],
        move_reason="Krockar med budgetfullmäktige",
    )

    occasion.refresh_from_db()
    assert occasion.starts_at == new_start
    assert occasion.moves.get().reason == "Krockar med budgetfullmäktige"
    assert Registration.objects.get(person=anna).status == "registered"
    changed = Message.objects.get(event="trainings.occasion_changed")
    assert "Krockar med budgetfullmäktige" in changed.body_text
    update = calendar_of(changed).walk("VEVENT")[0]
    original = first.walk("VEVENT")[0]
    assert update["UID"] == original["UID"]
    assert int(update["SEQUENCE"]) == int(original["SEQUENCE"]) + 1
    assert update.decoded("DTSTART") == new_start


def test_cancelling_an_occasion_tells_everyone_and_removes_the_entries(
    occasion, coordinator, run_on_commit
):
    for name in ("Anna", "Bo", "Cia"):
        run_on_commit(
            services.registration_create,
            actor=None,
            occasion=occasion,
            person=invited(occasion, name),
        )

    run_on_commit(
        services.occasion_cancel,
        actor=coordinator,
        occasion=occasion,
        reason="För få anmälda",
    )

    cancelled = Message.objects.filter(event="trainings.occasion_cancelled")
    assert cancelled.count() == 3
    with_calendar = [m for m in cancelled if m.calendar]
    assert len(with_calendar) == 2  # the two registered; the waiting had no entry
    assert all(calendar_of(m)["METHOD"] == "CANCEL" for m in with_calendar)
    occasion.training.refresh_from_db()
    assert occasion.training.status == Training.Status.CANCELLED


def test_the_reminder_follows_the_occasion_when_it_moves(occasion, run_on_commit):
    anna = invited(occasion, "Anna")
    run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=anna
    )
    occasion.starts_at = timezone.now() + datetime.timedelta(days=2)
    occasion.save()

    assert services.reminders_due() == 1
    assert services.reminders_due() == 1  # the same reminder, not a second one
    assert Message.objects.filter(event="trainings.reminder").count() == 1
    occasion.starts_at = timezone.now() + datetime.timedelta(days=10)
    occasion.save()
    Message.objects.filter(event="trainings.reminder").delete()
    assert services.reminders_due() == 0


def test_under_the_minimum_at_the_deadline_the_coordinator_is_told(
    occasion, coordinator, run_on_commit
):
    run_on_commit(
        services.registration_create,
        actor=None,
        occasion=occasion,
        person=invited(occasion, "Anna"),
    )
    occasion.registration_deadline = timezone.now() - datetime.timedelta(minutes=1)
    occasion.save()

    assert services.occasions_under_minimum() == 1
    services.occasions_under_minimum()
    message = Message.objects.get(event="trainings.occasion_under_minimum")
    assert message.to_email == coordinator.email
    assert f"/trainings/occasions/{occasion.pk}/decide/" in message.body_text


def test_a_session_taken_away_leaves_the_calendar_entry(
    occasion, coordinator, run_on_commit
):
    start = occasion.starts_at
    two_days = [
        services.SessionInput(start, start + datetime.timedelta(hours=3), "Dag 1"),
        services.SessionInput(
            start + datetime.timedelta(days=1),
            start + datetime.timedelta(days=1, hours=3),
            "Dag 2",
        ),
    ]
    services.occasion_update(actor=coordinator, occasion=occasion, sessions=two_days)
    anna = invited(occasion, "Anna")
    run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=anna
    )
    confirmation = calendar_of(
        Message.objects.get(event="trainings.registration_confirmed")
    )

    run_on_commit(
        services.occasion_update,
        actor=coordinator,
        occasion=occasion,
        sessions=two_days[:1],
        move_reason="Dag 2 utgår",
    )

    change = calendar_of(Message.objects.get(event="trainings.occasion_changed"))
    # One entry (one UID) with one event per session: the update replaces
    # the whole entry, so day 2 is gone from it.
    before, after = confirmation.walk("VEVENT"), change.walk("VEVENT")
    assert len(before) == 2 and len(after) == 1
    assert {str(e["UID"]) for e in before + after} == {str(before[0]["UID"])}
    assert change["METHOD"] == "REQUEST"
    assert int(after[0]["SEQUENCE"]) > int(before[0]["SEQUENCE"])
    assert after[0].decoded("DTSTART") == start


def test_a_coordinators_template_reads_plain_values_only(
    organisation, occasion, run_on_commit
):
    from mandat.notifications.services import message_template_save

    message_template_save(
        actor=None,
        organisation=organisation,
        event="trainings.registration_confirmed",
        language="sv",
        subject="Anmäld: {{ training.title }}",
        body=(
            "{{ person.first_name }}|{{ person.account.password }}"
            "|{{ person.organisation.name }}"
        ),
    )
    anna = invited(occasion, "Anna")

    run_on_commit(
        services.registration_create, actor=None, occasion=occasion, person=anna
    )

    message = Message.objects.get(event="trainings.registration_confirmed")
    assert message.subject == "Anmäld: Presidieutbildning"
    assert message.body_text.strip() == "Anna||"


def test_a_coordinators_template_tells_registered_from_waiting_as_the_built_in_does(
    organisation, occasion, coordinator, run_on_commit
):
    """The plain values a coordinator's wording reads include what the
    built-in text of a changed occasion decides by (``is_registered``)."""
    from mandat.notifications.services import message_template_save

    message_template_save(
        actor=None,
        organisation=organisation,
        event="trainings.occasion_changed",
        language="sv",
        subject="Ändrat: {{ training.title }}",
        body=(
            "{{ person.first_name }}: {% if registration.is_registered %}plats"
            "{% elif registration.is_waiting %}väntar{% endif %}"
        ),
    )
    occasion.capacity, occasion.minimum_participants = 1, None
    occasion.save(update_fields=["capacity", "minimum_participants"])
    for name in ("Anna", "Bo"):
        run_on_commit(
            services.registration_create,
            actor=None,
            occasion=occasion,
            person=invited(occasion, name),
        )
    start = occasion.starts_at + datetime.timedelta(days=7)
    run_on_commit(
        services.occasion_update,
        actor=coordinator,
        occasion=occasion,
        sessions=[services.SessionInput(start, start + datetime.timedelta(hours=3))],
        move_reason="Krockar med budgetfullmäktige",
    )

    changed = Message.objects.filter(event="trainings.occasion_changed")
    assert sorted(message.body_text.strip() for message in changed) == [
        "Anna: plats",
        "Bo: väntar",
    ]


def test_the_request_only_saves_the_message_and_the_worker_writes_it_in_order(
    occasion, django_capture_on_commit_callbacks
):
    anna = invited(occasion, "Anna")
    # The worker is late: both changes are made before it writes anything.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registration = services.registration_create(
            actor=None, occasion=occasion, person=anna
        )
    with django_capture_on_commit_callbacks(execute=False) as more:
        services.registration_cancel(actor=None, registration=registration)
    confirmation = Message.objects.get(event="trainings.registration_confirmed")
    assert confirmation.subject == "" and not confirmation.is_written

    for callback in callbacks + more:
        callback()

    confirmation.refresh_from_db()
    cancellation = Message.objects.get(event="trainings.registration_cancelled")
    request, cancel = calendar_of(confirmation), calendar_of(cancellation)
    assert "Presidieutbildning" in confirmation.subject
    assert (request["METHOD"], cancel["METHOD"]) == ("REQUEST", "CANCEL")
    # Written late, each keeps the revision of its own change.
    assert int(cancel.walk("VEVENT")[0]["SEQUENCE"]) > int(
        request.walk("VEVENT")[0]["SEQUENCE"]
    )
