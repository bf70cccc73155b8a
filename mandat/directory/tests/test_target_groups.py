"""Target groups on their own page, read on a chosen day: an introduction
in February goes to the members whose term starts on 1 January, not to
those whose term ended the day before."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mandat.directory.models import AssignmentRole, TargetGroup
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    PersonFactory,
)
from mandat.notifications.models import Message
from mandat.trainings.models import Invitation, Occasion
from mandat.trainings.tests.factories import OccasionFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_with_a_new_term(organisation):
    """A committee whose old members leave on 31 December and new members
    start on 1 January of next year."""
    board = BodyFactory(organisation=organisation, name="Kulturnämnden")
    new_year = datetime.date(timezone.localdate().year + 1, 1, 1)
    leaving = [PersonFactory(organisation=organisation) for _ in range(3)]
    starting = [PersonFactory(organisation=organisation) for _ in range(2)]
    for person in leaving:
        AssignmentFactory(
            person=person,
            body=board,
            role=AssignmentRole.MEMBER,
            ends_on=new_year - datetime.timedelta(days=1),
        )
    for person in starting:
        AssignmentFactory(
            person=person, body=board, role=AssignmentRole.MEMBER, starts_on=new_year
        )
    return board, new_year, leaving, starting


def test_the_coordinator_makes_a_target_group_and_sees_it_on_a_day(
    coordinator_client, organisation, board_with_a_new_term
):
    board, new_year, leaving, starting = board_with_a_new_term
    slug = organisation.slug

    coordinator_client.post(
        reverse("directory:target-group-list", args=[slug]),
        {"name": "Kulturnämndens ledamöter"},
    )
    group = TargetGroup.objects.get()
    url = reverse("directory:target-group-detail", args=[slug, group.pk])
    coordinator_client.post(url, {"kind": "body", "body": board.pk, "roles": "members"})
    today = coordinator_client.get(url)
    next_term = coordinator_client.get(url, {"on": new_year.isoformat()})

    assert today.context["people"] == sorted(
        leaving, key=lambda p: (p.last_name, p.first_name, p.pk)
    )
    assert {p.pk for p in next_term.context["people"]} == {p.pk for p in starting}


def test_an_introduction_next_term_invites_those_who_start_then(
    coordinator_client, organisation, board_with_a_new_term, run_on_commit
):
    board, new_year, leaving, starting = board_with_a_new_term
    introduction = new_year + datetime.timedelta(days=40)
    training = TrainingFactory(organisation=organisation, title="Introduktion")
    OccasionFactory(
        training=training,
        starts_at=timezone.make_aware(
            datetime.datetime.combine(introduction, datetime.time(9))
        ),
        ends_at=timezone.make_aware(
            datetime.datetime.combine(introduction, datetime.time(12))
        ),
    )
    slug = organisation.slug
    coordinator_client.post(
        reverse("trainings:invite", args=[slug, training.pk]),
        {"action": "add_rule", "kind": "body", "body": board.pk, "roles": "members"},
    )

    page = coordinator_client.get(reverse("trainings:invite", args=[slug, training.pk]))
    run_on_commit(
        coordinator_client.post,
        reverse("trainings:invite-send", args=[slug, training.pk]),
        {"on": page.context["day"].isoformat()},
    )

    assert page.context["day"] == introduction
    invited = set(Invitation.objects.values_list("person_id", flat=True))
    assert invited == {p.pk for p in starting}
    assert Message.objects.filter(event="trainings.invitation").count() == 2
    assert Occasion.objects.count() == 1
