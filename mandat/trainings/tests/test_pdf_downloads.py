"""The training plan and the sign-in sheet as PDFs arrive: tagged PDF/A
with the title the reader shows, under a file name that keeps its en dash."""

import pytest
from django.urls import reverse

from mandat.directory.tests.factories import MandatePeriodFactory
from mandat.testing.pdfs import needs_pdf, pdf_structure
from mandat.trainings import services
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@needs_pdf
def test_the_plan_pdf_keeps_its_non_ascii_file_name_and_title(
    coordinator_client, organisation, coordinator
):
    period = MandatePeriodFactory(organisation=organisation, name="2026–2030")
    plan = services.plan_create(
        actor=coordinator,
        organisation=organisation,
        period=period,
        title="Utbildningsplan för förtroendevalda 2026–2030",
    )
    url = reverse("trainings:plan-detail", args=[organisation.slug, plan.pk])

    response = coordinator_client.get(url, {"export": "pdf"})

    assert response.status_code == 200
    # RFC 6266: the UTF-8 form, which browsers prefer to the plain one.
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''utbildningsplan-2026%E2%80%932030.pdf"
    )
    structure = pdf_structure(response.content)
    assert structure["pdfa"] == "2a" and structure["marked"]
    assert structure["info_title"] == "Utbildningsplan för förtroendevalda 2026–2030"
    assert structure["display_doc_title"]
    assert structure["lang"] == "sv-SE"


@needs_pdf
def test_the_sign_in_sheet_is_a_tagged_table(coordinator_client, organisation):
    occasion = OccasionFactory(training__organisation=organisation)
    RegistrationFactory(occasion=occasion)
    url = reverse("trainings:participants", args=[organisation.slug, occasion.pk])

    response = coordinator_client.get(url, {"export": "pdf"})

    assert response["Content-Disposition"] == (
        f'attachment; filename="narvarolista-{occasion.pk}.pdf"'
    )
    structure = pdf_structure(response.content)
    assert structure["pdfa"] == "2a" and structure["has_struct_tree_root"]
    assert {"H1", "Table", "TH", "TD"} <= set(structure["structure"])
    assert structure["display_doc_title"] and structure["lang"] == "sv-SE"
