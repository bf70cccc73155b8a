"""Who may open which evaluation page: role × page × expected status."""

import pytest
from django.urls import reverse

from mandat.core.access import Role
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


def test_a_committee_secretary_sends_only_to_those_who_attended(
    client, make_user, organisation
):
    from mandat.directory.models import TargetGroup

    social = BodyFactory(organisation=organisation, name="Socialnämnden")
    questionnaire = services.questionnaire_create(
        actor=None,
        organisation=organisation,
        title="Egen",
        training=TrainingFactory(organisation=organisation, responsible_body=social),
    )
    services.questionnaire_set_status(
        actor=None, questionnaire=questionnaire, status="open"
    )
    group = TargetGroup.objects.create(organisation=organisation, name="Alla")
    client.force_login(make_user(Role.COMMITTEE_SECRETARY, organisation, body=social))
    response = client.post(
        reverse(
            "evaluations:questionnaire-send",
            args=[organisation.slug, questionnaire.pk],
        ),
        {"target_group": group.pk},
    )
    assert response.status_code == 404
    assert not questionnaire.recipients.exists()
