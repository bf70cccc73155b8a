"""The annual report as it arrives: the web page, the PDF/A and the Word
file come from one HTML rendering and say the same, figures included."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx.oxml.ns import qn

from mandat.meetings import services as meeting_services
from mandat.meetings.tests.factories import steering_group
from mandat.reports import services
from mandat.reports.models import ReportNarrative
from mandat.testing.documents import (
    docx_document,
    docx_headings,
    docx_text,
    html_document,
    html_headings,
    html_text,
    missing_from_pdf,
    pdf_text,
    words,
)
from mandat.testing.pdfs import needs_pdf, pdf_structure

from .test_annual_report import held_training

pytestmark = pytest.mark.django_db

INTRODUCTION = (
    "Styrgruppen för politikerutbildning lämnar härmed sin årsrapport till "
    "kommunstyrelsen.\n\nÅret präglades av grundutbildningen för nya ledamöter."
)


@pytest.fixture
def year_with_figures(organisation, coordinator):
    """A year with a steering group, two held trainings with evaluations,
    costs over the budget, an assignment from the executive board and the
    coordinator's texts."""
    group = steering_group(organisation)
    for month in (3, 9):
        held_training(
            organisation,
            people=6,
            day=datetime.datetime(2025, month, 12, 13, tzinfo=datetime.UTC),
        )
    services.budget_set(actor=None, organisation=organisation, year=2025, amount=15000)
    meeting_services.commission_create(
        actor=coordinator,
        group=group,
        reference="KS 2024-12-11 § 245",
        decided_on=datetime.date(2024, 12, 11),
        title="Tillitsbaserad styrning i grundutbildningen",
        text="Arbeta in tillitsbaserad styrning i utbildningen.",
    )
    services.narrative_save(
        actor=coordinator,
        narrative=ReportNarrative(organisation=organisation, year=2025),
        introduction=INTRODUCTION,
        trainings="Två utbildningar genomfördes.",
        evaluations="Deltagarna var nöjda.",
        economy="Kostnaderna överskred budgeten.",
        outlook="Nästa år planeras en workshop.",
    )
    return group


def _three(client, organisation):
    url = reverse("reports:annual-report", args=[organisation.slug]) + "?year=2025"
    page = client.get(url)
    pdf = client.get(url + "&format=pdf")
    word = client.get(url + "&format=docx")
    for response in (page, pdf, word):
        assert response.status_code == 200
    return page.content.decode(), pdf, word


@needs_pdf
def test_the_report_says_the_same_on_the_page_in_the_pdf_and_in_word(
    coordinator_client, organisation, year_with_figures
):
    page, pdf, word = _three(coordinator_client, organisation)
    web = html_text(html_document(page))
    pdf_words, word_words = pdf_text(pdf.content), docx_text(word.content)
    chair = year_with_figures.body.assignments.get(role="ordforande")
    member = chair.person.full_name
    expected = [
        "Årsrapport 2025",
        "Styrgruppen för politikerutbildning",
        member,
        "Året präglades av grundutbildningen för nya ledamöter.",
        "83 %",  # response rate, 5 of 6
        "5 / 6",
        "80 %",  # the two top grades
        "40 000 kr",  # costs in all
        "15 000 kr",  # the budget
        "KS 2024-12-11 § 245",
        "Tillitsbaserad styrning i grundutbildningen",
        "Nästa år planeras en workshop.",
    ]
    for phrase in expected:
        assert phrase in web, phrase
        assert phrase in word_words, phrase
    assert not missing_from_pdf(expected[4:], pdf_words, ordered=False)
    assert words(word_words) == words(web)
    assert not missing_from_pdf(web.split(), pdf_words)
    assert html_headings(page) == docx_headings(word.content)
    assert not missing_from_pdf(html_headings(page), pdf_words)


def test_the_page_keeps_its_buttons_and_forms_out_of_the_report(
    coordinator_client, organisation, year_with_figures
):
    page, _pdf, _word = _three(coordinator_client, organisation)
    document = html_document(page)
    assert "<form" in page and "<form" not in document
    assert "format=pdf" in page and "format=pdf" not in document


@needs_pdf
def test_the_report_pdf_is_tagged_pdf_a_with_its_title_and_language(
    coordinator_client, organisation, year_with_figures
):
    _page, pdf, _word = _three(coordinator_client, organisation)
    assert pdf["Content-Disposition"] == 'attachment; filename="arsrapport-2025.pdf"'
    structure = pdf_structure(pdf.content)
    assert structure["has_struct_tree_root"] and structure["marked"]
    for tag in ("H1", "H2", "H3", "P", "Table", "THead", "TH", "TD", "Caption"):
        assert structure["structure"][tag] > 0, tag
    title = "Årsrapport 2025 – Styrgruppen för politikerutbildning"
    assert structure["info_title"] == structure["xmp_title"] == title
    assert structure["display_doc_title"]
    assert structure["lang"] == "sv-SE"
    assert structure["pdfa"] == "2a"


def test_the_report_word_file_has_repeating_bold_table_headers_and_a4(
    coordinator_client, organisation, year_with_figures
):
    _page, _pdf, word = _three(coordinator_client, organisation)
    assert word["Content-Disposition"] == (
        'attachment; filename="arsrapport-2025.docx"'
    )
    document = docx_document(word.content)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.core_properties.title.startswith("Årsrapport 2025")
    assert document.core_properties.author == organisation.name
    assert " PAGE " in section.footer._element.xml
    for table in document.tables:
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r.bold for c in header.cells for p in c.paragraphs for r in p.runs)
        for row in table.rows[1:]:
            assert row._tr.trPr.find(qn("w:tblHeader")) is None
    amounts = [
        cell.paragraphs[0]
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        if cell.text.endswith(" kr")
    ]
    assert amounts and all(p.alignment == 2 for p in amounts)  # right-aligned


@needs_pdf
def test_the_command_writes_the_same_report_as_the_page(
    coordinator_client, organisation, year_with_figures, tmp_path
):
    _page, _pdf, word = _three(coordinator_client, organisation)
    for fmt in ("pdf", "docx"):
        call_command(
            "report",
            "annual",
            org=organisation.slug,
            year=2025,
            format=fmt,
            output=str(tmp_path / f"rapport.{fmt}"),
        )
    written = (tmp_path / "rapport.docx").read_bytes()
    assert words(docx_text(written)) == words(docx_text(word.content))
    assert pdf_structure((tmp_path / "rapport.pdf").read_bytes())["pdfa"] == "2a"
