from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str, param: str = "o"):
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


@register.filter
def kronor(value):
    """Format whole kronor Swedish style: 731 322 kr."""
    if value in (None, ""):
        return ""
    return f"{number_format(int(value), force_grouping=True)} kr"


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current address with another page number."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
