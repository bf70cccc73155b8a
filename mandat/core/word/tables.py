"""Tables in a Word file: cells and their spans, column widths shared as a
browser shares them, header rows repeated on every page, and the caption."""

from collections.abc import Sequence

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table, _Row
from lxml.html import HtmlElement

from .elements import text_of


def cells_of(tr: HtmlElement) -> list[HtmlElement]:
    return [cell for cell in tr if cell.tag in ("td", "th")]


def span_of(cell: HtmlElement) -> int:
    try:
        return max(int(cell.get("colspan") or 1), 1)
    except ValueError:
        return 1


def column_widths(
    rows: Sequence[tuple[HtmlElement, bool]], columns: int, total: int
) -> list[int]:
    """Share ``total`` between the columns as a browser's automatic layout
    does: each column at least as wide as its longest word, the rest of the
    width shared by how much more text each column holds."""
    # A character of 11 pt Calibri is about 0.2 cm wide; a cell's margins take
    # about two more.
    capacity = total / Cm(0.2)
    least, most = [3] * columns, [3] * columns
    for tr, header in rows:
        # Bold header text is about a seventh wider.
        scale = 1.15 if header else 1.0
        position = 0
        for cell in cells_of(tr):
            span = span_of(cell)
            if span == 1 and position < columns:
                text = text_of(cell)
                word = max((len(w) for w in text.split()), default=0)
                least[position] = max(least[position], round(word * scale) + 3)
                most[position] = max(most[position], round(len(text) * scale) + 3)
            position += span
    shares: Sequence[float]
    if sum(most) <= capacity:
        shares = most
    else:
        spare = capacity - sum(least)
        room = sum(m - n for m, n in zip(most, least, strict=True)) or 1
        shares = [
            n + max(spare, 0) * (m - n) / room for m, n in zip(most, least, strict=True)
        ]
    weight = sum(shares)
    widths = [int(total * share / weight) for share in shares]
    widths[-1] += total - sum(widths)
    return widths


def set_row_properties(row: _Row, *, header: bool) -> None:
    """Keep a row on one page; repeat a header row at the top of each page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def set_table_caption(table: Table, text: str) -> None:
    """Give the table its caption as the title a screen reader announces."""
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), text[:255])
    table._tbl.tblPr.append(caption)
