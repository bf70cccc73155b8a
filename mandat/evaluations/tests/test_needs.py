"""A free-text suggestion on the results page goes to the needs list; the
page answers every role with its status, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from mandat.core.access import Role
from mandat.directory.tests.factories import BodyFactory, PersonFactory
from mandat.evaluations import services
from mandat.evaluations.models import Answer, Need, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(organisation, coordinator):
    """A closed survey with one free-text suggestion."""
    questionnaire = services.questionnaire_create(
        actor=coordinator, organisation=organisation, title="Enkät"
    )
    services.questionnaire_set_status(
        actor=coordinator, questionnaire=questionnaire, status="open"
    )
    services.questionnaire_send(
        actor=coordinator,
        questionnaire=questionnaire,
        people=[PersonFactory(organisation=organisation) for _ in range(5)],
    )
    text = questionnaire.questions.filter(kind=Question.Kind.TEXT).first()
    answers = {
        question.pk: [0] if question.kind == Question.Kind.MULTIPLE else 0
        for question in questionnaire.questions.exclude(kind=Question.Kind.TEXT)
    }
    for recipient in questionnaire.recipients.all():
        services.response_submit(
            token=recipient.token,
            answers={**answers, text.pk: "Mer om offentlighet och sekretess"},
        )
    services.questionnaire_set_status(
        actor=coordinator, questionnaire=questionnaire, status="closed"
    )
    return questionnaire, text


def test_the_coordinator_marks_a_suggestion_as_a_need(
    coordinator_client, organisation, answered
):
    questionnaire, question = answered
    results = reverse("evaluations:results", args=[organisation.slug, questionnaire.pk])
    form_url = reverse(
        "evaluations:need-add", args=[organisation.slug, questionnaire.pk, question.pk]
    )
    assert form_url in coordinator_client.get(results).content.decode()

    response = coordinator_client.post(
        form_url, {"text": "Mer om offentlighet och sekretess"}
    )

    assert response.status_code == 302
    assert Need.objects.get().text == "Mer om offentlighet och sekretess"
    assert all(answer.is_need for answer in Answer.objects.filter(question=question))


@pytest.mark.parametrize("role", [None, *Role.values])
def test_marking_a_need_answers_every_role_without_a_server_error(
    make_user, organisation, answered, role
):
    questionnaire, question = answered
    client = Client()
    if role is not None:
        body = BodyFactory(organisation=organisation)
        secretary = role == Role.COMMITTEE_SECRETARY
        client.force_login(
            make_user(role, organisation, body=body if secretary else None)
        )
    url = reverse(
        "evaluations:need-add", args=[organisation.slug, questionnaire.pk, question.pk]
    )

    response = client.post(url, {"text": "Mer om offentlighet och sekretess"})

    managers = {Role.ADMINISTRATOR, Role.COORDINATOR}
    expected = 302 if role is None or role in managers else 403
    assert response.status_code == expected
    assert Need.objects.exists() == (role in managers)
