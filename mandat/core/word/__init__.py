"""Word files: the HTML a document's web page and PDF show, written as a .docx
by one converter, so the three read the same (STYLE 14).

The converter knows the HTML Mandat's documents use: headings h1–h4 become
Word's own Heading 1–4 styles, paragraphs, bold, italics and underline keep
their look, lists become Word lists, tables keep their header rows (repeated
on every page), line breaks stay and links are written as their text. The
file is A4, in the document's language (so Word spell-checks Swedish), with
the title and "Page X of Y" in the footer and the title and author in its
properties.

One module per part:

converter  html_to_docx: blocks, paragraphs, inline text, lists, tables
elements   how the converter reads HTML elements and collapses whitespace
tables     cells, spans, column widths, header rows, captions
page       the page, the styles, the language, the footer, the properties
"""

from .converter import WORD_CONTENT_TYPE, html_to_docx

__all__ = ["WORD_CONTENT_TYPE", "html_to_docx"]
