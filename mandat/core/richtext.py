"""Rich text that people write in Mandat (meeting notes): a small set of
tags kept, everything else removed by nh3, so nothing written can run
script in another person's browser, the PDF or the Word file."""

import re
from html import escape, unescape

import nh3
from django.utils.safestring import SafeData, mark_safe

TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a"}
ATTRIBUTES = {"a": {"href"}}
# Characters that XML (and so Word files) cannot hold: C0 controls but tab
# and line breaks. With them the bidirectional embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069), which make text read in another
# order than it is written ("Trojan Source") in minutes, PDFs and lists.
CONTROL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]"
)
_DIV = re.compile(r"<(/?)div\b[^>]*>", re.IGNORECASE)
_HTML = re.compile(
    r"</?(p|br|strong|b|em|i|u|ul|ol|li|a|div|span|h[1-6])\b[^>]*>", re.IGNORECASE
)


def richtext_clean(text: str) -> str:
    """Return ``text`` as safe HTML. Plain text (no tags) becomes paragraphs,
    one per blank-line-separated block, with line breaks kept."""
    text = text_clean(text)
    if not text:
        return ""
    # Browsers' editors write a line as <div>; keep it as a paragraph.
    text = _DIV.sub(lambda match: f"<{match.group(1)}p>", text)
    if not _HTML.search(text):
        blocks = [block.strip() for block in re.split(r"\n\s*\n", text)]
        text = "".join(
            "<p>" + escape(block).replace("\n", "<br>") + "</p>"
            for block in blocks
            if block
        )
    else:
        text = _paragraphs(text)
    cleaned = nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # nh3 writes character references ("&#x202E;") as the characters.
    cleaned = text_strip_controls(cleaned).strip()
    return "" if not richtext_plain(cleaned) else cleaned


_BLOCK = re.compile(r"(<(p|ul|ol)\b.*?</\2>)", re.IGNORECASE | re.DOTALL)


def _paragraphs(html: str) -> str:
    """Wrap text that stands outside paragraphs and lists into paragraphs,
    one per blank-line-separated block."""
    out = []
    position = 0
    for match in _BLOCK.finditer(html):
        out.append(_wrap(html[position : match.start()]))
        out.append(match.group(1))
        position = match.end()
    out.append(_wrap(html[position:]))
    return "".join(out)


def _wrap(inline: str) -> str:
    blocks = [block.strip() for block in re.split(r"\n\s*\n", inline)]
    return "".join(
        "<p>" + block.replace("\n", "<br>") + "</p>" for block in blocks if block
    )


def text_clean(text: str) -> str:
    """Return ``text`` without the control characters no document can hold."""
    return CONTROL_CHARACTERS.sub("", (text or "").replace("\r\n", "\n")).strip()


def text_strip_controls(text: str) -> str:
    """Return ``text`` without control and bidirectional override characters,
    otherwise as it is (the one rule for text on its way in: forms, imports
    and rich text all use CONTROL_CHARACTERS). Safe HTML stays safe: taking
    these characters out cannot make markup."""
    stripped = CONTROL_CHARACTERS.sub("", text)
    return mark_safe(stripped) if isinstance(text, SafeData) else stripped


def richtext_plain(html: str) -> str:
    """Return the text of ``html`` without tags, for searches and e-mails."""
    text = re.sub(r"<br\s*/?>|</p>|</li>", "\n", html or "")
    text = text_strip_controls(unescape(nh3.clean(text, tags=set())))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


MARKDOWN_TAGS = TAGS | {
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def markdown_html(text: str) -> str:
    """Return Markdown (CommonMark with tables) as safe HTML. Raw HTML in the
    Markdown, such as script or iframe, is removed; headings start at level
    2 because the page has its own level 1."""
    from markdown_it import MarkdownIt

    html = (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .render(text_clean(text))
    )
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    # Markdown and nh3 turn character references into the characters.
    return text_strip_controls(
        nh3.clean(
            html,
            tags=MARKDOWN_TAGS,
            attributes=ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )
    ).strip()
