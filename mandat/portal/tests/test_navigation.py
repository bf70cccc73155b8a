"""The menu in groups, and links only to pages the viewer may open."""

import pytest
from django.urls import reverse

from mandat.core.access import Role
from mandat.directory.tests.factories import BodyFactory, MandatePeriodFactory
from mandat.trainings.models import PlanItem, TrainingPlan
from mandat.trainings.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


def test_the_coordinators_menu_is_eight_headings_with_their_pages(
    coordinator_client, organisation
):
    page = coordinator_client.get(reverse("portal:dashboard", args=[organisation.slug]))

    groups = page.context["nav_items"]
    assert len(groups) <= 8
    labels = [group.label for group in groups]
    assert labels[:3] == ["Översikt", "Utbildningar", "Möten"]
    register = next(group for group in groups if group.label == "Register")
    assert [item.label for item in register.items] == [
        "Personer",
        "Organ",
        "Uppdrag",
        "Målgrupper",
        "Import",
    ]
    assert 'aria-controls="main-menu"' in page.text


def test_a_secretarys_plan_links_only_the_trainings_they_may_open(
    client, make_user, organisation
):
    mine, other = (BodyFactory(organisation=organisation) for _ in range(2))
    secretary = make_user(Role.COMMITTEE_SECRETARY, organisation, body=mine)
    plan = TrainingPlan.objects.create(
        organisation=organisation,
        period=MandatePeriodFactory(organisation=organisation),
        title="Plan",
    )
    item = PlanItem.objects.create(plan=plan, year=1, title="Punkt", responsible="kf")
    ours = TrainingFactory(
        organisation=organisation, responsible_body=mine, plan_item=item
    )
    theirs = TrainingFactory(
        organisation=organisation, responsible_body=other, plan_item=item
    )
    client.force_login(secretary)

    page = client.get(
        reverse("trainings:plan-detail", args=[organisation.slug, plan.pk])
    )

    assert (
        reverse("trainings:training-detail", args=[organisation.slug, ours.pk])
        in page.text
    )
    assert theirs.title in page.text
    assert (
        reverse("trainings:training-detail", args=[organisation.slug, theirs.pk])
        not in page.text
    )
