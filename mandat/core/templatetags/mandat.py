import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

from django import template
from django.forms import BoundField
from django.http import QueryDict
from django.template import Context
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mandat.core.figures import whole_percent

register = template.Library()


class Timed(Protocol):
    """A session of a training or a meeting: when it starts and ends."""

    @property
    def starts_at(self) -> datetime.datetime: ...
    @property
    def ends_at(self) -> datetime.datetime | None: ...


@register.simple_tag(takes_context=True)
def sort_header(context: Context, key: str, label: str, param: str = "o") -> SafeString:
    """A table header that sorts the list by ``key``, with aria-sort for screen
    readers: the first click sorts ascending, the next descending."""
    request = context["request"]
    current = request.GET.get(param, "")
    query = request.GET.copy()
    query.pop("page", None)
    if current == key:
        query[param] = f"-{key}"
        state, arrow = "ascending", "▲"
    elif current == f"-{key}":
        query[param] = key
        state, arrow = "descending", "▼"
    else:
        query[param] = key
        state, arrow = "none", ""
    hint = _("sort") if state == "none" else ""
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="?{}">{}'
        '<span class="sort-arrow" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></a></th>',
        state,
        query.urlencode(),
        label,
        arrow,
        f" ({hint})" if hint else "",
    )


@register.simple_tag(takes_context=True)
def aria_current(context: Context, url: str) -> str:
    """` aria-current="page"` on a link to the page being shown, so a
    sub-navigation marks where the reader is."""
    return mark_safe(' aria-current="page"') if context["request"].path == url else ""


@register.filter
def is_checkbox(field: BoundField) -> bool:
    """Whether a form field is one checkbox, which stands before its label."""
    return field.widget_type == "checkbox"


@register.simple_tag
def other_language() -> dict[str, Any]:
    """The language the header's switch offers, as Django's language info:
    English on a Swedish page, Swedish on any other."""
    code = "en" if translation.get_language() == "sv" else "sv"
    info: dict[str, Any] = translation.get_language_info(code)
    return info


@register.filter
def kronor(value: int | float | Decimal | str | None) -> str:
    """Format whole kronor Swedish style: 731 322 kr."""
    if value is None or value == "":
        return ""
    return f"{number_format(int(value), force_grouping=True)} kr"


@register.simple_tag(takes_context=True)
def page_url(context: Context, number: int | str, param: str = "page") -> str:
    """The current address with another page number (in ``param``, for a page
    holding several paged lists)."""
    query: QueryDict = context["request"].GET.copy()
    query[param] = str(number)
    return "?" + query.urlencode()


@register.filter
def percent_of(part: int | float | None, whole: int | float | None) -> str:
    """``part`` of ``whole`` in whole per cent, rounded down (see
    core/figures.py), or "–" when there is no whole."""
    share = whole_percent(part or 0, whole or 0)
    return "–" if share is None else f"{share} %"


@register.filter
def when(start: datetime.datetime | None, end: datetime.datetime | None = None) -> str:
    """A day and time as Swedish letters write it: "tisdag 3 februari 2027,
    kl. 09.00–12.00" (or the English equivalent)."""
    if start is None:
        return ""
    start = timezone.localtime(start)
    day = date_format(start, "l j F Y")
    if end is None:
        return _("%(day)s, at %(time)s") % {
            "day": day,
            "time": date_format(start, "H.i"),
        }
    end = timezone.localtime(end)
    if end.date() != start.date():
        return f"{day} {date_format(start, 'H.i')} – {date_format(end, 'l j F Y H.i')}"
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": day,
        "start": date_format(start, "H.i"),
        "end": date_format(end, "H.i"),
    }


@register.filter
def session_when(session: Timed) -> str:
    return when(session.starts_at, session.ends_at)


def bar_chart_svg(
    rows: Iterable[tuple[str, int]], *, label_width: int = 300, bar_width: int = 240
) -> SafeString:
    """A horizontal bar chart of (label, per cent) rows as plain SVG, no
    script, hidden from screen readers: the table printed with it carries
    the figures. Labels longer than the label column are cut with "…"."""
    row_height = 22
    longest = label_width * 45 // 300
    rows = list(rows)
    bars = format_html_join(
        "",
        '<g transform="translate(0 {})"><text x="{}" y="15" text-anchor="end">{}</text>'
        '<rect x="{}" y="4" height="14" width="{}" class="chart__bar"></rect>'
        '<text x="{}" y="15">{} %</text></g>',
        (
            (
                index * row_height,
                label_width - 8,
                label if len(label) <= longest else label[: longest - 1] + "…",
                label_width,
                round(bar_width * share / 100),
                label_width + round(bar_width * share / 100) + 6,
                share,
            )
            for index, (label, share) in enumerate(rows)
        ),
    )
    width, height = label_width + bar_width + 50, row_height * len(rows) + 4
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" '
        'aria-hidden="true" focusable="false">{}</svg>',
        width,
        height,
        width,
        height,
        bars,
    )


@register.simple_tag
def share_chart(rows: Iterable[tuple[str, int]]) -> SafeString:
    """The bar chart of (label, per cent) rows (``bar_chart_svg``)."""
    return bar_chart_svg(rows)
