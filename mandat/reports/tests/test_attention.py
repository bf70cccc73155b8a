"""The overview lists what needs the coordinator's attention, each with its
action, in the same number of queries whatever there is."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mandat.meetings import services as meeting_services
from mandat.meetings.tests.factories import hold, steering_group
from mandat.reports import services
from mandat.reports.attention import attention_list
from mandat.trainings.tests.factories import OccasionFactory

pytestmark = pytest.mark.django_db


def _trouble(organisation, number: int):
    group = steering_group(organisation) if number == 0 else None
    day = timezone.now() - datetime.timedelta(days=10 + number)
    if group is not None:
        meeting = meeting_services.meeting_create(
            actor=None,
            group=group,
            starts_at=day,
            ends_at=day + datetime.timedelta(hours=1),
        )
        hold(meeting)
        meeting_services.action_item_create(
            actor=None,
            meeting=meeting,
            what="Boka lokal",
            owner_label="SLK",
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    occasion = OccasionFactory(
        training__organisation=organisation,
        minimum_participants=5,
        capacity=20,
        registration_deadline=timezone.now() + datetime.timedelta(days=2),
        starts_at=timezone.now() + datetime.timedelta(days=9),
    )
    services.budget_set(
        actor=None,
        organisation=organisation,
        year=timezone.localdate().year,
        amount=100,
    )
    services.cost_add(
        actor=None,
        training=occasion.training,
        category="venue",
        amount=1000,
        incurred_on=timezone.localdate(),
    )


def test_overview_lists_each_problem_with_its_action(coordinator_client, organisation):
    _trouble(organisation, 0)
    kinds = {item.kind for item in attention_list(organisation=organisation)}
    assert kinds == {"minimum", "minutes", "action", "budget"}
    page = coordinator_client.get(
        reverse("portal:dashboard", args=[organisation.slug])
    ).content.decode()
    assert "Behöver uppmärksamhet" in page or "uppmärksamhet" in page
    assert "Skriv och fastställ anteckningarna" in page


def test_overview_attention_runs_the_same_queries_at_two_sizes(organisation):
    _trouble(organisation, 0)
    with CaptureQueriesContext(connection) as small:
        attention_list(organisation=organisation)
    for number in range(1, 5):
        _trouble(organisation, number)
    with CaptureQueriesContext(connection) as large:
        attention_list(organisation=organisation)
    assert len(large.captured_queries) == len(small.captured_queries)
