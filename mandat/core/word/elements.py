"""HTML elements as the converter reads them: which tags are headings, inline
or skipped, an element's text and children in reading order, and runs of text
with their look, collapsed as a browser shows them."""

import copy
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

import lxml.html
from lxml.html import HtmlElement

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


class _Break(enum.Enum):
    """A line break among runs of text (one value, as None is one)."""

    BREAK = enum.auto()


BREAK: Final = _Break.BREAK


@dataclass(frozen=True)
class Look:
    bold: bool = False
    italic: bool = False
    underline: bool = False


# Text or a line break, with its look.
TextRun: TypeAlias = tuple[str | Literal[_Break.BREAK], Look]
# What reading_order yields: text, or an element.
Node: TypeAlias = str | HtmlElement


def classes_of(element: HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def is_hidden(element: HtmlElement) -> bool:
    return (
        element.tag in SKIPPED
        or element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or "visually-hidden" in classes_of(element)
    )


def reading_order(element: HtmlElement) -> Iterator[Node]:
    """Yield the element's text and children in reading order: strings for
    text, elements for tags (comments give only the text after them)."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            yield child
        if child.tail:
            yield child.tail


def text_of(element: HtmlElement) -> str:
    text: str = element.text_content()
    return _SPACE.sub(" ", text).strip()


def collapse_runs(runs: list[TextRun]) -> list[TextRun]:
    """Return the runs with whitespace collapsed as a browser shows it: one
    space between words, none at the start or end of a line."""
    out: list[TextRun] = []
    space_before = True
    for text, look in runs:
        if text is BREAK:
            _strip_end(out)
            out.append((BREAK, look))
            space_before = True
            continue
        text = _SPACE.sub(" ", text)
        if space_before:
            text = text.lstrip(" ")
        if not text:
            continue
        space_before = text.endswith(" ")
        if out and out[-1][0] is not BREAK and out[-1][1] == look:
            out[-1] = (out[-1][0] + text, look)
        else:
            out.append((text, look))
    _strip_end(out)
    while out and out[-1][0] is BREAK:
        out.pop()
    return out


def _strip_end(out: list[TextRun]) -> None:
    while out:
        last = out[-1][0]
        if last is BREAK:
            return
        text = last.rstrip(" ")
        if text:
            out[-1] = (text, out[-1][1])
            return
        out.pop()


def bold_copy(element: HtmlElement) -> HtmlElement:
    """Return a copy of ``element`` inside <strong>."""
    wrapper = lxml.html.Element("strong")
    inner = copy.deepcopy(element)
    inner.tail = None
    if inner.tag in ("th", "td", "dt"):
        inner.tag = "span"
    wrapper.append(inner)
    return wrapper


def contents_of(element: HtmlElement) -> list[Node]:
    """Return the inside of ``element`` as a list of strings and elements."""
    return list(reading_order(element))
