"""The coordinator records an occasion already held: who came, registered
on their behalf one by one or from a pasted list, with no e-mail sent."""

import datetime

import pytest
from django.urls import reverse

from mandat.core.exceptions import ApplicationError
from mandat.directory.models import AssignmentRole, Person
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    PersonFactory,
)
from mandat.notifications.models import Message
from mandat.trainings import services
from mandat.trainings.models import (
    Occasion,
    Registration,
    Session,
    SessionAttendance,
)

from .factories import OccasionFactory, TrainingFactory, later

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(organisation):
    """An occasion of two sessions a month ago, for two."""
    training = TrainingFactory(organisation=organisation, title="Presidieutbildning")
    occasion = OccasionFactory(
        training=training,
        capacity=2,
        starts_at=later(-30),
        ends_at=later(-30, 16),
    )
    occasion.sessions.all().delete()
    Session.objects.create(
        occasion=occasion, starts_at=later(-30), ends_at=later(-30, 12)
    )
    Session.objects.create(
        occasion=occasion, starts_at=later(-30, 13), ends_at=later(-30, 16)
    )
    return occasion


def person(organisation, first, last, **fields):
    return PersonFactory(
        organisation=organisation,
        first_name=first,
        last_name=last,
        email=f"{first}.{last}@example.se".lower(),
        **fields,
    )


def test_the_coordinator_registers_someone_for_an_occasion_already_held(
    held, coordinator, run_on_commit
):
    people = [person(held.organisation, n, "Berg") for n in ("Anna", "Bo", "Cia")]

    made = [
        run_on_commit(
            services.registration_create,
            actor=coordinator,
            occasion=held,
            person=someone,
            on_behalf=True,
        )
        for someone in people
    ]

    # Who was there was there: no waiting list beyond the capacity of two,
    # and no confirmation or calendar invitation for a day gone by.
    assert [r.status for r in made] == ["registered"] * 3
    assert not Message.objects.filter(person__in=people).exists()


def test_nobody_registers_themselves_for_an_occasion_that_has_started(held):
    someone = person(held.organisation, "Anna", "Berg")
    services.invitation_send(actor=None, training=held.training, people=[someone])

    with pytest.raises(ApplicationError, match="redan börjat"):
        services.registration_create(actor=None, occasion=held, person=someone)


def test_a_cancelled_occasion_takes_no_one(held, coordinator):
    held.status = Occasion.Status.CANCELLED
    held.save()

    with pytest.raises(ApplicationError, match="inställt"):
        services.registration_create(
            actor=coordinator,
            occasion=held,
            person=person(held.organisation, "Anna", "Berg"),
            on_behalf=True,
        )


def test_a_pasted_list_registers_everyone_and_records_their_attendance(
    held, coordinator_client
):
    org = held.organisation
    annika = person(org, "Annika", "Westh")
    marie = person(org, "Marie", "Brynolfsson")
    timothy = person(org, "Timothy", "Tréville")
    url = reverse("trainings:register-many", args=[org.slug, held.pk])

    response = coordinator_client.post(
        url,
        {
            # As the names stand in the minutes, and as Excel pastes cells.
            "many-people": "Annika Westh (L) ordf\n\nBrynolfsson, Marie\n"
            "Timothy\tTréville\ttimothy.tréville@example.se\n",
            "many-attended": "on",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "Anmälda: 3. På väntelistan: 0." in response.text
    registrations = Registration.objects.filter(occasion=held)
    assert {r.person for r in registrations} == {annika, marie, timothy}
    assert {r.status for r in registrations} == {"registered"}
    marks = SessionAttendance.objects.filter(registration__occasion=held)
    assert marks.count() == 6
    assert {m.status for m in marks} == {"attended"}
    assert not Message.objects.exists()


def test_a_list_with_an_unknown_or_ambiguous_line_registers_no_one(
    held, coordinator_client
):
    org = held.organisation
    person(org, "Annika", "Westh")
    person(org, "Erik", "Lund")
    PersonFactory(organisation=org, first_name="Erik", last_name="Lund", email="")
    url = reverse("trainings:register-many", args=[org.slug, held.pk])

    response = coordinator_client.post(
        url, {"many-people": "Annika Westh\nOkänd Person\nErik Lund"}
    )

    assert response.status_code == 200
    text = response.text
    assert "Rad 2: ingen i registret matchar ”Okänd Person”." in text
    assert "Rad 3: 2 personer matchar ”Erik Lund”" in text
    assert not Registration.objects.exists()


def test_a_target_group_is_read_on_the_day_chosen(organisation, coordinator_client):
    """An introduction for the new term: the members who start on 1 January,
    not those whose term ends the day before."""
    occasion = OccasionFactory(
        training=TrainingFactory(organisation=organisation), capacity=None
    )
    board = BodyFactory(organisation=organisation, name="Kulturnämnden")
    leaving, starting = (
        person(organisation, "Gun", "Gammal", kind=Person.Kind.ELECTED),
        person(organisation, "Ny", "Ledamot", kind=Person.Kind.ELECTED),
    )
    new_year = datetime.date(occasion.starts_at.year + 1, 1, 1)
    AssignmentFactory(
        person=leaving,
        body=board,
        role=AssignmentRole.MEMBER,
        starts_on=datetime.date(2023, 1, 1),
        ends_on=new_year - datetime.timedelta(days=1),
    )
    AssignmentFactory(
        person=starting, body=board, role=AssignmentRole.MEMBER, starts_on=new_year
    )
    group = organisation.target_groups.create(name="Kulturnämnden")
    group.rules.create(kind="body", body=board, roles="members")
    url = reverse("trainings:register-many", args=[organisation.slug, occasion.pk])

    response = coordinator_client.post(
        url, {"many-target_group": group.pk, "many-on": new_year.isoformat()}
    )

    assert response.status_code == 302
    assert [r.person for r in Registration.objects.all()] == [starting]
