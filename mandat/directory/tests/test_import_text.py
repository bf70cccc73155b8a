"""The register file as people save it: UTF-16 "Unicode text" from Excel is
read, an unknown encoding gets a clear message, and control and bidi
override characters in a cell never reach the directory or its exports."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from mandat.directory import services
from mandat.directory.imports import message_text
from mandat.directory.models import ImportJob, Person
from mandat.directory.tests.factories import BodyFactory, PartyFactory

from .helpers import csv_bytes, register_row, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(organisation):
    PartyFactory(organisation=organisation, name="Socialdemokraterna", abbreviation="S")
    BodyFactory(organisation=organisation, name="Socialnämnden", short_name="SN")
    return organisation


def check(organisation, actor, content, filename="register.csv"):
    job = services.import_job_create(
        actor=actor, organisation=organisation, filename=filename, content=content
    )
    services.import_job_check(job_id=job.pk)
    job.refresh_from_db()
    return job


def apply(job, actor):
    services.import_job_confirm(actor=actor, job=job)
    services.import_job_apply(job_id=job.pk)
    job.refresh_from_db()
    return job


def messages_of(job):
    with translation.override("sv"):
        return [message_text(p["code"], p["params"]) for p in job.result["problems"]]


ÅSA = register_row(**{"Förnamn": "Åsa", "Efternamn": "Öberg", "E-post": "a@x.se"})


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"]
)
def test_unicode_text_from_excel_is_read(directory, coordinator, encoding):
    # "utf-16-le" and "utf-16-be" write no byte order mark.
    content = csv_bytes([ÅSA], encoding=encoding, delimiter="\t")
    job = check(directory, coordinator, content, "register.txt")

    assert job.status == ImportJob.Status.CHECKED, job.result
    apply(job, coordinator)
    assert Person.objects.get(email="a@x.se").full_name == "Åsa Öberg"


@pytest.mark.parametrize(
    "content",
    [
        # Neither UTF-8 nor Windows-1252 (bytes 0x81 and 0x9D are undefined).
        "Förnamn;Efternamn\nÅsa;Öberg\n".encode().replace(b"\xc3", b"\x81"),
        b"F\x9drnamn;Efternamn\n\x81sa;\x9dberg\n",
        # Binary with NUL bytes, not text at all.
        b"\x00\x01\x02\x03\xff\xfe\xfd" * 50,
        # A UTF-16 mark followed by a broken sequence.
        b"\xff\xfe" + "Förnamn".encode("utf-16-le") + b"\x00\xd8",
    ],
)
def test_a_file_in_an_unknown_encoding_gets_a_clear_message(
    directory, coordinator, content
):
    job = check(directory, coordinator, content)

    assert job.status == ImportJob.Status.REJECTED
    assert [problem["code"] for problem in job.result["problems"]] == ["file_encoding"]
    assert "CSV UTF-8" in messages_of(job)[0]


def test_control_and_bidi_override_characters_are_stripped_from_every_cell(
    directory, coordinator, coordinator_client
):
    names = {"Förnamn": "Anna", "Efternamn": "Ex\u202eempel\u2066"}
    workbook = register_row(**names, **{"E-post": "anna@x.se"})
    # A spreadsheet program cannot write a NUL into a workbook; a CSV can.
    text = register_row(
        **{"Förnamn": "An\x00na", "Efternamn": "Exempel\x00", "E-post": "b@x.se"}
    )
    for content, filename in (
        (xlsx_bytes([workbook]), "r.xlsx"),
        (csv_bytes([text]), "r.csv"),
    ):
        job = apply(check(directory, coordinator, content, filename), coordinator)
        assert job.status == ImportJob.Status.APPLIED, job.result

    names = set(Person.objects.values_list("first_name", "last_name"))
    export = coordinator_client.get(
        reverse("directory:person-list", args=[directory.slug]), {"export": "xlsx"}
    )

    assert names == {("Anna", "Exempel")}
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert "Exempel" in [cell.value for cell in sheet["B"]] + [
        cell.value for cell in sheet["A"]
    ]
