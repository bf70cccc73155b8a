"""The results page shows a questionnaire's free-text answers a page at a
time per question, each text once with how many wrote it: a survey of a
large city's officials has hundreds, and the page held every one with its
own form (182 kB at national scale)."""

import pytest
from django.urls import reverse

from mandat.directory.tests.factories import PersonFactory
from mandat.evaluations import services
from mandat.evaluations.models import Question
from mandat.evaluations.views import TEXTS_PER_PAGE

pytestmark = pytest.mark.django_db

ANSWERS = TEXTS_PER_PAGE + 5
SAME = 4  # the last four write the same text


@pytest.fixture
def survey(organisation, coordinator):
    questionnaire = services.questionnaire_create(
        actor=coordinator, organisation=organisation, title="Enkät"
    )
    services.questionnaire_set_status(
        actor=coordinator, questionnaire=questionnaire, status="open"
    )
    services.questionnaire_send(
        actor=coordinator,
        questionnaire=questionnaire,
        people=[PersonFactory(organisation=organisation) for _ in range(ANSWERS)],
    )
    text = questionnaire.questions.filter(kind=Question.Kind.TEXT).first()
    others = {
        question.pk: [0] if question.kind == Question.Kind.MULTIPLE else 0
        for question in questionnaire.questions.exclude(kind=Question.Kind.TEXT)
    }
    for number, recipient in enumerate(questionnaire.recipients.all()):
        services.response_submit(
            token=recipient.token,
            answers={**others, text.pk: f"Önskemål {min(number, ANSWERS - SAME):02}"},
        )
    services.questionnaire_set_status(
        actor=coordinator, questionnaire=questionnaire, status="closed"
    )
    return questionnaire, text


def test_free_text_answers_are_shown_a_page_at_a_time_each_text_once(
    coordinator_client, organisation, survey
):
    questionnaire, text = survey
    url = reverse("evaluations:results", args=[organisation.slug, questionnaire.pk])
    different = ANSWERS - SAME + 1

    first = coordinator_client.get(url).content.decode()
    second = coordinator_client.get(url, {f"answers-{text.pk}": 2}).content.decode()

    shown_first = [n for n in range(ANSWERS) if f"Önskemål {n:02}" in first]
    shown_second = [n for n in range(ANSWERS) if f"Önskemål {n:02}" in second]
    assert shown_first == list(range(TEXTS_PER_PAGE))
    assert shown_second == list(range(TEXTS_PER_PAGE, different))
    assert (
        f'Önskemål {different - 1:02} <span class="muted">({SAME} svar)</span>'
        in second
    )
    assert (
        f"{ANSWERS} fritextsvar, {different} olika: 1–{TEXTS_PER_PAGE} visas" in first
    )
    # The next page's link keeps the reader at the question.
    assert f"?answers-{text.pk}=2#question-{text.pk}" in first
