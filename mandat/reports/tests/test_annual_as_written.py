"""The annual report as the steering group's report to KS reads: per
training the elected officials and the officials apart, the kinds of body
adding up to the elected who came, each occasion with its own counts,
response rates in whole per cent rounded down over those asked, and the
plan's changes in the year they belong to."""

import datetime

import pytest

from mandat.directory.models import Person, ReportingCategory
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    MandatePeriodFactory,
    PersonFactory,
)
from mandat.evaluations import services as evaluation_services
from mandat.evaluations.models import Questionnaire
from mandat.reports.annual import annual_report
from mandat.trainings import services as training_services
from mandat.trainings.models import PlanItem, SessionAttendance
from mandat.trainings.tests.factories import (
    OccasionFactory,
    RegistrationFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


def _came(occasion, person):
    registration = RegistrationFactory(occasion=occasion, person=person)
    for session in occasion.sessions.all():
        SessionAttendance.objects.create(
            registration=registration, session=session, status="attended"
        )


def test_one_training_as_the_report_to_ks_gives_it(organisation):
    training = TrainingFactory(organisation=organisation, title="Presidieutbildning")
    first = OccasionFactory(
        training=training,
        starts_at=datetime.datetime(2025, 3, 12, 8, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 3, 12, 15, tzinfo=datetime.UTC),
    )
    second = OccasionFactory(
        training=training,
        starts_at=datetime.datetime(2025, 4, 2, 8, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 4, 2, 15, tzinfo=datetime.UTC),
    )
    bodies = {
        category: BodyFactory(organisation=organisation, reporting_category=category)
        for category in (
            ReportingCategory.DISTRICT_COMMITTEE,
            ReportingCategory.SPECIALIST_COMMITTEE,
            ReportingCategory.COMPANY,
        )
    }
    council = BodyFactory(
        organisation=organisation,
        reporting_category=ReportingCategory.COUNCIL_AND_EXECUTIVE,
    )
    elected = []
    for category, count in (
        (ReportingCategory.DISTRICT_COMMITTEE, 4),
        (ReportingCategory.SPECIALIST_COMMITTEE, 3),
        (ReportingCategory.COMPANY, 2),
    ):
        for _ in range(count):
            person = PersonFactory(organisation=organisation)
            AssignmentFactory(person=person, body=bodies[category])
            # Also on the council: counted once, under the committee.
            AssignmentFactory(person=person, body=council)
            elected.append(person)
    officials = [
        PersonFactory(
            organisation=organisation,
            kind=Person.Kind.OFFICIAL,
            title="Förvaltningschef",
        )
        for _ in range(3)
    ]
    for person in elected[:6] + officials[:2]:
        _came(first, person)
    for person in elected[6:] + officials[2:]:
        _came(second, person)
    questionnaire = evaluation_services.questionnaire_create(
        actor=None, organisation=organisation, title="Utvärdering", training=training
    )
    questionnaire.audience = Questionnaire.Audience.ELECTED
    questionnaire.save()
    evaluation_services.questionnaire_set_status(
        actor=None, questionnaire=questionnaire, status="open"
    )
    for occasion in (first, second):
        evaluation_services.questionnaire_send(
            actor=None,
            questionnaire=questionnaire,
            people=evaluation_services.occasion_attendees(occasion, elected_only=True),
            occasion=occasion,
        )
    grade = questionnaire.questions.get(is_grade=True)
    for recipient in list(questionnaire.recipients.all())[:7]:
        evaluation_services.response_submit(
            token=recipient.token, answers={grade.pk: 3}
        )

    report = annual_report(organisation=organisation, year=2025)

    row = report["trainings_outside_plan"][0]
    assert (row["attended"], row["attended_elected"], row["attended_officials"]) == (
        12,
        9,
        3,
    )
    assert [(c["key"], c["people"]) for c in row["by_category"]] == [
        ("stadsdelsnamnd", 4),
        ("facknamnd", 3),
        ("bolag", 2),
    ]
    assert [(o["date"], o["attended"]) for o in row["occasion_rows"]] == [
        ("2025-03-12", 8),
        ("2025-04-02", 4),
    ]
    # Asked: the nine elected officials only; 7 of 9 is 77.8 %, written 77 %.
    evaluation = row["evaluation"]
    assert (evaluation["asked"], evaluation["answered"]) == (9, 7)
    assert evaluation["response_rate"] == 77
    assert sum(c["people"] for c in report["participants_by_category"]) == 9


def test_a_plan_item_cancelled_counts_in_its_own_year_only(organisation):
    period = MandatePeriodFactory(
        organisation=organisation,
        name="2022–2026",
        starts_on=datetime.date(2022, 10, 15),
        ends_on=datetime.date(2026, 10, 14),
    )
    plan = training_services.plan_create(
        actor=None, organisation=organisation, period=period, title="Plan"
    )
    for year, title in ((1, "Grundutbildning"), (3, "Omvärldsanalys")):
        training_services.plan_item_save(
            actor=None,
            plan=plan,
            year=year,
            title=title,
            responsible=PlanItem.Responsible.EXECUTIVE,
            status=PlanItem.Status.CANCELLED,
            status_note="För få anmälda",
        )

    titles = {
        year: [
            row["title"]
            for row in annual_report(organisation=organisation, year=year)[
                "cancelled_or_moved"
            ]
        ]
        for year in (2023, 2025)
    }

    assert titles == {2023: ["Grundutbildning"], 2025: ["Omvärldsanalys"]}
