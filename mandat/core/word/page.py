"""The page, the styles and the properties of a Word file: A4 with its
margins, the fonts and headings, the document's language wherever Word looks
for it, and the footer with the title and "Page X of Y"."""

from django.utils import timezone
from django.utils.translation import gettext
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGIN_SIDES, MARGIN_TOP, MARGIN_BOTTOM = Cm(2.2), Cm(2), Cm(2.2)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDES
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x44, 0x44, 0x44)
HEADING_SIZES = {1: Pt(16), 2: Pt(13), 3: Pt(11.5), 4: Pt(11)}


def set_up(document: Document, *, title: str, author: str, language: str) -> None:
    """Set up the page, the styles, the language, the footer and the
    properties of ``document``."""
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


def _set_language(document: Document, language: str) -> None:
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


def _footer(document: Document, title: str) -> None:
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


def _footer_run(paragraph: Paragraph, text: str = "") -> Run:
    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    return run


def _field(paragraph: Paragraph, instruction: str) -> None:
    """Add a field such as PAGE, with "1" as its value until Word counts."""
    for kind, text in (
        ("begin", ""),
        ("instr", f" {instruction} \\* MERGEFORMAT "),
        ("separate", ""),
        ("value", "1"),
        ("end", ""),
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
