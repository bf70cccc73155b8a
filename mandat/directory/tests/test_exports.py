"""The directory's files as they arrive: the register template imports as
downloaded, and the lists export as CSV too."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mandat.directory import services
from mandat.directory.imports import COLUMNS
from mandat.directory.models import ImportJob, Person
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    MandatePeriodFactory,
    PartyFactory,
)

pytestmark = pytest.mark.django_db


def test_the_register_template_imports_as_downloaded(
    coordinator_client, coordinator, organisation
):
    PartyFactory(organisation=organisation, abbreviation="S")
    PartyFactory(organisation=organisation, abbreviation="M")
    BodyFactory(organisation=organisation, name="Kommunstyrelsen")
    MandatePeriodFactory(organisation=organisation)
    url = reverse("directory:import-template", args=[organisation.slug])

    response = coordinator_client.get(url)

    assert response["Content-Disposition"] == (
        'attachment; filename="mandat-register-mall.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == [column.header for column in COLUMNS]
    assert sheet["E2"].value == "070-000 00 00"
    job = services.import_job_create(
        actor=coordinator,
        organisation=organisation,
        filename="mandat-register-mall.xlsx",
        content=response.content,
    )
    services.import_job_check(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED, job.result
    assert job.result["problems"] == []
    assert job.result["summary"]["people_created"] == 2


def test_the_assignment_list_exports_what_it_shows_as_csv(
    coordinator_client, organisation
):
    body = BodyFactory(organisation=organisation, name="Socialnämnden")
    AssignmentFactory(
        person__organisation=organisation,
        person__first_name="Åsa",
        person__last_name="Öberg",
        body=body,
    )
    AssignmentFactory(
        person__organisation=organisation,
        person__first_name="Hemlig",
        person__last_name="Hemligsson",
        person__protected_identity=True,
        body=body,
    )
    url = reverse("directory:assignment-list", args=[organisation.slug])

    page = coordinator_client.get(url, {"body": body.pk}).content.decode()
    response = coordinator_client.get(url, {"body": body.pk, "export": "csv"})

    assert f"body={body.pk}&amp;export=csv" in page
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][:3] == ["Efternamn", "Förnamn", "E-postadress"]
    assert sorted(row[:2] for row in rows[1:]) == [
        ["Skyddad identitet", ""],
        ["Öberg", "Åsa"],
    ]
    assert "Hemlig" not in response.content.decode("utf-8-sig")
    assert Person.objects.filter(protected_identity=True).count() == 1
