"""Registration with capacity, waiting list and promotion; the messages and
calendar files each step sends."""

import datetime

import icalendar
import pytest
import vobject
from django.utils import timezone, translation

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.directory.models import AssignmentRole, BodyKind, ReportingCategory
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    PersonFactory,
)
from mandat.notifications.models import Message
from mandat.trainings import services
from mandat.trainings.models import Registration, Training

from .factories import OccasionFactory, TrainingFactory, later

pytestmark = pytest.mark.django_db


@pytest.fixture
def occasion(organisation):
    training = TrainingFactory(organisation=organisation, title="Presidieutbildning")
    return OccasionFactory(training=training, capacity=2, minimum_participants=2)


def invited(occasion, name):
    person = PersonFactory(
        organisation=occasion.organisation,
        first_name=name,
        email=f"{name.lower()}@example.se",
    )
    services.invitation_send(actor=None, training=occasion.training, people=[person])
    return person


def calendar_of(message) -> icalendar.Calendar:
    assert message.calendar
    return icalendar.Calendar.from_ical(message.calendar)


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


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": 5, "minimum_participants": 8}, "minimum_participants"),
        ({"registration_deadline": later(60)}, "registration_deadline"),
    ],
)
def test_bad_occasion_values_are_refused_with_the_field(organisation, change, field):
    training = TrainingFactory(organisation=organisation)
    start = later(30)

    with pytest.raises(ApplicationError) as error:
        services.occasion_create(
            actor=None,
            training=training,
            sessions=[
                services.SessionInput(start, start + datetime.timedelta(hours=2))
            ],
            **change,
        )

    assert error.value.field == field
    assert not training.occasions.exists()


def test_a_session_that_ends_before_it_starts_is_refused(organisation):
    training = TrainingFactory(organisation=organisation)
    start = later(30)

    with pytest.raises(
        ApplicationError,
        match=r"Ett pass måste sluta efter att det har börjat\.",
    ) as error:
        services.occasion_create(
            actor=None,
            training=training,
            sessions=[
                services.SessionInput(start, start - datetime.timedelta(hours=1))
            ],
        )

    assert error.value.field == "sessions"


def test_all_presidia_resolves_to_chairs_and_vice_chairs_of_committees_and_boards(
    organisation, coordinator
):
    committee = BodyFactory(organisation=organisation, name="Socialnämnden")
    company = BodyFactory(
        organisation=organisation,
        name="Bostads AB",
        kind=BodyKind.COMPANY,
        reporting_category=ReportingCategory.COMPANY,
    )
    chair = AssignmentFactory(
        person__organisation=organisation, body=committee, role=AssignmentRole.CHAIR
    ).person
    vice = AssignmentFactory(
        person__organisation=organisation,
        body=company,
        role=AssignmentRole.FIRST_VICE_CHAIR,
    ).person
    AssignmentFactory(person__organisation=organisation, body=committee)  # a member
    chief = PersonFactory(
        organisation=organisation, kind="official", title="Förvaltningschef"
    )
    training = TrainingFactory(organisation=organisation)
    for rule in (
        {"kind": "category", "category": "facknamnd", "roles": "presidium"},
        {"kind": "category", "category": "bolag", "roles": "presidium"},
        {"kind": "officials_title", "title": "förvaltningschef"},
    ):
        services.target_rule_add(actor=coordinator, training=training, **rule)
    OccasionFactory(training=training)

    batch = services.invitation_send(actor=coordinator, training=training)

    assert batch.recipient_count == 3
    assert set(training.invitations.values_list("person", flat=True)) == {
        chair.pk,
        vice.pk,
        chief.pk,
    }
    # Sending again invites only those not yet invited.
    assert (
        services.invitation_send(actor=coordinator, training=training).recipient_count
        == 0
    )


def test_a_series_counts_as_completed_by_its_rule(organisation):
    from mandat.trainings.models import Session, SessionAttendance
    from mandat.trainings.selectors import registration_completion

    from .factories import RegistrationFactory

    occasion = OccasionFactory(
        training__organisation=organisation, completion_min_sessions=2
    )
    for day in (1, 2):
        start = occasion.starts_at + datetime.timedelta(days=day)
        Session.objects.create(
            occasion=occasion,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
        )
    sessions = list(occasion.sessions.all())
    assert len(sessions) == 3
    registration = RegistrationFactory(occasion=occasion)

    def mark(session, status):
        SessionAttendance.objects.update_or_create(
            registration=registration, session=session, defaults={"status": status}
        )
        return registration_completion(
            Registration.objects.prefetch_related(
                "occasion__sessions", "attendance"
            ).get(pk=registration.pk)
        )

    assert mark(sessions[0], "attended") == (False, 3.0)
    assert mark(sessions[1], "absent") == (False, 3.0)
    assert mark(sessions[2], "partly") == (True, 6.0)


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
