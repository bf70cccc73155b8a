"""Who may open which evaluation page: role × page × expected status."""

import pytest
from django.urls import reverse

from mandat.accounts.models import Role
from mandat.directory.tests.factories import BodyFactory
from mandat.evaluations import services
from mandat.trainings.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db

MANAGERS = {Role.ADMINISTRATOR, Role.COORDINATOR}


@pytest.mark.parametrize("role", [None, *Role.values])
def test_evaluation_permission_matrix(client, make_user, organisation, role):
    social = BodyFactory(organisation=organisation, name="Socialnämnden")
    own = services.questionnaire_create(
        actor=None,
        organisation=organisation,
        title="Egen",
        training=TrainingFactory(organisation=organisation, responsible_body=social),
    )
    central = services.questionnaire_create(
        actor=None, organisation=organisation, title="Central"
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

    def status(allowed):
        if role is None:
            return 302
        return 200 if role in allowed else 403

    own_managers = MANAGERS | {Role.COMMITTEE_SECRETARY}
    matrix = {
        reverse("evaluations:questionnaire-list", args=[slug]): status(MANAGERS),
        reverse("evaluations:need-list", args=[slug]): status(MANAGERS),
        reverse("evaluations:questionnaire-detail", args=[slug, own.pk]): status(
            own_managers
        ),
        reverse("evaluations:results", args=[slug, own.pk]): status(own_managers),
        reverse("evaluations:results", args=[slug, central.pk]): status(MANAGERS),
    }
    actual = {url: client.get(url).status_code for url in matrix}
    assert actual == matrix
