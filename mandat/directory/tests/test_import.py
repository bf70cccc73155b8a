"""The import of the register of elected officials: checked first, then all
or nothing, with a Swedish message for every bad row."""

import datetime

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.directory import services
from mandat.directory.imports import header_keys, message_text, plan_import
from mandat.directory.models import Assignment, ImportJob, Person
from mandat.directory.tests.factories import BodyFactory, PartyFactory, PersonFactory

from .helpers import HEADERS, csv_bytes, register_row, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(organisation):
    PartyFactory(organisation=organisation, name="Socialdemokraterna", abbreviation="S")
    PartyFactory(organisation=organisation, name="Moderaterna", abbreviation="M")
    BodyFactory(organisation=organisation, name="Socialnämnden", short_name="SN")
    BodyFactory(organisation=organisation, name="Kulturnämnden", short_name="KN")
    return organisation


def run_import(organisation, actor, content, filename="register.xlsx", **options):
    job = services.import_job_create(
        actor=actor,
        organisation=organisation,
        filename=filename,
        content=content,
        **options,
    )
    services.import_job_check(job_id=job.pk)
    job.refresh_from_db()
    return job


def apply(job, actor):
    services.import_job_confirm(actor=actor, job=job)
    services.import_job_apply(job_id=job.pk)
    job.refresh_from_db()
    return job


def problems_of(job):
    with translation.override("sv"):
        return [
            (p["row"], p["column"], message_text(p["code"], p["params"]))
            for p in job.result["problems"]
        ]


def test_checking_a_file_changes_nothing_until_confirmed(directory, coordinator):
    rows = [
        register_row(**{"Register-id": "1", "E-post": "anna@example.se"}),
        register_row(
            **{
                "Register-id": "2",
                "Förnamn": "Bo",
                "E-post": "bo@example.se",
                "Roll": "ersättare",
                "Parti": "M",
                "Ersättarordning": "1",
            }
        ),
    ]
    job = run_import(directory, coordinator, xlsx_bytes(rows))

    assert job.status == ImportJob.Status.CHECKED
    assert job.result["summary"]["people_created"] == 2
    assert job.result["summary"]["assignments_created"] == 2
    assert Person.objects.filter(organisation=directory).count() == 0

    job = apply(job, coordinator)

    assert job.status == ImportJob.Status.APPLIED
    bo = Person.objects.get(register_id="2")
    assignment = bo.assignments.get()
    assert assignment.role == "ersattare"
    assert assignment.substitute_order == 1
    assert assignment.party.abbreviation == "M"
    assert assignment.starts_on == datetime.date(2023, 1, 1)


def test_reimporting_the_same_file_changes_nothing(directory, coordinator):
    rows = [
        register_row(**{"Register-id": str(n), "E-post": f"p{n}@example.se"})
        for n in range(5)
    ]
    content = xlsx_bytes(rows)
    apply(run_import(directory, coordinator, content), coordinator)
    audit_before = AuditEntry.objects.count()

    job = run_import(directory, coordinator, content)

    summary = job.result["summary"]
    assert summary["people_created"] == summary["people_changed"] == 0
    assert summary["assignments_created"] == summary["assignments_changed"] == 0
    assert summary["assignments_ended"] == 0
    apply(job, coordinator)
    assert AuditEntry.objects.count() == audit_before
    assert Assignment.objects.count() == 5


def test_a_changed_detail_is_shown_and_recorded_in_the_audit_trail(
    directory, coordinator
):
    content = xlsx_bytes([register_row(**{"Register-id": "7", "E-post": "a@x.se"})])
    apply(run_import(directory, coordinator, content), coordinator)

    changed = xlsx_bytes(
        [register_row(**{"Register-id": "7", "E-post": "a@x.se", "Efternamn": "Ny"})]
    )
    job = run_import(directory, coordinator, changed)

    assert job.result["summary"]["people_changed"] == 1
    assert job.result["preview"][0]["changes"] == {"Efternamn": ["Exempel", "Ny"]}
    apply(job, coordinator)
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.changes == {"last_name": ["Exempel", "Ny"]}
    assert entry.actor == coordinator
    assert "register.xlsx" in entry.message


