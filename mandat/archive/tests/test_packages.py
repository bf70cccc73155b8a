"""Archive packages as an archive's intake reads them: unpacked from the
downloaded ZIP and validated against the E-ARK CSIP/SIP 2.1.0 METS schema and
the specification's rules (mandat/testing/eark.py); the document inside is a
real PDF/A; Mandat's record is the JSON its schema describes."""

import io
import json
import zipfile

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mandat.archive.package import Document, Package, package_files
from mandat.core.access import Role
from mandat.meetings import services as meeting_services
from mandat.meetings.models import Meeting
from mandat.meetings.tests.factories import at, hold, steering_group
from mandat.testing.eark import package_problems
from mandat.testing.pdfs import is_pdf_a, needs_pdf

pytestmark = pytest.mark.django_db


def a_meeting(organisation, *, held=True):
    meeting = meeting_services.meeting_create(
        actor=None,
        group=steering_group(organisation),
        starts_at=at("2026-10-02", "13:30"),
        ends_at=at("2026-10-02", "15:00"),
    )
    if held:
        hold(meeting)
    return meeting


def record_of(folder):
    """metadata/descriptive/mandat.json, checked against the JSON Schema the
    package carries (formats too: a date-time must be one)."""
    record = json.loads((folder / "metadata/descriptive/mandat.json").read_text())
    schema = json.loads((folder / "schemas/mandat.schema.json").read_text())
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(record)
    return record


def unpack(response, tmp_path):
    """The package folder of a downloaded ZIP."""
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        [folder] = {name.split("/")[0] for name in names}
        archive.extractall(tmp_path)
    return tmp_path / folder


@needs_pdf
def test_finalised_minutes_are_a_valid_e_ark_package(
    coordinator_client, coordinator, organisation, tmp_path
):
    meeting = a_meeting(organisation)
    meeting_services.minutes_finalise(
        actor=coordinator, meeting=meeting, registry_number="KS 2026/117"
    )
    url = reverse("archive:minutes", args=[organisation.slug, meeting.pk])

    folder = unpack(coordinator_client.get(url), tmp_path)

    assert package_problems(folder) == []
    [pdf] = (folder / "representations" / "rep1" / "data").glob("*.pdf")
    assert is_pdf_a(pdf.read_bytes())
    record = record_of(folder)
    assert record["kind"] == "minutes"
    assert record["registry_number"] == "KS 2026/117"
    assert record["organisation"]["name"] == organisation.name
    assert record["documents"] == [
        {"file": f"data/{pdf.name}", "title": record["title"], "format": "PDF/A-2a"}
    ]
    assert "finalised" in (folder / "metadata/preservation/premis.xml").read_text()


def test_draft_minutes_are_no_archive_package(coordinator_client, organisation):
    meeting = a_meeting(organisation)
    assert meeting.minutes_status == Meeting.Minutes.DRAFT

    response = coordinator_client.get(
        reverse("archive:minutes", args=[organisation.slug, meeting.pk])
    )

    assert response.status_code == 404


@needs_pdf
def test_the_annual_report_is_a_valid_package_with_its_figures(
    coordinator_client, organisation, tmp_path
):
    year = timezone.localdate().year
    url = reverse("archive:annual-report", args=[organisation.slug, year])

    folder = unpack(coordinator_client.get(url), tmp_path)

    assert package_problems(folder) == []
    record = record_of(folder)
    assert record["kind"] == "annual_report"
    assert record["record"]["year"] == year


def test_an_elected_official_may_not_take_the_annual_report_out(
    client, make_user, organisation
):
    client.force_login(make_user(Role.ELECTED, organisation))
    year = timezone.localdate().year
    response = client.get(
        reverse("archive:annual-report", args=[organisation.slug, year])
    )
    assert response.status_code == 403


def test_a_broken_package_is_caught_by_the_validator(tmp_path):
    """The validator sees what it looks for: a checksum that does not match,
    a missing file."""
    package = Package(
        identifier="mandat-test-1",
        label="Test",
        kind="Minutes",
        submitter="Exempelby kommun",
        submitter_code="212000-0000",
        documents=[Document("protokoll.pdf", b"%PDF-1.7")],
        metadata={"kind": "minutes"},
    )
    folder = tmp_path / package.identifier
    for path, content in package_files(package, "# Test").items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(content)
    assert package_problems(folder) == []

    (folder / "representations/rep1/data/protokoll.pdf").write_bytes(
        b"%PDF-1.7 changed"
    )
    (folder / "metadata/preservation/premis.xml").unlink()

    problems = "\n".join(package_problems(folder))
    assert "protokoll.pdf has 16 bytes" in problems
    assert "premis.xml, which is not there" in problems


@needs_pdf
def test_a_training_plan_is_a_valid_package_with_its_items(
    coordinator_client, organisation, tmp_path
):
    from mandat.directory.tests.factories import MandatePeriodFactory
    from mandat.trainings.models import PlanItem, TrainingPlan

    plan = TrainingPlan.objects.create(
        organisation=organisation,
        period=MandatePeriodFactory(organisation=organisation),
        title="Utbildningsplan 2027–2030",
    )
    PlanItem.objects.create(plan=plan, year=1, title="Introduktion", is_basic=True)
    url = reverse("archive:plan", args=[organisation.slug, plan.pk])

    folder = unpack(coordinator_client.get(url), tmp_path)

    assert package_problems(folder) == []
    record = record_of(folder)
    assert record["kind"] == "training_plan"
    assert [item["title"] for item in record["record"]["items"]] == ["Introduktion"]


@needs_pdf
def test_the_minutes_attachments_go_in_the_package_with_their_numbers(
    coordinator_client, coordinator, organisation, tmp_path
):
    meeting = a_meeting(organisation)
    item = meeting_services.item_create(
        actor=coordinator, meeting=meeting, title="Presidieutbildningen"
    )
    report = b"%PDF-1.7 utvardering av presidieutbildningen"
    meeting_services.document_add(
        actor=coordinator,
        meeting=meeting,
        item=item,
        title="Utvärdering av presidieutbildningen",
        upload=SimpleUploadedFile("utvardering.pdf", report),
    )
    meeting_services.minutes_finalise(
        actor=coordinator, meeting=meeting, registry_number="KS 2026/118"
    )
    url = reverse("archive:minutes", args=[organisation.slug, meeting.pk])

    folder = unpack(coordinator_client.get(url), tmp_path)

    assert package_problems(folder) == []
    data = folder / "representations" / "rep1" / "data"
    attachment = data / "bilaga-01-utvardering-av-presidieutbildningen.pdf"
    assert attachment.read_bytes() == report
    entries = record_of(folder)["documents"]
    assert entries[1] == {
        "file": f"data/{attachment.name}",
        "title": "Utvärdering av presidieutbildningen",
        "format": "application/pdf",
        "attachment": 1,
    }
    premis = (folder / "metadata/preservation/premis.xml").read_text()
    assert attachment.name in premis
