"""The form renderer writes ``<select>`` and ``<input>`` in Python: what a
browser receives must be what Django's own templates write, byte for byte,
for every kind of value, label and attribute the forms use."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.functional import lazystr
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from hypothesis import given, settings
from hypothesis import strategies as st

from mandat.core.renderers import FormRenderer

DJANGO, OURS = DjangoTemplates(), FormRenderer()

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=20,
)


class Everything(forms.Form):
    name = forms.CharField(required=False, widget=forms.TextInput(attrs={"x": '"<'}))
    count = forms.IntegerField(required=False)
    email = forms.EmailField(required=False)
    when = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    secret = forms.CharField(required=False, widget=forms.PasswordInput)
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False)
    amount = forms.DecimalField(required=False)
    kind = forms.ChoiceField(
        required=False,
        choices=[
            ("", "---"),
            ("a", _("Planned")),
            ("b", mark_safe("<b>safe</b>")),
            (lazystr("Group & more"), [("c", "Cé <c>"), ("d", 4)]),
        ],
    )
    kinds = forms.MultipleChoiceField(
        required=False, choices=[("a", "A"), ("b", "B & b"), (3, "three")]
    )
    maybe = forms.NullBooleanField(required=False)


def html(form: forms.Form, renderer) -> list[str]:
    form.renderer = renderer
    return [str(form[name]) for name in form.fields]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {
            "name": '<script>"x"</script>',
            "count": "12",
            "email": "a@b.se",
            "when": "2027-01-02",
            "secret": "s",
            "hidden": "h & h",
            "agree": "on",
            "amount": "1.5",
            "kind": "c",
            "kinds": ["a", "3"],
            "maybe": "true",
        },
    ],
)
def test_every_widget_is_written_as_django_writes_it(data):
    assert html(Everything(data), OURS) == html(Everything(data), DJANGO)


def test_initial_values_of_every_type_are_written_as_django_writes_them():
    initial = {
        "name": "Åsa",
        "count": 1234567,
        "when": datetime.date(2027, 5, 14),
        "amount": Decimal("12.50"),
        "agree": True,
        "kind": "b",
        "kinds": ["b", 3],
        "maybe": False,
    }
    assert html(Everything(initial=initial), OURS) == html(
        Everything(initial=initial), DJANGO
    )


@settings(max_examples=150, deadline=None)
@given(value=TEXT, label=TEXT, attribute=TEXT)
def test_any_text_is_escaped_as_django_escapes_it(value, label, attribute):
    class Form(forms.Form):
        text = forms.CharField(widget=forms.TextInput(attrs={"title": attribute}))
        choice = forms.ChoiceField(
            choices=[(value, label), ("z", label)],
            widget=forms.Select(attrs={"data-x": attribute}),
        )

    data = {"text": value, "choice": value}
    assert html(Form(data), OURS) == html(Form(data), DJANGO)


def test_the_pages_forms_are_written_by_it():
    assert isinstance(get_default_renderer(), FormRenderer)
    assert isinstance(Everything().renderer, FormRenderer)
