"""Text is normalised on the way in and dates stay within sensible years,
in every form built on mandat.core.forms, in imports and in rich text."""

import datetime

import pytest
from django import forms
from django.http import QueryDict
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from mandat.core.forms import Form, parse_year
from mandat.core.richtext import markdown_html, richtext_clean, richtext_plain

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


class ExampleForm(Form):
    name = forms.CharField(max_length=50)
    notes = forms.CharField(widget=forms.Textarea, required=False)
    day = forms.DateField(required=False)
    at = forms.DateTimeField(required=False)


def test_nul_and_bidi_overrides_are_stripped_before_the_fields_see_them():
    data = QueryDict(mutable=True)
    data["name"] = "Anna\x00 Ex\u202eempel"
    data.setlist("notes", [f"rad 1\n{BIDI}rad 2"])

    form = ExampleForm(data)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Anna Exempel"
    assert form.cleaned_data["notes"] == "rad 1\nrad 2"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("day", "9999-12-31"),
        ("day", "1899-12-31"),
        ("day", "2201-01-01"),
        ("at", "9999-12-31 23:59"),
    ],
)
def test_a_date_in_a_far_off_year_is_refused_next_to_the_field(field, value):
    form = ExampleForm({"name": "x", field: value})

    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_a_date_within_the_years_is_accepted():
    form = ExampleForm({"name": "x", "day": "2027-01-22", "at": "2200-12-31 10:00"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2027, 1, 22)


def test_a_date_field_added_by_a_form_itself_is_bounded_too():
    class Later(Form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["due"] = forms.DateField()

    assert not Later({"due": "9999-01-01"}).is_valid()


@pytest.mark.parametrize(
    ("value", "year"),
    [("2027", 2027), ("99999", None), ("0", None), ("²⁰²⁷", None), ("", None)],
)
def test_a_year_from_an_address_is_read_only_within_the_years(value, year):
    assert parse_year(value) == year


PIECES = [*BIDI, "\x00", "a", " ", "\n\n", "<p>", "</p>", "<b>", "&#x202E;", "&#8297;"]


@given(st.text() | st.lists(st.sampled_from(PIECES)).map("".join))
def test_rich_text_never_keeps_a_control_or_bidi_override_character(text):
    for html in (richtext_clean(text), markdown_html(text), richtext_plain(text)):
        assert not any(character in html for character in BIDI + "\x00")


@pytest.mark.parametrize(
    "text",
    [
        "a\u202eb",
        "<p>a&#x202E;b</p>",
        "<p>a&#8238;b</p>",
        "<p>a&#x2066;b</p>",
        "a\x00b",
    ],
)
def test_rich_text_strips_override_characters_written_as_references(text):
    assert richtext_plain(richtext_clean(text)) == "ab"


@pytest.mark.parametrize("text", ["a&#x202E;b", "a&#8238;b", "a\u2067b"])
def test_markdown_strips_override_characters_written_as_references(text):
    assert markdown_html(text) == "<p>ab</p>"


@pytest.mark.django_db
def test_an_agenda_item_keeps_no_override_character(
    coordinator_client, coordinator, organisation
):
    from mandat.meetings import services
    from mandat.meetings.tests.factories import at, steering_group

    meeting = services.meeting_create(
        actor=coordinator,
        group=steering_group(organisation, members=3),
        starts_at=at("2027-03-03", "13:00"),
        ends_at=at("2027-03-03", "15:00"),
    )

    response = coordinator_client.post(
        reverse("meetings:item-create", args=[organisation.slug, meeting.pk]),
        {
            "title": "Budget\u202e2027",
            "kind": "information",
            "notes": "<p>Anteckning&#x202E; om\x00 budget</p>",
        },
    )

    assert response.status_code == 302
    item = meeting.items.get(title__startswith="Budget")
    assert item.title == "Budget2027"
    assert item.notes == "<p>Anteckning om budget</p>"


def test_a_services_refusal_lands_next_to_its_field_or_above_the_form():
    """``form.add_error`` with a field the form lacks raises ValueError (a
    server error); ``service_error`` puts it above the form instead."""
    from django import forms as django_forms

    from mandat.core.exceptions import ApplicationError
    from mandat.core.forms import Form, service_error

    class Small(Form):
        title = django_forms.CharField()
        starts = django_forms.CharField()

    def bound():
        form = Small({"title": "x", "starts": "y"})
        assert form.is_valid()
        return form

    known, unknown, renamed = bound(), bound(), bound()
    service_error(known, ApplicationError("Fel titel.", field="title"))
    service_error(
        unknown,
        ApplicationError("Ingen sådan.", field="ends_at", extra={"rows": ["Rad 2: x"]}),
    )
    service_error(
        renamed,
        ApplicationError("För tidigt.", field="starts_at"),
        names={"starts_at": "starts"},
    )

    assert known.errors == {"title": ["Fel titel."]}
    assert unknown.non_field_errors() == ["Ingen sådan.", "Rad 2: x"]
    assert renamed.errors == {"starts": ["För tidigt."]}
