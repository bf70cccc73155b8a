"""The one HTML-to-Word converter: what each tag becomes in the Word file,
and the page, language and footer every Word file from Mandat has."""

import pytest
from django.utils import translation
from docx.oxml.ns import qn

from mandat.core.word import html_to_docx
from mandat.testing.documents import docx_document


def _docx(html: str, **kwargs):
    with translation.override("sv"):
        content = html_to_docx(html, title=kwargs.pop("title", "Titel"), **kwargs)
    return docx_document(content)


def _paragraphs(document):
    return [(p.style.name, p.text) for p in document.paragraphs if p.text]


def test_headings_become_words_own_heading_styles():
    document = _docx(
        "<h1>Årsrapport</h1><h2>Utbildningar</h2><h3>Enligt planen</h3>"
        "<h4>Våren</h4><h5>Detalj</h5><p>Text</p>"
    )
    assert _paragraphs(document) == [
        ("Heading 1", "Årsrapport"),
        ("Heading 2", "Utbildningar"),
        ("Heading 3", "Enligt planen"),
        ("Heading 4", "Våren"),
        ("Heading 4", "Detalj"),
        ("Normal", "Text"),
    ]


def test_bold_italic_and_underline_keep_their_look_and_links_become_text():
    document = _docx(
        "<p>Ett <strong>fetstilt</strong>, ett <em>kursivt</em> och ett <u>under"
        'strukket</u> ord, och <a href="https://example.se/">en länk</a>.</p>'
    )
    paragraph = document.paragraphs[0]
    assert paragraph.text == (
        "Ett fetstilt, ett kursivt och ett understrukket ord, och en länk."
    )
    looks = {run.text: (run.bold, run.italic, run.underline) for run in paragraph.runs}
    assert looks["fetstilt"] == (True, None, None)
    assert looks["kursivt"] == (None, True, None)
    assert looks["understrukket"] == (None, None, True)
    assert "hyperlink" not in document.element.xml


def test_whitespace_collapses_as_in_a_browser_and_line_breaks_stay():
    document = _docx(
        "<p>\n  Vid   anteckningarna <br>\n Hedda  Sekreterare\n</p>"
        "<p>20\xa0000 kr</p><p>   </p>"
    )
    assert [p.text for p in document.paragraphs] == [
        "Vid anteckningarna\nHedda Sekreterare",
        "20\xa0000 kr",
    ]


def test_lists_become_word_lists_and_each_numbered_list_starts_at_one():
    document = _docx(
        "<ul><li>Mötesteknik</li><li>Digitala möten<ul><li>Teams</li></ul></li></ul>"
        "<ol><li>Första</li><li>Andra</li></ol><p>Mellan</p>"
        "<ol><li>Ett</li><li><p>Två</p><p>Mer om två</p></li></ol>"
    )
    assert _paragraphs(document) == [
        ("List Bullet", "Mötesteknik"),
        ("List Bullet", "Digitala möten"),
        ("List Bullet 2", "Teams"),
        ("List Number", "Första"),
        ("List Number", "Andra"),
        ("Normal", "Mellan"),
        ("List Number", "Ett"),
        ("List Number", "Två"),
        ("List Continue", "Mer om två"),
    ]
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    lists = {p._p.pPr.numPr.numId.val for p in numbered}
    assert len(lists) == 2  # two lists, numbered from 1 each
    numbering = document.part.numbering_part.element
    for num_id in lists:
        start = numbering.num_having_numId(num_id).xpath(
            "./w:lvlOverride/w:startOverride/@w:val"
        )
        assert start == ["1"]


def test_a_table_keeps_its_header_row_repeating_and_bold_and_its_caption():
    document = _docx(
        "<table><caption>Kostnader</caption>"
        '<thead><tr><th scope="col">Kategori</th>'
        '<th scope="col" class="number">Belopp</th></tr></thead>'
        '<tbody><tr><td>Föreläsare</td><td class="number">20\xa0000 kr</td></tr>'
        '<tr><td colspan="2">Inga fler.</td></tr>'
        '<tr><th scope="row">Totalt</th><td class="number">20\xa0000 kr</td></tr>'
        "</tbody></table>"
    )
    assert document.paragraphs[0].text == "Kostnader"
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Kategori", "Belopp"],
        ["Föreläsare", "20\xa0000 kr"],
        ["Inga fler.", "Inga fler."],  # one cell over both columns
        ["Totalt", "20\xa0000 kr"],
    ]
    rows = [row._tr.trPr for row in table.rows]
    assert [r.find(qn("w:tblHeader")) is not None for r in rows] == [
        True,
        False,
        False,
        False,
    ]
    assert all(r.find(qn("w:cantSplit")) is not None for r in rows)
    assert all(run.bold for c in table.rows[0].cells for run in c.paragraphs[0].runs)
    assert table.rows[3].cells[0].paragraphs[0].runs[0].bold
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # right
    assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Kostnader"


def test_two_tables_in_a_row_stay_two_tables():
    document = _docx(
        '<table><caption class="visually-hidden">A</caption><tr><td>1</td></tr>'
        "</table><table><tr><td>2</td></tr></table>"
    )
    body = [child.tag.split("}")[1] for child in document.element.body]
    assert body == ["tbl", "p", "tbl", "p", "sectPr"]


def test_what_only_a_screen_can_use_is_left_out():
    document = _docx(
        "<p>Kvar</p><form><button>Spara</button></form><nav>Meny</nav>"
        '<p class="visually-hidden">Dolt</p><script>alert(1)</script>'
        "<p>Ock<span hidden>x</span>så\x07 kvar</p>"
    )
    assert [p.text for p in document.paragraphs] == ["Kvar", "Också kvar"]


def test_a_definition_list_becomes_bold_terms_before_their_text():
    document = _docx("<dl><dt>Närvarande:</dt><dd>Anna (S), Bo (M).</dd></dl>")
    paragraph = document.paragraphs[0]
    assert paragraph.text == "Närvarande: Anna (S), Bo (M)."
    assert paragraph.runs[0].bold and not paragraph.runs[-1].bold


def test_every_word_file_is_a4_in_swedish_with_title_author_and_page_numbers():
    document = _docx("<p>Text</p>", title="Minnesanteckningar", author="Hedda")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.left_margin.cm >= 2 and section.top_margin.cm >= 2
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "sv-SE"
    assert {lang.get(qn("w:val")) for lang in styles.iter(qn("w:lang"))} == {"sv-SE"}
    settings = document.settings.element
    assert settings.find(qn("w:proofState")) is None  # Word checks the spelling
    properties = document.core_properties
    assert (properties.title, properties.author, properties.language) == (
        "Minnesanteckningar",
        "Hedda",
        "sv-SE",
    )
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Minnesanteckningar\t")
    instructions = [i.text.split()[0] for i in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    parts = {part.partname for part in document.part.package.iter_parts()}
    assert "/word/stylesWithEffects.xml" not in parts


@pytest.mark.parametrize("html", ["", "   ", "<p> </p>"])
def test_empty_html_gives_an_empty_valid_word_file(html):
    document = _docx(html)
    assert [p.text for p in document.paragraphs if p.text] == []
