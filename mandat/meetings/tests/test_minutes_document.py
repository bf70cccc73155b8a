"""The minutes as they arrive: the web page, the PDF/A and the Word file are
made from one HTML rendering and say the same, word for word; the PDF is
tagged and the Word file is an A4 document in Swedish with page numbers and
table headers that repeat on every page."""

import datetime

import pytest
from django.urls import reverse
from docx.oxml.ns import qn

from mandat.meetings import services
from mandat.meetings.models import Attendance
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

from .factories import at, steering_group

pytestmark = pytest.mark.django_db

NOTES = (
    "<p>Styrgruppen diskuterade upplägget av vårens <strong>workshop</strong> "
    "om tillitsbaserad styrning.</p>"
    "<ul><li>Förmiddagen: forskning och erfarenheter från andra kommuner</li>"
    "<li>Eftermiddagen: <em>utvärdering</em> av mandatperioden</li></ul>"
    "<p>Förslag på föreläsare:</p>"
    "<ol><li>Olle Lundin, Uppsala universitet</li><li>Tillitsdelegationen</li></ol>"
)
DECISION = "Styrgruppen beslutar att genomföra en workshop i mars 2027."
REGISTRY_NUMBER = "KS 2026/1234"


@pytest.fixture
def group(organisation):
    return steering_group(organisation)


def _minutes(group, coordinator, *, quorate: bool):
    """A held meeting: members present, via Teams and excused (the chair and
    vice chair too when not quorate), an item with rich-text notes, and
    thirty action items, enough for the table to run over a page."""
    meeting = services.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=at("2025-12-03", "13:30"),
        ends_at=at("2025-12-03", "14:30"),
        location="Lokal Vargö",
        meeting_url="https://teams.example/mote",
    )
    services.attendance_prefill(meeting=meeting)
    rows = list(meeting.attendances.order_by("pk"))
    members = [row for row in rows if row.capacity == "member"]
    statuses = {}
    for number, row in enumerate(rows):
        chairing = row.role in ("ordforande", "vice_ordforande")
        if (chairing and not quorate) or row == members[-2]:
            statuses[row.person_id] = Attendance.Status.EXCUSED
        elif row.capacity == "member" and number % 3 == 1:
            statuses[row.person_id] = Attendance.Status.REMOTE
        else:
            statuses[row.person_id] = Attendance.Status.PRESENT
    services.attendance_record(
        actor=coordinator, meeting=meeting, statuses=statuses, serving_for={}
    )
    item = services.item_create(
        actor=coordinator,
        meeting=meeting,
        title="Workshop för utvärdering av mandatperioden",
        kind="decision" if quorate else "information",
        notes=NOTES,
        decision=DECISION if quorate else "",
    )
    for number in range(1, 31):
        services.action_item_create(
            actor=coordinator,
            meeting=meeting,
            item=item if number <= 2 else None,
            what=f"Boka föreläsare och lokal för workshopens pass {number}",
            owner_label="Hedda Sekreterare" if number % 2 else "Jonas Kinnander",
            due_on=datetime.date(2026, 1, number % 28 + 1),
        )
    return meeting


@pytest.fixture
def finalised(group, coordinator):
    meeting = _minutes(group, coordinator, quorate=True)
    return services.minutes_finalise(
        actor=coordinator, meeting=meeting, registry_number=REGISTRY_NUMBER
    )


@pytest.fixture
def draft(group, coordinator):
    return _minutes(group, coordinator, quorate=False)


def _get(client, organisation, meeting, name):
    response = client.get(
        reverse(f"meetings:{name}", args=[organisation.slug, meeting.pk])
    )
    assert response.status_code == 200
    return response


def _three(client, organisation, meeting):
    """The page, the PDF and the Word file, as a member downloads them."""
    page = _get(client, organisation, meeting, "minutes").content.decode()
    pdf = _get(client, organisation, meeting, "minutes-pdf").content
    word = _get(client, organisation, meeting, "minutes-word").content
    return page, pdf, word


def _names(meeting, status):
    return [
        row.person.full_name
        for row in meeting.attendances.select_related("person")
        if row.status == status
    ]


