"""Rich text that people write in Mandat (meeting notes): a small set of
tags kept, everything else removed by nh3, so nothing written can run
script in another person's browser, the PDF or the Word file."""

import re
from html import escape, unescape

import nh3

TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a"}
ATTRIBUTES = {"a": {"href"}}
_HTML = re.compile(
    r"</?(p|br|strong|b|em|i|u|ul|ol|li|a|div|span|h[1-6])\b[^>]*>", re.IGNORECASE
)


def richtext_clean(text: str) -> str:
    """Return ``text`` as safe HTML. Plain text (no tags) becomes paragraphs,
    one per blank-line-separated block, with line breaks kept."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    if not _HTML.search(text):
        blocks = [block.strip() for block in re.split(r"\n\s*\n", text)]
        text = "".join(
            "<p>" + escape(block).replace("\n", "<br>") + "</p>"
            for block in blocks
            if block
        )
    cleaned = nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()
    return "" if not richtext_plain(cleaned) else cleaned


def richtext_plain(html: str) -> str:
    """Return the text of ``html`` without tags, for searches and e-mails."""
    text = re.sub(r"<br\s*/?>|</p>|</li>", "\n", html or "")
    text = nh3.clean(text, tags=set())
    return re.sub(r"\n{3,}", "\n\n", unescape(text)).strip()
