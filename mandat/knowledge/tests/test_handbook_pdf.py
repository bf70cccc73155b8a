"""A handbook page as a PDF: tagged PDF/A whose reader shows the page's
title, with the Markdown's headings as headings."""

import pytest
from django.urls import reverse

from mandat.knowledge import services
from mandat.knowledge.models import HandbookSection
from mandat.testing.pdfs import needs_pdf, pdf_structure

pytestmark = pytest.mark.django_db


@needs_pdf
def test_a_handbook_page_pdf_is_tagged_with_its_title(coordinator_client, organisation):
    section = HandbookSection.objects.create(organisation=organisation, title="Möten")
    page = services.page_save(
        actor=None,
        section=section,
        title="Mötesteknik",
        body="## Ordförandens roll\n\nOrdföranden leder mötet.\n\n- Talarlista\n",
    )
    url = reverse("knowledge:page-detail", args=[organisation.slug, page.pk])

    response = coordinator_client.get(url, {"format": "pdf"})

    assert response["Content-Disposition"] == (
        f'attachment; filename="politikerhandbok-{page.pk}.pdf"'
    )
    structure = pdf_structure(response.content)
    assert structure["pdfa"] == "2a" and structure["marked"]
    assert {"H1", "H2", "P", "L", "LI"} <= set(structure["structure"])
    assert structure["info_title"] == "Mötesteknik"
    assert structure["display_doc_title"] and structure["lang"] == "sv-SE"