def test_every_bad_row_gets_a_swedish_message_and_nothing_is_imported(
    directory, coordinator
):
    PersonFactory(organisation=directory, email="taken@example.se", register_id="99")
    rows = [
        register_row(**{"Register-id": "1", "E-post": "ok@example.se"}),
        register_row(**{"Register-id": "2", "E-post": "b@x.se", "Parti": "XYZ"}),
        register_row(**{"Register-id": "3", "E-post": "c@x.se", "Från": "1/13/2027"}),
        register_row(**{"Register-id": "4", "E-post": "d@x.se", "Organ": "Nämnd X"}),
        register_row(**{"Register-id": "5", "E-post": "ok@example.se"}),
        register_row(**{"Register-id": "6", "E-post": "taken@example.se"}),
        register_row(**{"Register-id": "7", "E-post": "inte-en-adress"}),
        register_row(**{"Register-id": "8", "E-post": "e@x.se", "Roll": "kung"}),
        register_row(**{"Register-id": "", "E-post": ""}),
    ]
    job = run_import(directory, coordinator, xlsx_bytes(rows))

    assert job.status == ImportJob.Status.REJECTED
    found = problems_of(job)
    assert (3, "Parti", "Det finns inget parti ”XYZ” i registret.") in found
    assert (
        4,
        "Från",
        "”1/13/2027” är inget datum. Skriv det som ÅÅÅÅ-MM-DD, t.ex. 2027-01-01.",
    ) in found
    assert (
        5,
        "Organ",
        "Det finns inget organ som heter ”Nämnd X” i registret.",
    ) in found
    assert (6, "E-post", "E-postadressen anges för en annan person på rad 2.") in found
    assert any(row == 7 and column == "E-post" for row, column, _ in found)
    assert any(row == 8 and column == "E-post" for row, column, _ in found)
    assert any(row == 9 and column == "Roll" for row, column, _ in found)
    assert any(row == 10 and column == "E-post" for row, column, _ in found)
    assert Person.objects.filter(organisation=directory).count() == 1
    with pytest.raises(
        ApplicationError,
        match=r"Endast en kontrollerad fil utan fel kan importeras\.",
    ):
        services.import_job_confirm(actor=coordinator, job=job)


def test_file_without_the_name_columns_is_rejected_with_a_message(
    directory, coordinator
):
    content = xlsx_bytes([{"E-post": "a@b.se"}], headers=["E-post", "Organ"])
    job = run_import(directory, coordinator, content)

    assert job.status == ImportJob.Status.REJECTED
    assert problems_of(job) == [
        (None, None, "Filen saknar kolumnen/kolumnerna Förnamn, Efternamn.")
    ]


@pytest.mark.parametrize(
    ("filename", "content", "expected"),
    [
        ("register.pdf", b"%PDF-1.4", "Filen måste vara en Excelfil (.xlsx) eller"),
        ("register.xls", b"\xd0\xcf\x11\xe0", "Gamla Excelfiler (.xls) kan inte läsas"),
        ("register.xlsx", b"PK\x03\x04 trasig", "Filen kunde inte läsas"),
        ("register.csv", b"", "Filen har inga rader under rubrikraden."),
    ],
)
def test_unreadable_files_are_rejected_with_a_message(
    directory, coordinator, filename, content, expected
):
    job = run_import(directory, coordinator, content, filename=filename)

    assert job.status == ImportJob.Status.REJECTED
    assert problems_of(job)[0][2].startswith(expected)


def test_csv_from_swedish_excel_with_semicolons_and_cp1252_is_read(
    directory, coordinator
):
    rows = [
        register_row(**{"Förnamn": "Åsa", "Efternamn": "Öberg", "E-post": "a@x.se"})
    ]
    content = csv_bytes(rows, encoding="cp1252", delimiter=";")
    job = apply(
        run_import(directory, coordinator, content, "register.csv"), coordinator
    )

    assert job.status == ImportJob.Status.APPLIED
    assert Person.objects.get(email="a@x.se").full_name == "Åsa Öberg"


