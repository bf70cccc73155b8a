"""The annual report: every figure computed, the same in every format, an
empty year valid, and the same number of queries whatever the data."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from mandat.directory.tests.factories import PersonFactory
from mandat.evaluations import services as evaluation_services
from mandat.reports import services
from mandat.reports.annual import annual_report
from mandat.testing.pdfs import is_pdf_a, needs_pdf
from mandat.trainings.models import SessionAttendance
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def held_training(organisation, *, people: int, day: datetime.datetime):
    occasion = OccasionFactory(training__organisation=organisation, starts_at=day)
    occasion.sessions.update(starts_at=day, ends_at=day + datetime.timedelta(hours=3))
    session = occasion.sessions.first()
    for number in range(people):
        person = PersonFactory(
            organisation=organisation, gender="woman" if number % 2 else "man"
        )
        registration = RegistrationFactory(occasion=occasion, person=person)
        SessionAttendance.objects.create(
            registration=registration, session=session, status="attended"
        )
    services.cost_add(
        actor=None,
        training=occasion.training,
        category="speaker",
        amount=20000,
        incurred_on=day.date(),
    )
    questionnaire = evaluation_services.questionnaire_create(
        actor=None,
        organisation=organisation,
        title="Utvärdering",
        training=occasion.training,
    )
    evaluation_services.questionnaire_set_status(
        actor=None, questionnaire=questionnaire, status="open"
    )
    evaluation_services.questionnaire_send(
        actor=None,
        questionnaire=questionnaire,
        people=evaluation_services.occasion_attendees(occasion),
        occasion=occasion,
    )
    grade = questionnaire.questions.get(is_grade=True)
    recipients = list(questionnaire.recipients.all())
    for step, recipient in zip([3, 2, 1, 3, 2], recipients[:-1], strict=False):
        evaluation_services.response_submit(
            token=recipient.token, answers={grade.pk: step}
        )
    evaluation_services.questionnaire_set_status(
        actor=None, questionnaire=questionnaire, status="closed"
    )
    return occasion


def test_the_report_counts_what_was_held_and_the_json_matches_the_page(
    organisation, coordinator_client
):
    day = datetime.datetime(2025, 3, 12, 13, tzinfo=datetime.UTC)
    occasion = held_training(organisation, people=6, day=day)
    services.budget_set(actor=None, organisation=organisation, year=2025, amount=15000)
    report = annual_report(organisation=organisation, year=2025)
    training = report["trainings_outside_plan"][0]
    assert training["title"] == occasion.training.title
    assert (training["registered"], training["attended"]) == (6, 6)
    assert (training["attended_women"], training["attended_men"]) == (3, 3)
    assert training["evaluation"] == {
        "asked": 6,
        "answered": 5,
        "elected_asked": 6,
        "elected_answered": 5,
        "elected_response_rate": 83,
        "response_rate": 83,
        "top_two_share": 80,
    }
    assert report["costs"]["total"] == 20000 and report["costs"]["over_budget"]
    url = reverse("reports:annual-report", args=[organisation.slug])
    page = coordinator_client.get(url + "?year=2025").content.decode()
    exported = json.loads(
        coordinator_client.get(url + "?year=2025&format=json").content
    )
    assert exported == json.loads(json.dumps(report))
    for figure in ("83 %", "80 %", "20\xa0000 kr", occasion.training.title):
        assert figure in page


def test_a_year_without_data_is_an_empty_valid_report(organisation, tmp_path):
    output = tmp_path / "rapport.json"
    call_command(
        "report",
        "annual",
        org=organisation.slug,
        year=2019,
        format="json",
        output=str(output),
    )
    report = json.loads(output.read_text())
    assert report["year"] == 2019
    assert report["totals"]["trainings"] == 0
    assert report["costs"] == {
        "total": 0,
        "by_category": [],
        "budget": None,
        "over_budget": False,
    }


@needs_pdf
def test_the_command_writes_pdf_a_and_word(organisation, tmp_path):
    held_training(
        organisation,
        people=3,
        day=datetime.datetime(2025, 5, 5, 9, tzinfo=datetime.UTC),
    )
    for fmt in ("pdf", "docx"):
        call_command(
            "report",
            "annual",
            org=organisation.slug,
            year=2025,
            format=fmt,
            output=str(tmp_path / f"r.{fmt}"),
        )
    assert is_pdf_a((tmp_path / "r.pdf").read_bytes())
    document = Document(io.BytesIO((tmp_path / "r.docx").read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Årsrapport 2025" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "20 000 kr" in [c.replace("\xa0", " ") for c in cells]


def test_the_report_runs_the_same_queries_at_two_sizes(organisation):
    held_training(
        organisation,
        people=2,
        day=datetime.datetime(2025, 2, 2, 9, tzinfo=datetime.UTC),
    )
    with CaptureQueriesContext(connection) as small:
        annual_report(organisation=organisation, year=2025)
    for month in (4, 6, 8, 10):
        held_training(
            organisation,
            people=6,
            day=datetime.datetime(2025, month, 2, 9, tzinfo=datetime.UTC),
        )
    with CaptureQueriesContext(connection) as large:
        annual_report(organisation=organisation, year=2025)
    assert len(large.captured_queries) == len(small.captured_queries)
