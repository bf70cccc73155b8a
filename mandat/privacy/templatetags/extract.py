"""How the extract's page and PDF show its values: the JSON's times
(2026-11-29T04:44+01:00) as a reader reads them (2026-11-29 04:44)."""

import re

from django import template

register = template.Library()

_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?[+-]\d{2}:\d{2}")


@register.filter
def readable(value):
    """An ISO 8601 time of the extract as date and local time; anything
    else as it is."""
    if isinstance(value, str) and (match := _ISO_TIME.fullmatch(value)):
        return f"{match[1]} {match[2]}"
    return value
