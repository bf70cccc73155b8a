"""The minutes end to end through the client: the page, the PDF and the Word
file, and finalised minutes that no longer change."""

import io

import pytest
from django.urls import reverse
from docx import Document

from mandat.meetings import services
from mandat.testing.pdfs import is_pdf_a, needs_pdf, pdf_streams

pytestmark = pytest.mark.django_db


def test_minutes_read_like_the_reference_minutes(
    coordinator_client, held, organisation
):
    page = coordinator_client.get(
        reverse("meetings:minutes", args=[organisation.slug, held.pk])
    ).content.decode()
    assert "Möte med Styrgruppen för politikerutbildning" in page
    assert "Minnesanteckningar 2026-11-03" in page
    assert "Via Teams:" in page
    assert "Förhinder:" in page
    assert " ordf" in page
    assert "Från stadsledningskontoret: Hedda Sekreterare." in page
    assert "hanterades som information" in page
    assert "Vid anteckningarna" in page
    assert "<strong>efter hand</strong>" in page
    assert "UTKAST" in page


@needs_pdf
def test_minutes_pdf_is_pdf_a_with_the_text(coordinator_client, held, organisation):
    response = coordinator_client.get(
        reverse("meetings:minutes-pdf", args=[organisation.slug, held.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert is_pdf_a(response.content)
    # The title in the document's metadata names the minutes.
    title = b"Minnesanteckningar 2026-11-03"
    assert title in pdf_streams(response.content)


def test_minutes_word_file_has_the_same_content(coordinator_client, held, organisation):
    response = coordinator_client.get(
        reverse("meetings:minutes-word", args=[organisation.slug, held.pk])
    )
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    # The group's name on one line, the kind and the day on the next.
    assert "Möte med Styrgruppen för politikerutbildning\nMinnesanteckningar" in text
    assert "Förhinder:" in text
    assert "Handboken kompletteras efter hand." in text
    assert "Mötesteknik" in text
    assert "Vid anteckningarna" in text
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "efter hand" in bold
    table = document.tables[0]
    assert table.rows[1].cells[0].text == "Mejla rapporten till styrgruppen"


def test_editing_finalised_minutes_is_refused_and_changes_nothing(
    coordinator_client, held, organisation, coordinator
):
    services.minutes_finalise(actor=coordinator, meeting=held)
    item = held.items.get(title="Politikerhandboken")
    response = coordinator_client.post(
        reverse("meetings:item-edit", args=[organisation.slug, held.pk, item.pk]),
        {"title": "Ändrad", "kind": "information", "notes": "Nytt"},
        follow=True,
    )
    assert "fastställda" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Politikerhandboken"
