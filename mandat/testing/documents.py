"""Reading back the documents Mandat sends, for tests: the text of a web
page's document, of a PDF (pypdf) and of a Word file (python-docx), so a
test can check that the three say the same."""

import html as html_module
import io
import re
from collections import Counter

import lxml.html

# Tags that end a line or a cell: stripping them leaves a space, so words in
# two cells do not run together. Other tags (strong, em, a, span) leave
# nothing, as a browser shows them.
BLOCK_TAGS = (
    "address|article|blockquote|br|caption|dd|div|dl|dt|footer|h[1-6]|header|"
    "hr|li|main|nav|ol|p|section|table|tbody|td|tfoot|th|thead|tr|ul"
)
_BLOCK = re.compile(rf"</?(?:{BLOCK_TAGS})\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def normalise(text: str) -> str:
    """Return ``text`` with every run of whitespace, no-break spaces
    included, as one space."""
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def squash(text: str) -> str:
    """Return ``text`` without any whitespace, to find a phrase in text
    extracted from a PDF, where cells and lines may run together."""
    return "".join(text.split())


def _document_element(page: str):
    root = lxml.html.fromstring(page)
    found = root.xpath('//*[contains(concat(" ", @class, " "), " document ")]')
    assert len(found) == 1, "the page shows one document"
    element = found[0]
    for hidden in element.xpath(
        './/*[contains(concat(" ", @class, " "), " visually-hidden ")]'
    ):
        hidden.drop_tree()
    return element


def html_document(page: str) -> str:
    """Return the HTML of the document a web page shows (the element with
    the class "document"), without what only a screen reader hears."""
    return lxml.html.tostring(_document_element(page), encoding="unicode")


def html_text(html: str) -> str:
    """Return the text of ``html``, its tags stripped."""
    return normalise(html_module.unescape(_TAG.sub("", _BLOCK.sub(" ", html))))


def html_headings(page: str) -> list[str]:
    """Return the headings h1–h4 of the page's document, in order."""
    element = _document_element(page)
    for line_break in element.iter("br"):
        # A line break reads as a space, as Word's and the PDF's do.
        line_break.tail = " " + (line_break.tail or "")
    return [
        normalise(heading.text_content())
        for heading in element.iter("h1", "h2", "h3", "h4")
    ]


def docx_document(content: bytes):
    from docx import Document

    return Document(io.BytesIO(content))


def docx_blocks(document):
    """Yield the paragraphs of the body, those in tables included, in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Table):
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell comes once
                        continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs


def docx_text(content: bytes) -> str:
    """Return the text of a Word file's body, paragraphs and table cells."""
    document = docx_document(content)
    return normalise(" ".join(p.text for p in docx_blocks(document)))


def docx_headings(content: bytes) -> list[str]:
    """Return the paragraphs in Word's Heading styles, in order."""
    document = docx_document(content)
    return [
        normalise(p.text)
        for p in docx_blocks(document)
        if p.style.name.startswith("Heading")
    ]


def pdf_text(content: bytes) -> str:
    """Return the text of every page of a PDF, as pypdf reads it."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return normalise(" ".join(page.extract_text() or "" for page in reader.pages))


def words(text: str) -> Counter:
    """Return how often each word occurs in ``text``."""
    return Counter(normalise(text).split())


def missing_from_pdf(expected: list[str], pdf: str, *, ordered=True) -> list[str]:
    """Return the phrases of ``expected`` that the PDF's text lacks, or (if
    ``ordered``) that come out of the order given."""
    text = squash(pdf)
    missing, position = [], 0
    for phrase in expected:
        found = text.find(squash(phrase), position if ordered else 0)
        if found < 0:
            missing.append(phrase)
        elif ordered:
            position = found + len(squash(phrase))
    return missing
