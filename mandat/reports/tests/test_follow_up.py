"""The mandate-period follow-up: who on each body has taken the basic
programme."""

import datetime

import pytest
from django.urls import reverse

from mandat.directory.models import AssignmentRole
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    MandatePeriodFactory,
)
from mandat.reports.follow_up import follow_up
from mandat.trainings.models import PlanItem, SessionAttendance, TrainingPlan
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_share_of_each_bodys_members_and_substitutes_who_took_the_basic_items(
    organisation, coordinator_client
):
    period = MandatePeriodFactory(
        organisation=organisation,
        starts_on=datetime.date(2022, 10, 15),
        ends_on=datetime.date(2026, 10, 14),
    )
    plan = TrainingPlan.objects.create(
        organisation=organisation, period=period, title="Plan"
    )
    basic = PlanItem.objects.create(
        plan=plan, year=1, title="Grundutbildning", responsible="kf", is_basic=True
    )
    PlanItem.objects.create(plan=plan, year=2, title="Valfri", responsible="kf")
    committee = BodyFactory(organisation=organisation, name="Kulturnämnden")
    seats = [
        AssignmentFactory(
            person__organisation=organisation,
            body=committee,
            role=role,
            starts_on=datetime.date(2023, 1, 1),
        )
        for role in [
            AssignmentRole.CHAIR,
            AssignmentRole.MEMBER,
            AssignmentRole.MEMBER,
            AssignmentRole.SUBSTITUTE,
        ]
    ]
    occasion = OccasionFactory(
        training__organisation=organisation, training__plan_item=basic
    )
    for seat in seats[:3]:
        registration = RegistrationFactory(occasion=occasion, person=seat.person)
        SessionAttendance.objects.create(
            registration=registration,
            session=occasion.sessions.first(),
            status="attended",
        )
    data = follow_up(plan=plan, body_id=committee.pk)
    row = next(r for r in data["bodies"] if r.body == committee)
    assert (row.people, row.taken, row.shares) == (4, [3], [75])
    assert [marks for _name, marks in data["people"]].count([True]) == 3
    page = coordinator_client.get(
        reverse("reports:period-follow-up", args=[organisation.slug])
        + f"?plan={plan.pk}&body={committee.pk}"
    ).content.decode()
    assert "75 %" in page and seats[3].person.full_name in page
