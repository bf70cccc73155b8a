"""Word files: the HTML a document's web page and PDF show, written as a .docx
by one converter, so the three read the same (STYLE 14).

The converter knows the HTML Mandat's documents use: headings h1–h4 become
Word's own Heading 1–4 styles, paragraphs, bold, italics and underline keep
their look, lists become Word lists, tables keep their header rows (repeated
on every page), line breaks stay and links are written as their text. The
file is A4, in the document's language (so Word spell-checks Swedish), with
the title and "Page X of Y" in the footer and the title and author in its
properties."""

import copy
import io
import re
from dataclasses import dataclass, replace

import lxml.html
from django.utils import timezone
from django.utils.translation import gettext
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from .pdf import document_language
from .richtext import CONTROL_CHARACTERS

WORD_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGIN_SIDES, MARGIN_TOP, MARGIN_BOTTOM = Cm(2.2), Cm(2), Cm(2.2)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDES
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x44, 0x44, 0x44)
HEADING_SIZES = {1: Pt(16), 2: Pt(13), 3: Pt(11.5), 4: Pt(11)}

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
INLINE = {
    "a",
    "abbr",
    "b",
    "br",
    "cite",
    "code",
    "data",
    "em",
    "i",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
}
# What only a screen can use, and what cannot be written as text.
SKIPPED = {
    "button",
    "form",
    "head",
    "iframe",
    "img",
    "input",
    "nav",
    "noscript",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
}
# Whitespace as HTML collapses it; a no-break space (as in "20 000 kr") stays.
_SPACE = re.compile(r"[ \t\n\r\f]+")
_BREAK = object()


@dataclass(frozen=True)
class _Look:
    bold: bool = False
    italic: bool = False
    underline: bool = False


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

    container: object
    width: int | None = None
    fresh: object = None

    def paragraph(self, style: str | None = None):
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
    _set_up(document, title=str(title), author=str(author), language=language)
    _Converter(document).convert(html)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


# The page, the styles and the properties ----------------------------------------------


def _set_up(document, *, title: str, author: str, language: str) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_SIDES
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.footer_distance = Cm(1)

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in HEADING_SIZES.items():
        heading = styles[f"Heading {level}"]
        heading.font.size = size
        heading.font.color.rgb = INK
        heading.font.italic = False
        heading.paragraph_format.space_before = Pt(16 if level == 1 else 12)
        heading.paragraph_format.space_after = Pt(4)
    _set_language(document, language)
    _footer(document, title)

    properties = document.core_properties
    now = timezone.now().replace(microsecond=0, tzinfo=None)
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.language = language
    properties.subject = ""
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.revision = 1
    properties.created = properties.modified = now


def _set_language(document, language: str) -> None:
    """Write ``language`` wherever Word looks for the text's language: the
    defaults of every style, the theme fonts' language and the number
    separators, and let Word check the spelling afresh."""
    styles = document.styles.element
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), language)
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if run_defaults.find(qn("w:lang")) is None:
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), language)
        run_defaults.append(lang)
    settings = document.settings.element
    for proof in settings.findall(qn("w:proofState")):
        settings.remove(proof)
    for theme_lang in settings.iter(qn("w:themeFontLang")):
        theme_lang.set(qn("w:val"), language)
    if language.startswith("sv"):
        for name, value in (("decimalSymbol", ","), ("listSeparator", ";")):
            for element in settings.iter(qn(f"w:{name}")):
                element.set(qn("w:val"), value)
    # The template's second copy of its styles (for Word 2010) and its
    # thumbnail say nothing of this document.
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
    package_rels = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]


def _footer(document, title: str) -> None:
    """Put the title on the left and "Page X of Y" on the right of every
    page's footer."""
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Normal"]
    paragraph.paragraph_format.space_after = Pt(0)
    stops = paragraph.paragraph_format.tab_stops
    stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    _footer_run(paragraph, title)
    _footer_run(paragraph, "\t")
    # Placeholders the translation cannot contain mark where the fields go.
    text = gettext("Page %(page)s of %(pages)s") % {
        "page": "\x00PAGE\x00",
        "pages": "\x00NUMPAGES\x00",
    }
    for number, piece in enumerate(text.split("\x00")):
        if number % 2:
            _field(paragraph, piece)
        elif piece:
            _footer_run(paragraph, piece)


def _footer_run(paragraph, text: str = ""):
    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    return run


