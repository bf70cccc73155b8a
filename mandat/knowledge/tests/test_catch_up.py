"""Catch-up for newcomers: the basic items not taken, with films and the
next occasions, and invitations to them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mandat.core.access import Role
from mandat.directory.tests.factories import (
    AssignmentFactory,
    MandatePeriodFactory,
    PersonFactory,
)
from mandat.knowledge import catch_up, services
from mandat.trainings.models import (
    Invitation,
    PlanItem,
    SessionAttendance,
    TrainingPlan,
)
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organisation):
    today = timezone.localdate()
    period = MandatePeriodFactory(
        organisation=organisation,
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today + datetime.timedelta(days=1000),
    )
    return TrainingPlan.objects.create(
        organisation=organisation, period=period, title="P"
    )


def test_a_newcomer_sees_what_is_left_and_is_invited(
    organisation, plan, client, make_user
):
    basic = PlanItem.objects.create(
        plan=plan, year=1, title="Grundutbildning", responsible="kf", is_basic=True
    )
    taken = PlanItem.objects.create(
        plan=plan, year=1, title="Jäv", responsible="kf", is_basic=True
    )
    PlanItem.objects.create(
        plan=plan,
        year=1,
        title="Avstängd",
        responsible="kf",
        is_basic=True,
        catch_up=False,
    )
    user = make_user(Role.ELECTED, organisation)
    newcomer = PersonFactory(organisation=organisation, account=user)
    AssignmentFactory(
        person=newcomer, starts_on=timezone.localdate() - datetime.timedelta(days=20)
    )
    done = OccasionFactory(
        training__organisation=organisation, training__plan_item=taken
    )
    registration = RegistrationFactory(occasion=done, person=newcomer)
    SessionAttendance.objects.create(
        registration=registration, session=done.sessions.first(), status="attended"
    )
    upcoming = OccasionFactory(
        training__organisation=organisation,
        training__plan_item=basic,
        training__status="open",
        starts_at=timezone.now() + datetime.timedelta(days=30),
    )
    film = services.film_save(
        actor=None,
        organisation=organisation,
        title="Grundutbildningen på film",
        video_url="https://video.example/1",
        captions_url="https://video.example/1.vtt",
        plan_item=basic,
    )
    services.film_publish(actor=None, film=film)
    rows = catch_up.catch_up_list(newcomer)
    assert [row.item.title for row in rows] == ["Grundutbildning"]
    assert rows[0].films == [film] and rows[0].occasions == [upcoming]
    assert newcomer in catch_up.newcomers(organisation)
    assert catch_up.catch_up_due() == 1
    assert catch_up.catch_up_due() == 0
    assert Invitation.objects.filter(
        person=newcomer, training=upcoming.training
    ).exists()
    client.force_login(user)
    page = client.get(reverse("knowledge:my-catch-up", args=[organisation.slug]))
    assert "Grundutbildningen på film" in page.content.decode()
