"""Evaluations end to end: sent to those who attended, answered from a
personal link, results with a suppressed small group; bad links and answers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mandat.core.exceptions import ApplicationError
from mandat.directory.tests.factories import PersonFactory
from mandat.evaluations import services
from mandat.evaluations.models import Questionnaire, Recipient, Response
from mandat.evaluations.selectors import questionnaire_results
from mandat.notifications.models import Message
from mandat.trainings.models import SessionAttendance
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def occasion(organisation):
    occasion = OccasionFactory(training__organisation=organisation)
    session = occasion.sessions.first()
    for number in range(9):
        registration = RegistrationFactory(
            occasion=occasion, person=PersonFactory(organisation=organisation)
        )
        SessionAttendance.objects.create(
            registration=registration,
            session=session,
            status="absent" if number == 8 else "attended",
        )
    return occasion


@pytest.fixture
def questionnaire(occasion, coordinator):
    questionnaire = services.questionnaire_create(
        actor=coordinator,
        organisation=occasion.organisation,
        title="Utvärdering",
        training=occasion.training,
    )
    services.questionnaire_set_status(
        actor=coordinator, questionnaire=questionnaire, status="open"
    )
    return questionnaire


def _questions(questionnaire):
    return {q.position: q for q in questionnaire.questions.all()}


def answer_all(questionnaire, grades_and_genders):
    q = _questions(questionnaire)
    grade, relevance, best, gender = q[10], q[20], q[30], q[60]
    tokens = list(
        questionnaire.recipients.order_by("id").values_list("token", flat=True)
    )
    for token, (grade_step, gender_index) in zip(
        tokens, grades_and_genders, strict=False
    ):
        services.response_submit(
            token=token,
            answers={
                grade.pk: grade_step,
                relevance.pk: 3,
                best.pk: f"Bra föreläsare {grade_step}",
                gender.pk: gender_index,
            },
        )


def test_standard_evaluation_goes_to_those_who_attended(questionnaire, occasion):
    count = services.questionnaire_send(
        actor=None,
        questionnaire=questionnaire,
        people=services.occasion_attendees(occasion),
        occasion=occasion,
    )
    assert count == 8  # the one absent is not asked
    questions = list(questionnaire.questions.values_list("text", flat=True))
    assert questions[0] == "Vilket helhetsbetyg ger du utbildningen?"
    message = Message.objects.filter(event="evaluations.request").first()
    assert "/e/" in message.body_text and "anonyma" in message.body_text


def test_the_worker_sends_after_the_occasion_and_reminds_once(questionnaire, occasion):
    occasion.sessions.update(
        starts_at=timezone.now() - datetime.timedelta(hours=8),
        ends_at=timezone.now() - datetime.timedelta(hours=5),
    )
    type(occasion).objects.filter(pk=occasion.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=8),
        ends_at=timezone.now() - datetime.timedelta(hours=5),
    )
    assert services.evaluations_due() == 8
    assert services.evaluations_due() == 0
    Recipient.objects.update(sent_at=timezone.now() - datetime.timedelta(days=6))
    services.response_submit(
        token=Recipient.objects.first().token,
        answers={_questions(questionnaire)[10].pk: 3},
    )
    assert services.reminders_due() == 7
    assert services.reminders_due() == 0


def test_results_show_rate_distribution_and_suppress_the_small_group(
    questionnaire, occasion, coordinator_client, organisation
):
    services.questionnaire_send(
        actor=None,
        questionnaire=questionnaire,
        people=services.occasion_attendees(occasion),
        occasion=occasion,
    )
    # Six women and one man answer; one does not answer.
    answer_all(questionnaire, [(3, 0), (3, 0), (2, 0), (2, 0), (1, 0), (3, 0), (0, 1)])
    url = reverse("evaluations:results", args=[organisation.slug, questionnaire.pk])
    # While open, only the response rate: a new answer would show as a change.
    open_page = coordinator_client.get(url).content.decode()
    # 7 of 8 is 87.5 %: written 87 %, rounded down as the reports write it.
    assert "svarsfrekvens 87 %" in open_page and "<svg" not in open_page
    services.questionnaire_set_status(
        actor=None, questionnaire=questionnaire, status="closed"
    )
    with pytest.raises(
        ApplicationError, match="En enkät med svar kan inte öppnas igen:"
    ):
        services.questionnaire_set_status(
            actor=None, questionnaire=questionnaire, status="open"
        )
    result = questionnaire_results(questionnaire=questionnaire)
    assert (result.asked, result.answered, result.response_rate) == (8, 7, 87)
    grade = result.questions[0]
    assert grade.overall.counts == [1, 1, 2, 3]
    assert grade.overall.top_two == 71
    assert grade.overall.mean == 3.0
    by_gender = grade.breakdowns["Kön (frivilligt)"]
    women = next(g for g in by_gender if g.label == "kvinna")
    man = next(g for g in by_gender if g.label == "man")
    assert man.suppressed and man.counts == [0, 0, 0, 0]
    # With one group hidden, the women would reveal it by subtraction.
    assert women.suppressed
    page = coordinator_client.get(url).content.decode()
    assert "svarsfrekvens 87 %" in page
    assert "visas inte" in page
    assert "<svg" in page and "<table" in page


def test_bad_links_and_answers_change_nothing(questionnaire, occasion, client):
    services.questionnaire_send(
        actor=None,
        questionnaire=questionnaire,
        people=services.occasion_attendees(occasion),
        occasion=occasion,
    )
    recipient = Recipient.objects.first()
    grade = _questions(questionnaire)[10]
    forged = client.get(reverse("evaluations:answer", args=["x" * 43]))
    assert forged.status_code == 404
    with pytest.raises(ApplicationError, match=r"Välj ett av stegen på skalan\."):
        services.response_submit(token=recipient.token, answers={grade.pk: 7})
    response = client.post(
        reverse("evaluations:answer", args=[recipient.token]), {f"q{grade.pk}": "9"}
    )
    assert response.status_code == 200
    assert not Response.objects.exists()
    services.response_submit(token=recipient.token, answers={grade.pk: 2})
    with pytest.raises(ApplicationError, match=r"Du har redan svarat\.") as twice:
        services.response_submit(token=recipient.token, answers={grade.pk: 3})
    assert "redan" in str(twice.value)
    late = Recipient.objects.exclude(pk=recipient.pk).first()
    Recipient.objects.filter(pk=late.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ApplicationError, match=r"Enkäten är stängd\."):
        services.response_submit(token=late.token, answers={grade.pk: 3})
    assert Response.objects.count() == 1
    assert Questionnaire.objects.get().status == "open"


def test_one_or_few_answers_are_never_shown(questionnaire, occasion):
    services.questionnaire_send(
        actor=None,
        questionnaire=questionnaire,
        people=services.occasion_attendees(occasion),
        occasion=occasion,
    )
    answer_all(questionnaire, [(0, 1)] * 4)
    services.questionnaire_set_status(
        actor=None, questionnaire=questionnaire, status="closed"
    )
    result = questionnaire_results(questionnaire=questionnaire)
    assert result.withheld and result.questions == []
    assert result.response_rate == 50


def test_two_small_groups_cannot_be_worked_out_from_the_rest(
    questionnaire, occasion, organisation
):
    extra = [PersonFactory(organisation=organisation) for _ in range(4)]
    services.questionnaire_send(
        actor=None,
        questionnaire=questionnaire,
        people=list(services.occasion_attendees(occasion)) + extra,
        occasion=occasion,
    )
    # Ten women give the top grade; one man and one "other" both fail it.
    answer_all(questionnaire, [(3, 0)] * 10 + [(0, 1), (0, 2)])
    services.questionnaire_set_status(
        actor=None, questionnaire=questionnaire, status="closed"
    )
    grade = questionnaire_results(questionnaire=questionnaire).questions[0]
    assert all(group.suppressed for group in grade.breakdowns["Kön (frivilligt)"])
