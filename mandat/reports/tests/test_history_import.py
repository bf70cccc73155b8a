"""A past year recorded from the coordinator's own Excel list: trainings,
occasions, invited, declined, registered and attended, all or none, and the
annual report of that year gives the figures."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from mandat.core.models import AuditEntry
from mandat.directory.models import Person
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    PersonFactory,
)
from mandat.notifications.models import Message
from mandat.reports.annual import annual_report
from mandat.trainings.models import Occasion, Registration, Training

pytestmark = pytest.mark.django_db

HEADER = ["Utbildning", "Datum", "Start", "Slut", "Tillfälle", "Plats", "Namn", "Svar"]


def workbook(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("2025.xlsx", buffer.getvalue())


@pytest.fixture
def people(organisation):
    board = BodyFactory(organisation=organisation, reporting_category="facknamnd")
    elected = []
    for first, last in (
        ("Annika", "Westh"),
        ("Marie", "Brynolfsson"),
        ("Anna", "Skrapste"),
    ):
        person = PersonFactory(
            organisation=organisation, first_name=first, last_name=last
        )
        AssignmentFactory(person=person, body=board)
        elected.append(person)
    official = PersonFactory(
        organisation=organisation,
        first_name="Jonas",
        last_name="Kinnander",
        kind=Person.Kind.OFFICIAL,
        title="Förvaltningschef",
    )
    return elected + [official]


def test_a_past_year_from_excel_gives_the_years_report(
    coordinator_client, organisation, people
):
    day1, day2 = datetime.date(2025, 3, 12), datetime.date(2025, 4, 2)
    upload = workbook(
        [
            [
                "Presidieutbildning",
                day1,
                "09:00",
                "16:00",
                "Tillfälle 1",
                "Stadshuset",
                "Annika Westh (L)",
                "deltog",
            ],
            [
                "Presidieutbildning",
                day1,
                "09:00",
                "16:00",
                "Tillfälle 1",
                "Stadshuset",
                "Kinnander, Jonas",
                "deltog",
            ],
            [
                "Presidieutbildning",
                day2,
                "13:00",
                "16:00",
                "Tillfälle 2",
                "Teams",
                "Marie Brynolfsson",
                "delvis",
            ],
            [
                "Presidieutbildning",
                day2,
                "13:00",
                "16:00",
                "Tillfälle 2",
                "Teams",
                "Anna Skrapste",
                "tackade nej",
            ],
        ]
    )

    response = coordinator_client.post(
        reverse("reports:history", args=[organisation.slug]), {"file": upload}
    )

    assert response.status_code == 302
    training = Training.objects.get()
    assert training.status == Training.Status.HELD
    assert list(
        training.occasions.order_by("starts_at").values_list("label", "status")
    ) == [("Tillfälle 1", "held"), ("Tillfälle 2", "held")]
    assert Registration.objects.count() == 3
    assert not Message.objects.exists()  # the days are gone: nothing is sent
    assert AuditEntry.objects.filter(object_type="trainings.registration").count() == 3
    row = annual_report(organisation=organisation, year=2025)["trainings_outside_plan"][
        0
    ]
    assert (row["invited"], row["registered"], row["declined"], row["attended"]) == (
        4,
        3,
        1,
        3,
    )
    assert (row["attended_elected"], row["attended_officials"]) == (2, 1)
    assert [o["attended"] for o in row["occasion_rows"]] == [2, 1]
    # The same file again changes nothing: trainings, occasions and people
    # are found, not made twice.
    coordinator_client.post(
        reverse("reports:history", args=[organisation.slug]),
        {
            "file": workbook(
                [
                    [
                        "Presidieutbildning",
                        day1,
                        "09:00",
                        "16:00",
                        "",
                        "",
                        "Annika Westh",
                        "deltog",
                    ]
                ]
            )
        },
    )
    assert (Training.objects.count(), Occasion.objects.count()) == (1, 2)
    assert Registration.objects.count() == 3


def test_a_file_with_bad_rows_records_nothing_and_lists_every_row(
    coordinator_client, organisation, people
):
    upload = workbook(
        [
            [
                "Presidieutbildning",
                datetime.date(2025, 3, 12),
                "",
                "",
                "",
                "",
                "Annika Westh",
                "deltog",
            ],
            ["Presidieutbildning", "12 mars", "", "", "", "", "Annika Westh", "deltog"],
            [
                "Presidieutbildning",
                datetime.date(2025, 3, 12),
                "",
                "",
                "",
                "",
                "Okänd Person",
                "kanske",
            ],
        ]
    )

    response = coordinator_client.post(
        reverse("reports:history", args=[organisation.slug]), {"file": upload}
    )

    assert response.status_code == 200
    text = response.text
    assert "Ingenting registrerades" in text
    assert "Rad 3: ”12 mars” är inte ett datum (skriv 2025-03-12)." in text
    assert (
        "Rad 4: ingen i registret matchar ”Okänd Person”; ”kanske” är inte ett svar"
        in text
    )
    assert not Training.objects.exists()


def test_the_template_has_the_columns_the_import_reads(
    coordinator_client, organisation
):
    response = coordinator_client.get(
        reverse("reports:history-template", args=[organisation.slug])
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert headers[:2] == ["Utbildning", "Datum"] and "Svar" in headers


def test_a_past_evaluation_from_the_file_and_the_paper_forms(
    coordinator_client, organisation
):
    """Who answered comes with the list (column Utvärdering); what they
    answered, from the paper forms, as counts: the report gives the
    response rate and the share of the two top grades."""
    people = [
        PersonFactory(organisation=organisation, first_name=f"Person{n}", last_name="X")
        for n in range(8)
    ]
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER + ["Utvärdering"])
    for number, person in enumerate(people):
        sheet.append(
            [
                "Presidieutbildning",
                datetime.date(2025, 3, 12),
                "",
                "",
                "",
                "",
                person.full_name,
                "deltog",
                "besvarad" if number < 6 else "ej besvarad",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    coordinator_client.post(
        reverse("reports:history", args=[organisation.slug]),
        {"file": SimpleUploadedFile("2025.xlsx", buffer.getvalue())},
    )
    questionnaire = Training.objects.get().questionnaire
    grade = questionnaire.questions.get(is_grade=True)

    response = coordinator_client.post(
        reverse(
            "evaluations:paper-answers", args=[organisation.slug, questionnaire.pk]
        ),
        {
            f"q{grade.pk}-0": "0",
            f"q{grade.pk}-1": "1",
            f"q{grade.pk}-2": "3",
            f"q{grade.pk}-3": "2",
        },
    )

    assert response.status_code == 302
    row = annual_report(organisation=organisation, year=2025)["trainings_outside_plan"][
        0
    ]
    assert row["evaluation"]["asked"] == 8
    assert row["evaluation"]["answered"] == 6
    assert row["evaluation"]["response_rate"] == 75
    assert row["evaluation"]["top_two_share"] == 83  # 5 of 6, rounded down