def _field(paragraph, instruction: str) -> None:
    """Add a field such as PAGE, with "1" as its value until Word counts."""
    for kind, text in (
        ("begin", None),
        ("instr", f" {instruction} \\* MERGEFORMAT "),
        ("separate", None),
        ("value", "1"),
        ("end", None),
    ):
        run = _footer_run(paragraph)
        if kind == "instr":
            instruction_text = OxmlElement("w:instrText")
            instruction_text.set(qn("xml:space"), "preserve")
            instruction_text.text = text
            run._r.append(instruction_text)
        elif kind == "value":
            run.text = text
        else:
            character = OxmlElement("w:fldChar")
            character.set(qn("w:fldCharType"), kind)
            run._r.append(character)


# HTML to Word ---------------------------------------------------------------------


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _hidden(element) -> bool:
    return (
        element.tag in SKIPPED
        or element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or "visually-hidden" in _classes(element)
    )


def _children(element):
    """Yield the element's text and children in reading order: strings for
    text, elements for tags (comments give only the text after them)."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            yield child
        if child.tail:
            yield child.tail


def _text(element) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


class _Converter:
    def __init__(self, document):
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

    def blocks(self, element, target: _Target, item: _ListItem | None = None, depth=0):
        """Write the element's content: runs of inline content as one
        paragraph, block elements each in their own way."""
        inline: list = []
        for child in _children(element):
            if isinstance(child, str) or child.tag in INLINE:
                if isinstance(child, str) or not _hidden(child):
                    inline.append(child)
                continue
            self.paragraph(inline, target, item)
            inline = []
            if _hidden(child):
                continue
            self.block(child, target, item, depth)
        self.paragraph(inline, target, item)

    def block(self, element, target: _Target, item: _ListItem | None, depth: int):
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
        content: list,
        target: _Target,
        item: _ListItem | None = None,
        *,
        style: str | None = None,
        inside: bool = False,
    ) -> None:
        """Write ``content`` (text and inline elements, or with ``inside`` the
        inside of the given elements) as one paragraph, unless it is blank."""
        runs: list = []
        for piece in content:
            if isinstance(piece, str):
                runs.append((piece, _Look()))
            elif inside:
                for child in _children(piece):
                    self.inline(child, _Look(), runs)
            else:
                self.inline(piece, _Look(), runs)
        runs = _collapse(runs)
        if not runs:
            return
        if style is None and item is not None:
            style = item.style if not item.started else item.continued
            numbered = not item.started and item.num_id is not None
            item.started = True
        else:
            numbered = False
        paragraph = target.paragraph(style)
        if numbered:
            _number(paragraph, item.num_id)
        if self.after_table and target.container is self.document and not style:
            paragraph.paragraph_format.space_before = Pt(8)
        self.after_table = False
        for text, look in runs:
            if text is _BREAK:
                paragraph.add_run().add_break()
                continue
            run = paragraph.add_run(text)
            if look.bold:
                run.bold = True
            if look.italic:
                run.italic = True
            if look.underline:
                run.underline = True

    def inline(self, node, look: _Look, runs: list) -> None:
        if isinstance(node, str):
            runs.append((node, look))
            return
        if _hidden(node):
            return
        tag = node.tag
        if tag == "br":
            runs.append((_BREAK, look))
            return
        if tag in ("strong", "b"):
            look = replace(look, bold=True)
        elif tag in ("em", "i", "cite"):
            look = replace(look, italic=True)
        elif tag == "u":
            look = replace(look, underline=True)
        if runs and (tag in HEADINGS or tag in ("p", "li", "div", "dd", "dt")):
            # A block inside inline content starts on a line of its own.
            runs.append((_BREAK, look))
        for child in _children(node):
            self.inline(child, look, runs)

    def definitions(self, element, target: _Target, item: _ListItem | None) -> None:
        """Write a <dl> as "Term: description" paragraphs, the term in bold."""
        pending: list = []
        for child in element:
            if not isinstance(child.tag, str) or _hidden(child):
                continue
            if child.tag == "dt":
                if pending:
                    self.paragraph(pending, target, item)
                pending = [_bold(child)]
            elif child.tag == "dd":
                self.paragraph([*pending, " ", *_contents(child)], target, item)
                pending = []
        if pending:
            self.paragraph(pending, target, item)

    # Lists

    def list(self, element, target: _Target, *, ordered: bool, depth: int) -> None:
        base = "List Number" if ordered else "List Bullet"
        suffix = "" if depth == 0 else f" {min(depth + 1, 3)}"
        continued = "List Continue" + suffix
        num_id = self.restart_numbering(base + suffix) if ordered else None
        for child in element:
            if not isinstance(child.tag, str) or _hidden(child):
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
        return num.numId

    # Tables

    def table(self, element, target: _Target) -> None:
        caption = next((c for c in element if c.tag == "caption"), None)
        rows = []  # (tr, is_header)
        for child in element:
            if child.tag in ("thead", "tbody", "tfoot"):
                rows += [(tr, child.tag == "thead") for tr in child if tr.tag == "tr"]
            elif child.tag == "tr":
                rows.append((child, False))
        head = [r for r in rows if r[1]]
        foot = [r for r in rows if r[0].getparent().tag == "tfoot"]
        rows = head + [r for r in rows if not r[1] and r not in foot] + foot
        rows = [(tr, header) for tr, header in rows if not _hidden(tr)]
        if not head:
            # Without a <thead>, leading rows of only <th> are the header.
            for index, (tr, _header) in enumerate(rows):
                cells = _cells(tr)
                if not cells or any(cell.tag != "th" for cell in cells):
                    break
                rows[index] = (tr, True)
        if not rows:
            return
        columns = max(sum(_span(cell) for cell in _cells(tr)) for tr, _h in rows)
        if columns == 0:
            return
        if caption is not None and not _hidden(caption):
            heading = target.paragraph()
            if self.after_table:
                heading.paragraph_format.space_before = Pt(8)
            heading.add_run(_text(caption)).bold = True
            heading.paragraph_format.keep_with_next = True
            heading.paragraph_format.space_after = Pt(2)
        elif self.after_table and target.container is self.document:
            # Word joins two tables with nothing between them into one.
            target.paragraph().paragraph_format.space_after = Pt(0)
        if target.container is self.document:
            table = self.document.add_table(rows=0, cols=columns)
        else:
            table = target.container.add_table(rows=0, cols=columns)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        widths = _widths(rows, columns, target.width) if target.width else None
        for tr, header in rows:
            row = table.add_row()
            _row_properties(row, header=header)
            position = 0
            for cell_element in _cells(tr):
                span = min(_span(cell_element), columns - position)
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
            _table_caption(table, _text(caption))
        self.after_table = True

    def cell(self, cell, element, *, header: bool, width: int | None) -> None:
        target = _Target(cell, width=width, fresh=cell.paragraphs[0])
        if width:
            cell.width = Emu(width)
        if header or element.tag == "th":
            self.paragraph([_bold(element)], target)
        else:
            self.blocks(element, target)
        if "number" in _classes(element):
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(2)
        self.after_table = False


def _collapse(runs: list) -> list:
    """Return the runs with whitespace collapsed as a browser shows it: one
    space between words, none at the start or end of a line."""
    out: list = []
    space_before = True
    for text, look in runs:
        if text is _BREAK:
            _strip_end(out)
            out.append((_BREAK, look))
            space_before = True
            continue
        text = _SPACE.sub(" ", text)
        if space_before:
            text = text.lstrip(" ")
        if not text:
            continue
        space_before = text.endswith(" ")
        if out and out[-1][0] is not _BREAK and out[-1][1] == look:
            out[-1] = (out[-1][0] + text, look)
        else:
            out.append((text, look))
    _strip_end(out)
    while out and out[-1][0] is _BREAK:
        out.pop()
    return out


def _strip_end(out: list) -> None:
    while out and out[-1][0] is not _BREAK:
        text = out[-1][0].rstrip(" ")
        if text:
            out[-1] = (text, out[-1][1])
            return
        out.pop()


def _bold(element):
    """Return a copy of ``element`` inside <strong>."""
    wrapper = lxml.html.Element("strong")
    inner = copy.deepcopy(element)
    inner.tail = None
    if inner.tag in ("th", "td", "dt"):
        inner.tag = "span"
    wrapper.append(inner)
    return wrapper


def _contents(element) -> list:
    """Return the inside of ``element`` as a list of strings and elements."""
    return list(_children(element))


def _cells(tr) -> list:
    return [cell for cell in tr if cell.tag in ("td", "th")]


def _span(cell) -> int:
    try:
        return max(int(cell.get("colspan") or 1), 1)
    except ValueError:
        return 1


def _widths(rows, columns: int, total: int) -> list[int]:
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
        for cell in _cells(tr):
            span = _span(cell)
            if span == 1 and position < columns:
                text = _text(cell)
                word = max((len(w) for w in text.split()), default=0)
                least[position] = max(least[position], round(word * scale) + 3)
                most[position] = max(most[position], round(len(text) * scale) + 3)
            position += span
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


def _row_properties(row, *, header: bool) -> None:
    """Keep a row on one page; repeat a header row at the top of each page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _table_caption(table, text: str) -> None:
    """Give the table its caption as the title a screen reader announces."""
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), text[:255])
    table._tbl.tblPr.append(caption)


def _number(paragraph, num_id: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    numbering = properties.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id
