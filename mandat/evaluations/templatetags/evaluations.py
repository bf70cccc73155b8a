"""Server-rendered bar charts of results: plain SVG, no script; the table
behind each chart is always printed under it."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

ROW = 22
LABEL_WIDTH = 190
BAR_WIDTH = 260


@register.simple_tag
def distribution_rows(question, group):
    """(choice, count, share) for each step or choice."""
    return list(zip(question.choices, group.counts, group.shares, strict=False))


@register.simple_tag
def bar_chart(question, group):
    """A horizontal bar per choice, its length the share in per cent."""
    rows = distribution_rows(question, group)
    height = ROW * len(rows) + 4
    bars = format_html_join(
        "",
        '<g transform="translate(0 {})">'
        '<text x="{}" y="15" text-anchor="end">{}</text>'
        '<rect x="{}" y="4" height="14" width="{}" class="chart__bar"></rect>'
        '<text x="{}" y="15">{} %</text></g>',
        (
            (
                index * ROW,
                LABEL_WIDTH - 8,
                choice if len(choice) <= 28 else choice[:27] + "…",
                LABEL_WIDTH,
                round(BAR_WIDTH * share / 100),
                LABEL_WIDTH + round(BAR_WIDTH * share / 100) + 6,
                share,
            )
            for index, (choice, _count, share) in enumerate(rows)
        ),
    )
    width = LABEL_WIDTH + BAR_WIDTH + 50
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" '
        'aria-hidden="true" focusable="false">{}</svg>',
        width,
        height,
        width,
        height,
        bars,
    )
