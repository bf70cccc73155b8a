"""Benchmark: the annual report of a municipality with four years of data
(600 elected officials, 200 trainings, 10,000 registrations, 5,000
evaluation answers): the web page, the PDF/A, and their SQL queries.

    .venv/bin/python bench/reports.py             # SQLite file
    .venv/bin/python bench/reports.py --postgres  # a throwaway PostgreSQL
"""

import datetime
import logging
import random
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.environment import bench_main  # noqa: E402


def run(args) -> None:
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from mandat.accounts.models import Membership, User
    from mandat.core.access import Role
    from mandat.core.models import Organisation
    from mandat.directory.models import Assignment, Body, Person
    from mandat.evaluations.models import (
        Answer,
        Question,
        Questionnaire,
        Recipient,
        Response,
    )
    from mandat.reports.annual import annual_report
    from mandat.reports.models import CostLine
    from mandat.reports.output import report_pdf
    from mandat.trainings.models import (
        Occasion,
        Registration,
        Session,
        SessionAttendance,
        Training,
    )

    rng = random.Random(1)
    started = time.perf_counter()
    organisation = Organisation.objects.create(name="Benchstad", slug="benchstad")
    user = User.objects.create_user(email="b@example.se", password="x" * 12)
    Membership.objects.create(
        user=user, organisation=organisation, role=Role.COORDINATOR
    )
    categories = ["kf_ks", "stadsdelsnamnd", "facknamnd", "bolag", "stiftelse"]
    bodies = Body.objects.bulk_create(
        Body(
            organisation=organisation,
            name=f"Organ {n}",
            kind="namnd",
            reporting_category=categories[n % 5],
            term_rule="january",
        )
        for n in range(30)
    )
    people = Person.objects.bulk_create(
        Person(
            organisation=organisation,
            first_name="Förtroendevald",
            last_name=f"Nummer {n}",
            email=f"p{n}@example.se",
            gender=rng.choice(["woman", "man", ""]),
        )
        for n in range(600)
    )
    Assignment.objects.bulk_create(
        Assignment(
            organisation=organisation,
            person=person,
            body=bodies[n % 30],
            role="ledamot",
            starts_on=datetime.date(2022, 1, 1),
        )
        for n, person in enumerate(people)
    )
    zone = timezone.get_current_timezone()
    trainings, occasions, sessions = [], [], []
    for n in range(200):
        day = datetime.datetime(2022 + n // 50, 1 + (n % 50) // 5, 10, 13, tzinfo=zone)
        trainings.append(
            Training(organisation=organisation, title=f"Utbildning {n}", status="held")
        )
    Training.objects.bulk_create(trainings)
    for n, training in enumerate(trainings):
        day = datetime.datetime(2022 + n // 50, 1 + (n % 50) // 5, 10, 13, tzinfo=zone)
        occasions.append(
            Occasion(
                organisation=organisation,
                training=training,
                starts_at=day,
                ends_at=day + datetime.timedelta(hours=3),
                status="held",
            )
        )
    Occasion.objects.bulk_create(occasions)
    sessions = Session.objects.bulk_create(
        Session(
            occasion=occasion,
            starts_at=occasion.starts_at,
            ends_at=occasion.ends_at,
        )
        for occasion in occasions
    )
    registrations = []
    for occasion in occasions:
        for person in rng.sample(people, 50):
            registrations.append(
                Registration(
                    organisation=organisation,
                    training_id=occasion.training_id,
                    occasion=occasion,
                    person=person,
                    status="registered",
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=2000)
    session_of = {session.occasion_id: session for session in sessions}
    SessionAttendance.objects.bulk_create(
        (
            SessionAttendance(
                registration=registration,
                session=session_of[registration.occasion_id],
                status="attended",
            )
            for registration in registrations
            if rng.random() < 0.8
        ),
        batch_size=2000,
    )
    for training in trainings:
        questionnaire = Questionnaire.objects.create(
            organisation=organisation, title="U", training=training, status="closed"
        )
        grade = Question.objects.create(
            questionnaire=questionnaire,
            kind="scale",
            text="Betyg",
            choices=["u", "g", "mvg", "utm"],
            is_grade=True,
        )
        attendees = [r.person for r in registrations if r.training_id == training.pk][
            :40
        ]
        Recipient.objects.bulk_create(
            Recipient(
                questionnaire=questionnaire,
                person=person,
                closes_at=timezone.now(),
                has_answered=number < 25,
            )
            for number, person in enumerate(attendees)
        )
        responses = Response.objects.bulk_create(
            Response(
                questionnaire=questionnaire, submitted_on=datetime.date(2024, 1, 1)
            )
            for _ in range(25)
        )
        Answer.objects.bulk_create(
            Answer(response=response, question=grade, value=rng.choice([1, 2, 2, 3, 3]))
            for response in responses
        )
    CostLine.objects.bulk_create(
        CostLine(
            organisation=organisation,
            training=occasion.training,
            category=category,
            amount=rng.randint(2_000, 30_000),
            incurred_on=occasion.starts_at.date(),
        )
        for occasion in occasions
        for category in ("speaker", "venue", "catering")
    )
    print(
        f"data: 600 people, 200 trainings, {len(registrations)} registrations, "
        f"{Answer.objects.count()} answers ({time.perf_counter() - started:.1f} s)"
    )
    client = Client()
    client.force_login(user)
    url = "/o/benchstad/reports/annual/?year=2024"
    client.get(url, secure=True)
    timings = []
    for _ in range(5):
        begun = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, secure=True)
        timings.append(time.perf_counter() - begun)
        assert response.status_code == 200
    print(
        f"annual report web page: {min(timings) * 1000:.0f} ms "
        f"(best of 5), {len(queries.captured_queries)} queries"
    )
    report = annual_report(organisation=organisation, year=2024)
    begun = time.perf_counter()
    pdf = report_pdf(report)
    print(
        f"annual report PDF/A: {time.perf_counter() - begun:.2f} s, "
        f"{len(pdf) // 1024} kB, {report['totals']['trainings']} trainings"
    )
    with CaptureQueriesContext(connection) as small:
        annual_report(organisation=organisation, year=2022)
    print(
        f"queries for 2022 (first year) {len(small.captured_queries)}, "
        f"for 2024 {len(queries.captured_queries)} with the page"
    )


if __name__ == "__main__":
    bench_main(run)
