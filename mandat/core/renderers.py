"""Django's form renderer with its commonest widgets written in Python.

Django renders every widget through the template engine, and a ``<select>``
through one included template per option: a list page's filter form with a
few hundred bodies or parties cost more than the rest of the page (41 % of
the people list's time at national scale, ``python -m bench.profile``).
Here the ``<select>`` (with its options and groups) and the ``<input>``
family are written by plain functions that give the same HTML, byte for
byte, as Django's templates (``mandat/core/tests/test_renderers.py`` holds
them side by side). Every other template goes through the engine, and so
do these when a template folder of the project overrides Django's own."""

from functools import cache
from pathlib import Path
from typing import Any

import django
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
INPUTS = {
    WIDGETS + f"{kind}.html"
    for kind in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "checkbox",
    )
}
SELECT = WIDGETS + "select.html"
OPTION = WIDGETS + "select_option.html"


def _text(value: object) -> str:
    """``{{ value|stringformat:'s' }}``: the value as a string, escaped."""
    return conditional_escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{_text(value)}"')
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    value = "" if value is None else f' value="{_text(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _option(option: dict[str, Any]) -> str:
    return (
        f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(localize(option['label']))}</option>"
    )


def _select(widget: dict[str, Any]) -> str | None:
    parts = [f'<select name="{conditional_escape(widget["name"])}"']
    parts.append(_attrs(widget["attrs"]) + ">")
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None  # a widget with options of its own: the engine's
            parts.append("\n  " + _option(option) + "\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


DJANGO_FORMS = Path(django.__file__).parent / "forms" / "templates"


class FormRenderer(DjangoTemplates):
    """``FORM_RENDERER``: Django's, but ``<select>`` and ``<input>`` in Python."""

    @cache  # noqa: B019 (one renderer for the process, a few template names)
    def _django_own(self, template_name: str) -> bool:
        origin = Path(self.get_template(template_name).origin.name)
        return origin.is_relative_to(DJANGO_FORMS)

    def render(
        self,
        template_name: str,
        context: dict[str, Any],
        request: HttpRequest | None = None,
    ) -> str:
        widget = context.get("widget") if isinstance(context, dict) else None
        if (
            widget is not None
            and widget.get("template_name") == template_name
            and self._django_own(template_name)
            and (template_name != SELECT or self._django_own(OPTION))
        ):
            html = None
            if template_name in INPUTS:
                html = _input(widget)
            elif template_name == SELECT:
                html = _select(widget)
            if html is not None:
                return mark_safe(html)
        return super().render(template_name, context, request)
