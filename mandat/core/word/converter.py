"""The converter: HTML blocks, paragraphs, inline text, lists and tables
written into a Word document."""

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace

import lxml.html
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml.html import HtmlElement

from ..pdf import document_language
from ..richtext import CONTROL_CHARACTERS
from .elements import (
    BREAK,
    HEADINGS,
    INLINE,
    Look,
    Node,
    TextRun,
    bold_copy,
    classes_of,
    collapse_runs,
    contents_of,
    is_hidden,
    reading_order,
    text_of,
)
from .page import TEXT_WIDTH, set_up
from .tables import (
    cells_of,
    column_widths,
    set_row_properties,
    set_table_caption,
    span_of,
)

WORD_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


@dataclass
class _ListItem:
    """The paragraph style of a list item: its first paragraph carries the
    bullet or number, later ones are indented as its continuation."""

    style: str
    continued: str
    num_id: int | None = None
    started: bool = False


@dataclass
class _Target:
    """Where paragraphs and tables go: the body or a table cell. A new cell
    holds one empty paragraph, used for its first text."""

    container: DocumentObject | _Cell
    width: int | None = None
    fresh: Paragraph | None = None

    def paragraph(self, style: str | None = None) -> Paragraph:
        if self.fresh is not None:
            paragraph, self.fresh = self.fresh, None
            if style:
                paragraph.style = style
        else:
            paragraph = self.container.add_paragraph(style=style)
        return paragraph


def html_to_docx(html: str, *, title: str, author: str = "") -> bytes:
    """Return ``html`` as a Word file titled ``title``, written by ``author``."""
    document = Document()
    language = document_language()
    set_up(document, title=str(title), author=str(author), language=language)
    _Converter(document).convert(html)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