@needs_pdf
def test_finalised_minutes_say_the_same_on_the_page_in_the_pdf_and_in_word(
    coordinator_client, finalised, organisation
):
    page, pdf, word = _three(coordinator_client, organisation, finalised)
    web, pdf, word_text = html_text(html_document(page)), pdf_text(pdf), docx_text(word)
    expected = [
        "Minnesanteckningar 2025-12-03",
        REGISTRY_NUMBER,
        "Lokal Vargö",
        *_names(finalised, Attendance.Status.PRESENT),
        *_names(finalised, Attendance.Status.REMOTE),
        *_names(finalised, Attendance.Status.EXCUSED),
        "Från stadsledningskontoret: Hedda Sekreterare.",
        "Workshop för utvärdering av mandatperioden",
        "Olle Lundin, Uppsala universitet",
        DECISION,
        "Boka föreläsare och lokal för workshopens pass 30",
        "Jonas Kinnander",
        "2026-01-28",
        "Vid anteckningarna",
    ]
    for phrase in expected:
        assert phrase in web
        assert phrase in word_text
    assert not missing_from_pdf(expected, pdf, ordered=False)
    # Every word of the page's minutes, as often as there, and no other.
    assert words(word_text) == words(web)
    assert not missing_from_pdf(web.split(), pdf)
    assert "UTKAST" not in web + word_text + pdf


@needs_pdf
def test_headings_are_the_same_and_in_order_in_every_form(
    coordinator_client, finalised, organisation
):
    page, pdf, word = _three(coordinator_client, organisation, finalised)
    headings = html_headings(page)
    assert headings[0].startswith("Möte med Styrgruppen för politikerutbildning")
    assert "3. Workshop för utvärdering av mandatperioden" in headings
    assert docx_headings(word) == headings
    assert not missing_from_pdf(headings, pdf_text(pdf))


@needs_pdf
def test_draft_minutes_say_draft_and_not_quorate_in_every_form(
    coordinator_client, draft, organisation
):
    page, pdf, word = _three(coordinator_client, organisation, draft)
    web, pdf, word_text = html_text(html_document(page)), pdf_text(pdf), docx_text(word)
    for phrase in ("UTKAST", "hanterades som information", "Förhinder:"):
        assert phrase in web
        assert phrase in word_text
        assert not missing_from_pdf([phrase], pdf)
    assert words(word_text) == words(web)
    assert "Diarienummer" not in web + word_text


def test_the_page_keeps_its_buttons_and_forms_out_of_the_minutes(
    coordinator_client, draft, organisation
):
    page = _get(coordinator_client, organisation, draft, "minutes").content.decode()
    document = html_document(page)
    assert "<form" in page and "<form" not in document
    assert "Fastställ anteckningarna" in page
    assert "Fastställ anteckningarna" not in document


@needs_pdf
def test_minutes_pdf_is_tagged_pdf_a_in_swedish_showing_its_title(
    coordinator_client, finalised, organisation
):
    response = _get(coordinator_client, organisation, finalised, "minutes-pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="minnesanteckningar-2025-12-03.pdf"'
    )
    pdf = pdf_structure(response.content)
    title = "Möte med Styrgruppen för politikerutbildning Minnesanteckningar 2025-12-03"
    assert pdf["has_struct_tree_root"] and pdf["marked"]
    structure = pdf["structure"]
    for tag in ("Document", "H1", "H2", "P", "L", "LI", "Table", "TR", "TH", "TD"):
        assert structure[tag] > 0, tag
    page = _get(coordinator_client, organisation, finalised, "minutes").content
    assert structure["H2"] == html_document(page.decode()).count("<h2")
    assert pdf["lang"] == "sv-SE"
    assert pdf["info_title"] == pdf["xmp_title"] == title
    assert pdf["display_doc_title"]
    assert pdf["pdfa"] == "2a"


def test_minutes_word_file_is_a4_swedish_with_page_numbers_and_real_headings(
    coordinator_client, finalised, organisation
):
    response = _get(coordinator_client, organisation, finalised, "minutes-word")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="minnesanteckningar-2025-12-03.docx"'
    )
    document = docx_document(response.content)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    languages = {
        lang.get(qn("w:val")) for lang in document.styles.element.iter(qn("w:lang"))
    }
    assert languages == {"sv-SE"}
    assert document.core_properties.language == "sv-SE"
    assert document.core_properties.title.endswith("Minnesanteckningar 2025-12-03")
    assert document.core_properties.author == "Hedda Sekreterare"
    footer = section.footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    styles = {p.style.name for p in document.paragraphs if p.text}
    assert {"Heading 1", "Heading 2", "List Bullet", "List Number"} <= styles
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "workshop" in bold and "Vid anteckningarna" in bold


def test_the_action_items_table_repeats_its_header_row_on_every_page(
    coordinator_client, finalised, organisation
):
    response = _get(coordinator_client, organisation, finalised, "minutes-word")
    table = docx_document(response.content).tables[0]
    header, first = table.rows[0], table.rows[1]
    assert [c.text for c in header.cells] == [
        "Vad",
        "Vem",
        "Organisation",
        "Klart senast",
    ]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert first._tr.trPr.find(qn("w:tblHeader")) is None
    assert all(run.bold for c in header.cells for run in c.paragraphs[0].runs)
    assert len(table.rows) == 31
    assert first.cells[0].text == "Boka föreläsare och lokal för workshopens pass 1"
