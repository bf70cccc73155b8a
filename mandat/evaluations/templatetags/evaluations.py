"""Server-rendered bar charts of results: plain SVG, no script; the table
behind each chart is always printed under it."""

from django import template

from mandat.core.templatetags.mandat import bar_chart_svg

register = template.Library()


@register.simple_tag
def distribution_rows(question, group):
    """(choice, count, share) for each step or choice."""
    return list(zip(question.choices, group.counts, group.shares, strict=False))


@register.simple_tag
def bar_chart(question, group):
    """A horizontal bar per choice, its length the share in per cent."""
    rows = distribution_rows(question, group)
    return bar_chart_svg(
        [(choice, share) for choice, _count, share in rows],
        label_width=190,
        bar_width=260,
    )
