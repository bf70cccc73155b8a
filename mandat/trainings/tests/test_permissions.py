"""Who may open which training page: role × page × expected status."""

import pytest
from django.urls import reverse

from mandat.core.access import Role
from mandat.directory.tests.factories import BodyFactory, MandatePeriodFactory
from mandat.trainings.models import TrainingPlan

from .factories import OccasionFactory, TrainingFactory

pytestmark = pytest.mark.django_db

MANAGERS = {Role.ADMINISTRATOR, Role.COORDINATOR}


@pytest.mark.parametrize("role", [None, *Role.values])
def test_training_permission_matrix(client, make_user, organisation, role):
    social = BodyFactory(organisation=organisation, name="Socialnämnden")
    culture = BodyFactory(organisation=organisation, name="Kulturnämnden")
    own = OccasionFactory(
        training=TrainingFactory(organisation=organisation, responsible_body=social)
    )
    central = OccasionFactory(training=TrainingFactory(organisation=organisation))
    TrainingFactory(organisation=organisation, responsible_body=culture)
    plan = TrainingPlan.objects.create(
        organisation=organisation,
        period=MandatePeriodFactory(organisation=organisation),
        title="Plan",
    )
    if role is not None:
        client.force_login(
            make_user(
                role,
                organisation,
                body=social if role == Role.COMMITTEE_SECRETARY else None,
            )
        )
    slug = organisation.slug

    def status(allowed, *, secretary=None):
        if role is None:
            return 302
        if role == Role.COMMITTEE_SECRETARY and secretary is not None:
            return secretary
        return 200 if role in allowed else 403

    sees = MANAGERS | {Role.COMMITTEE_SECRETARY}
    matrix = {
        reverse("trainings:training-list", args=[slug]): status(sees),
        reverse("trainings:training-create", args=[slug]): status(sees),
        reverse("trainings:plan-detail", args=[slug, plan.pk]): status(sees),
        reverse("trainings:plan-item-create", args=[slug, plan.pk]): status(MANAGERS),
        # A committee secretary runs their own committee's trainings only.
        reverse("trainings:training-detail", args=[slug, own.training_id]): status(
            sees
        ),
        reverse("trainings:training-detail", args=[slug, central.training_id]): status(
            sees, secretary=404
        ),
        reverse("trainings:participants", args=[slug, own.pk]): status(sees),
        reverse("trainings:participants", args=[slug, central.pk]): status(
            MANAGERS, secretary=403
        ),
        reverse("trainings:checkin", args=[slug, own.pk]): status(sees),
        reverse("trainings:invite", args=[slug, own.training_id]): status(sees),
        reverse("trainings:my-trainings", args=[slug]): 302 if role is None else 200,
        reverse("notifications:outbox", args=[slug]): status(MANAGERS),
        reverse("notifications:template-list", args=[slug]): status(MANAGERS),
    }
    actual = {url: client.get(url).status_code for url in matrix}
    assert actual == matrix


def test_a_committee_secretary_is_told_to_choose_their_committee(
    client, make_user, organisation
):
    social = BodyFactory(organisation=organisation, name="Socialnämnden")
    client.force_login(make_user(Role.COMMITTEE_SECRETARY, organisation, body=social))
    url = reverse("trainings:training-create", args=[organisation.slug])
    response = client.post(url, {"title": "Sekretess", "reminder_days_before": 3})
    assert response.status_code == 200
    assert response.context["form"].errors["responsible_body"] == ["Välj din nämnd."]
    assert not organisation.trainings.exists()

    response = client.post(
        url,
        {
            "title": "Sekretess",
            "reminder_days_before": 3,
            "responsible_body": social.pk,
        },
    )
    assert response.status_code == 302
    assert organisation.trainings.get().responsible_body == social