class _Converter:
    def __init__(self, document: DocumentObject) -> None:
        self.document = document
        self.after_table = False

    def convert(self, html: str) -> None:
        html = CONTROL_CHARACTERS.sub("", html or "")
        if not html.strip():
            return
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        self.blocks(root, _Target(self.document, width=TEXT_WIDTH))
        body = self.document.element.body
        blocks = [child for child in body if child.tag != qn("w:sectPr")]
        if blocks and blocks[-1].tag == qn("w:tbl"):
            # Word ends a document with a paragraph.
            self.document.add_paragraph()

    # Blocks

    def blocks(
        self,
        element: HtmlElement,
        target: _Target,
        item: _ListItem | None = None,
        depth: int = 0,
    ) -> None:
        """Write the element's content: runs of inline content as one
        paragraph, block elements each in their own way."""
        inline: list[Node] = []
        for child in reading_order(element):
            if isinstance(child, str) or child.tag in INLINE:
                if isinstance(child, str) or not is_hidden(child):
                    inline.append(child)
                continue
            self.paragraph(inline, target, item)
            inline = []
            if is_hidden(child):
                continue
            self.block(child, target, item, depth)
        self.paragraph(inline, target, item)

    def block(
        self,
        element: HtmlElement,
        target: _Target,
        item: _ListItem | None,
        depth: int,
    ) -> None:
        tag = element.tag
        if tag in HEADINGS:
            self.paragraph(
                [element], target, style=f"Heading {HEADINGS[tag]}", inside=True
            )
        elif tag in ("ul", "ol"):
            self.list(element, target, ordered=tag == "ol", depth=depth)
        elif tag == "table":
            self.table(element, target)
        elif tag == "dl":
            self.definitions(element, target, item)
        elif tag == "blockquote":
            self.blocks(element, target, _ListItem("Quote", "Quote"), depth)
        elif tag == "hr":
            return
        elif tag in ("p", "pre", "li", "dt", "dd", "caption", "address"):
            self.paragraph([element], target, item, inside=True)
        else:  # div, section, header, article and the like hold blocks
            self.blocks(element, target, item, depth)

    def paragraph(
        self,
        content: Sequence[Node],
        target: _Target,
        item: _ListItem | None = None,
        *,
        style: str | None = None,
        inside: bool = False,
    ) -> None:
        """Write ``content`` (text and inline elements, or with ``inside`` the
        inside of the given elements) as one paragraph, unless it is blank."""
        runs: list[TextRun] = []
        for piece in content:
            if isinstance(piece, str):
                runs.append((piece, Look()))
            elif inside:
                for child in reading_order(piece):
                    self.inline(child, Look(), runs)
            else:
                self.inline(piece, Look(), runs)
        runs = collapse_runs(runs)
        if not runs:
            return
        number = None
        if style is None and item is not None:
            style = item.style if not item.started else item.continued
            number = item.num_id if not item.started else None
            item.started = True
        paragraph = target.paragraph(style)
        if number is not None:
            _number(paragraph, number)
        if self.after_table and target.container is self.document and not style:
            paragraph.paragraph_format.space_before = Pt(8)
        self.after_table = False
        for text, look in runs:
            if text is BREAK:
                paragraph.add_run().add_break()
                continue
            run = paragraph.add_run(text)
            if look.bold:
                run.bold = True
            if look.italic:
                run.italic = True
            if look.underline:
                run.underline = True

    def inline(self, node: Node, look: Look, runs: list[TextRun]) -> None:
        if isinstance(node, str):
            runs.append((node, look))
            return
        if is_hidden(node):
            return
        tag = node.tag
        if tag == "br":
            runs.append((BREAK, look))
            return
        if tag in ("strong", "b"):
            look = replace(look, bold=True)
        elif tag in ("em", "i", "cite"):
            look = replace(look, italic=True)
        elif tag == "u":
            look = replace(look, underline=True)
        if runs and (tag in HEADINGS or tag in ("p", "li", "div", "dd", "dt")):
            # A block inside inline content starts on a line of its own.
            runs.append((BREAK, look))
        for child in reading_order(node):
            self.inline(child, look, runs)

    def definitions(
        self, element: HtmlElement, target: _Target, item: _ListItem | None
    ) -> None:
        """Write a <dl> as "Term: description" paragraphs, the term in bold."""
        pending: list[Node] = []
        for child in element:
            if not isinstance(child.tag, str) or is_hidden(child):
                continue
            if child.tag == "dt":
                if pending:
                    self.paragraph(pending, target, item)
                pending = [bold_copy(child)]
            elif child.tag == "dd":
                self.paragraph([*pending, " ", *contents_of(child)], target, item)
                pending = []
        if pending:
            self.paragraph(pending, target, item)

    # Lists

    def list(
        self, element: HtmlElement, target: _Target, *, ordered: bool, depth: int
    ) -> None:
        base = "List Number" if ordered else "List Bullet"
        suffix = "" if depth == 0 else f" {min(depth + 1, 3)}"
        continued = "List Continue" + suffix
        num_id = self.restart_numbering(base + suffix) if ordered else None
        for child in element:
            if not isinstance(child.tag, str) or is_hidden(child):
                continue
            if child.tag in ("ul", "ol"):
                self.list(child, target, ordered=child.tag == "ol", depth=depth + 1)
                continue
            item = _ListItem(base + suffix, continued, num_id)
            self.blocks(child, target, item, depth + 1)

    def restart_numbering(self, style_name: str) -> int | None:
        """Return a new numbering that starts at 1 for a list in
        ``style_name``, so a second numbered list does not go on counting
        from the first."""
        style = self.document.styles[style_name].element
        num_ids = style.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if not num_ids:
            return None
        numbering = self.document.part.numbering_part.element
        abstract = numbering.num_having_numId(int(num_ids[0])).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        num_id: int = num.numId
        return num_id

    # Tables

    def table(self, element: HtmlElement, target: _Target) -> None:
        caption = next((c for c in element if c.tag == "caption"), None)
        rows: list[tuple[HtmlElement, bool]] = []  # (tr, is_header)
        for child in element:
            if child.tag in ("thead", "tbody", "tfoot"):
                rows += [(tr, child.tag == "thead") for tr in child if tr.tag == "tr"]
            elif child.tag == "tr":
                rows.append((child, False))
        head = [r for r in rows if r[1]]
        foot = [r for r in rows if r[0].getparent().tag == "tfoot"]
        rows = head + [r for r in rows if not r[1] and r not in foot] + foot
        rows = [(tr, header) for tr, header in rows if not is_hidden(tr)]
        if not head:
            # Without a <thead>, leading rows of only <th> are the header.
            for index, (tr, _header) in enumerate(rows):
                cells = cells_of(tr)
                if not cells or any(cell.tag != "th" for cell in cells):
                    break
                rows[index] = (tr, True)
        if not rows:
            return
        columns = max(sum(span_of(cell) for cell in cells_of(tr)) for tr, _h in rows)
        if columns == 0:
            return
        if caption is not None and not is_hidden(caption):
            heading = target.paragraph()
            if self.after_table:
                heading.paragraph_format.space_before = Pt(8)
            heading.add_run(text_of(caption)).bold = True
            heading.paragraph_format.keep_with_next = True
            heading.paragraph_format.space_after = Pt(2)
        elif self.after_table and target.container is self.document:
            # Word joins two tables with nothing between them into one.
            target.paragraph().paragraph_format.space_after = Pt(0)
        table = target.container.add_table(rows=0, cols=columns)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        widths = column_widths(rows, columns, target.width) if target.width else None
        for tr, header in rows:
            row = table.add_row()
            set_row_properties(row, header=header)
            position = 0
            for cell_element in cells_of(tr):
                span = min(span_of(cell_element), columns - position)
                if span <= 0:
                    break
                cell = row.cells[position]
                if span > 1:
                    cell = cell.merge(row.cells[position + span - 1])
                cell_width = sum(widths[position : position + span]) if widths else None
                self.cell(cell, cell_element, header=header, width=cell_width)
                position += span
        if widths:
            for column, width in zip(table.columns, widths, strict=True):
                column.width = Emu(width)
        if caption is not None:
            set_table_caption(table, text_of(caption))
        self.after_table = True

    def cell(
        self, cell: _Cell, element: HtmlElement, *, header: bool, width: int | None
    ) -> None:
        target = _Target(cell, width=width, fresh=cell.paragraphs[0])
        if width:
            cell.width = Emu(width)
        if header or element.tag == "th":
            self.paragraph([bold_copy(element)], target)
        else:
            self.blocks(element, target)
        if "number" in classes_of(element):
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(2)
        self.after_table = False


def _number(paragraph: Paragraph, num_id: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    numbering = properties.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id