def test_assignments_missing_from_the_file_are_ended_on_the_chosen_day(
    directory, coordinator
):
    rows = [
        register_row(**{"Register-id": str(n), "E-post": f"p{n}@x.se"})
        for n in range(3)
    ]
    apply(run_import(directory, coordinator, xlsx_bytes(rows)), coordinator)

    job = run_import(
        directory,
        coordinator,
        xlsx_bytes(rows[:2]),
        end_missing=True,
        end_date=datetime.date(2026, 6, 30),
    )
    assert job.result["summary"]["assignments_ended"] == 1
    apply(job, coordinator)

    ended = Assignment.objects.get(person__register_id="2")
    assert ended.ends_on == datetime.date(2026, 6, 30)
    assert AuditEntry.objects.filter(action="end").count() == 1


def test_ending_is_limited_to_the_bodies_in_the_file(directory, coordinator):
    rows = [
        register_row(**{"Register-id": "1", "E-post": "a@x.se"}),
        register_row(
            **{"Register-id": "2", "E-post": "b@x.se", "Organ": "Kulturnämnden"}
        ),
    ]
    apply(run_import(directory, coordinator, xlsx_bytes(rows)), coordinator)

    job = run_import(
        directory,
        coordinator,
        xlsx_bytes(rows[:1]),
        end_missing=True,
        end_date=datetime.date(2026, 6, 30),
    )

    assert job.result["summary"]["assignments_ended"] == 0


def test_a_file_that_became_wrong_after_the_check_is_not_applied(
    directory, coordinator
):
    job = run_import(
        directory,
        coordinator,
        xlsx_bytes([register_row(**{"Register-id": "1", "E-post": "a@x.se"})]),
    )
    # Someone else takes the address between the check and the confirmation.
    PersonFactory(organisation=directory, email="a@x.se", register_id="other")

    job = apply(job, coordinator)

    assert job.status == ImportJob.Status.REJECTED
    assert Person.objects.filter(organisation=directory).count() == 1


def test_import_never_touches_another_organisation(
    directory, other_organisation, coordinator
):
    PersonFactory(organisation=other_organisation, email="a@x.se", register_id="1")
    rows = [register_row(**{"Register-id": "1", "E-post": "a@x.se"})]

    job = apply(run_import(directory, coordinator, xlsx_bytes(rows)), coordinator)

    assert job.result["summary"]["people_created"] == 1
    assert Person.objects.get(organisation=other_organisation).last_name != "Exempel"


cell = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.none(),
    st.dates(min_value=datetime.date(1900, 1, 1)),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(
        st.lists(cell, min_size=len(HEADERS), max_size=len(HEADERS)), max_size=6
    )
)
def test_any_cell_content_gives_a_plan_or_problems_never_an_exception(directory, rows):
    plan = plan_import(
        organisation=directory,
        keys=header_keys(HEADERS),
        data=rows,
        end_missing=False,
        end_date=None,
    )
    with translation.override("sv"):
        for problem in plan.problems:
            assert message_text(problem.code, problem.params)
    assert plan.ok or plan.problems


def test_a_duplicate_of_a_bad_row_is_reported_in_the_same_round(directory, coordinator):
    rows = [
        register_row(**{"Register-id": "1", "E-post": "a@x.se", "Från": "igår"}),
        register_row(**{"Register-id": "2", "E-post": "a@x.se"}),
        register_row(**{"Register-id": "", "E-post": "", "Förnamn": "Utan"}),
        register_row(**{"Register-id": "", "E-post": "", "Förnamn": "Id"}),
    ]
    job = run_import(directory, coordinator, xlsx_bytes(rows))

    found = problems_of(job)
    assert [(row, column) for row, column, _ in found] == [
        (2, "Från"),
        (3, "E-post"),
        (4, "E-post"),
        (5, "E-post"),
    ]
