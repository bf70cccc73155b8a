"""Occasions and who is invited to them: the values an occasion refuses, a
series counted as completed by its rule, and a target group of all presidia."""

import datetime

import pytest

from mandat.core.exceptions import ApplicationError
from mandat.directory.models import AssignmentRole, BodyKind, ReportingCategory
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    PersonFactory,
)
from mandat.trainings import services
from mandat.trainings.models import Registration

from .factories import OccasionFactory, TrainingFactory, later

pytestmark = pytest.mark.django_db


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
