"""Choosing a person by typing their name: the field and its widget.

A ``<select>`` of everyone in the directory is a page of thousands of
options; this field is a text box instead. Without JavaScript the user
writes a name and the server finds the person: one match is taken, several
are listed next to the field to choose from, none is an error. With
JavaScript (``static/js/combobox.js``, over the vendored htmx) the text box
is a WAI-ARIA combobox whose listbox shows the matches as the user types,
from ``directory:person-search``.

What the form receives: ``<name>`` the id of a person chosen from the list
(a hidden input), ``<name>-text`` what is written in the box, and
``<name>-choice`` a person chosen among the matches listed after an
ambiguous name. A choice wins over the id, and the id wins over the text
while the text is still that person's name; a changed text is looked up
again, so a stale id never chooses someone the user has written over."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Person
from .permissions import can_see_protected_identity
from .selectors import (
    PERSON_SEARCH_LIMIT,
    person_choosable,
    person_search,
)


@dataclass(frozen=True)
class PersonInput:
    """What the widget read from the form data."""

    id: str = ""
    text: str = ""
    choice: str = ""

    def __str__(self) -> str:
        return self.choice or self.id


def person_label(person: Person, *, sees_protected: bool) -> str:
    """The name the box shows: "Last, First"."""
    if person.protected_identity and not sees_protected:
        return str(person.public_name)
    return person.sort_name


def person_detail(person: Person, *, sees_protected: bool) -> str:
    """What tells two people of the same name apart in the list."""
    parts = [person.title or person.home_municipality]
    if sees_protected:
        if person.protected_identity:
            parts.append(gettext("protected identity"))
        parts.append(person.email)
    return ", ".join(part for part in parts if part)


def _same(text: str, person: Person, *, sees_protected: bool) -> bool:
    text = " ".join(text.split()).casefold()
    return text in {
        person_label(person, sees_protected=sees_protected).casefold(),
        person.full_name.casefold(),
    }


class PersonSearchInput(forms.Widget):
    """A text box for a name, a hidden input for the person chosen, and the
    listbox the script fills with matches."""

    template_name = "directory/widgets/person_search.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.search_url = ""
        self.sees_protected = False
        self.candidates: list[Person] = []
        self.current: Person | None = None

    def value_from_datadict(self, data, files, name):
        return PersonInput(
            id=(data.get(name) or "").strip(),
            text=data.get(f"{name}-text") or "",
            choice=(data.get(f"{name}-choice") or "").strip(),
        )

    def value_omitted_from_data(self, data, files, name):
        return not any(key in data for key in (name, f"{name}-text", f"{name}-choice"))

    def id_for_label(self, id_):
        return id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        person, text, chosen = self.current, "", ""
        if isinstance(value, PersonInput):
            text = value.text
            chosen = value.choice or value.id
            if person is not None and not text:
                text = person_label(person, sees_protected=self.sees_protected)
        elif value not in (None, ""):
            chosen = str(value)
            if person is None or str(person.pk) != chosen:
                person = Person.objects.filter(pk=value).first()
            if person is not None:
                text = person_label(person, sees_protected=self.sees_protected)
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        sees = self.sees_protected
        context["widget"].update(
            text=text,
            chosen="" if self.candidates else chosen,
            search_url=self.search_url,
            listbox_id=f"{widget_id}-listbox",
            status_id=f"{widget_id}-status",
            candidates=[
                {
                    "pk": candidate.pk,
                    "label": person_label(candidate, sees_protected=sees),
                    "detail": person_detail(candidate, sees_protected=sees),
                    "id": f"{widget_id}-choice-{number}",
                }
                for number, candidate in enumerate(self.candidates)
            ],
        )
        return context


class PersonChoiceField(forms.ModelChoiceField):
    """A person of the organisation, chosen by name (see the module).

    The form calls ``configure`` with the organisation and the user: the
    people the user may choose, and the address the script searches."""

    widget = PersonSearchInput
    default_error_messages = {
        "required": _("Write the name of a person."),
        "invalid_choice": _("Choose a person from the list."),
        "not_found": _("No one in the directory is called “%(text)s”."),
        "ambiguous": _(
            "Several people match “%(text)s”: choose one below, or write more "
            "of the name."
        ),
        "too_many": _(
            "More than %(count)s people match “%(text)s”: write more of the name."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Person.objects.none())
        kwargs.setdefault(
            "help_text", _("Write part of the name and choose among those found.")
        )
        super().__init__(**kwargs)
        self.organisation = None
        self.user = None

    def configure(self, *, organisation, user, keep=None) -> None:
        """Let the field choose among the people ``user`` may choose in
        ``organisation``; ``keep`` is the person already chosen (an edited
        record's), accepted even if the user could not find them."""
        self.organisation, self.user = organisation, user
        people = person_choosable(organisation=organisation, user=user)
        if keep is not None:
            people = people | Person.objects.filter(
                pk=getattr(keep, "pk", keep), organisation=organisation
            )
        self.queryset = people
        if isinstance(keep, Person):
            self.widget.current = keep
        self.widget.sees_protected = can_see_protected_identity(user, organisation)
        self.widget.search_url = reverse(
            "directory:person-search", args=[organisation.slug]
        )

    def prepare_value(self, value):
        if isinstance(value, Person):
            self.widget.current = value
        return super().prepare_value(value)

    def has_changed(self, initial, data):
        initial = "" if initial is None else str(self.prepare_value(initial))
        return initial != str(data or "")

    def to_python(self, value):
        if not isinstance(value, PersonInput):
            value = PersonInput(id=str(value or ""))
        self.widget.candidates = []
        chosen = value.choice or value.id
        if chosen:
            person = self._by_id(chosen)
            if value.choice or not value.text.strip():
                return person
            if _same(value.text, person, sees_protected=self.widget.sees_protected):
                return person
        text = " ".join(value.text.split())
        if not text:
            return None
        return self._by_name(text)

    def _by_id(self, value: str) -> Person:
        if not (value.isascii() and value.isdigit()):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        people = self.queryset  # Person.objects.none() until configured
        person = people.filter(pk=int(value)).first() if people is not None else None
        if person is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        self.widget.current = person
        return person

    def _by_name(self, text: str) -> Person:
        if self.organisation is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        found = person_search(
            organisation=self.organisation, user=self.user, query=text
        )
        # Only those the field accepts (the search and the field agree, but a
        # form may narrow its field's people).
        people = self.queryset  # Person.objects.none() until configured
        accepted = (
            set(
                people.filter(pk__in=[p.pk for p in found]).values_list("pk", flat=True)
            )
            if people is not None
            else set()
        )
        found = [p for p in found if p.pk in accepted]
        sees = self.widget.sees_protected
        same = [p for p in found if _same(text, p, sees_protected=sees)]
        if len(found) == 1 or len(same) == 1:
            person = found[0] if len(found) == 1 else same[0]
            self.widget.current = person
            return person
        params = {"text": text[:80], "count": len(found) - 1}
        if not found:
            raise ValidationError(
                self.error_messages["not_found"], code="not_found", params=params
            )
        if len(found) > PERSON_SEARCH_LIMIT:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params=params
            )
        self.widget.candidates = found
        raise ValidationError(
            self.error_messages["ambiguous"], code="ambiguous", params=params
        )
