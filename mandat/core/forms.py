"""What every form shares: text normalised on the way in and dates within
sensible years, so bad input gets a message next to the field instead of
reaching a service (or the database) and failing there."""

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from .exceptions import ApplicationError
from .models import AuditEntry
from .richtext import text_strip_controls

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

# Years a date typed into Mandat may have. Python's dates end in 9999 and
# adding a day to 9999-12-31 fails, so far-off years are refused here.
YEAR_MIN = 1900
YEAR_MAX = 2200


class YearValidator:
    """Refuse a date or time whose year is outside ``first``..``last``. A
    field that has one keeps it; every other date field of a Mandat form gets
    ``validate_year``."""

    message: "_StrOrPromise" = _(
        "Give a date between the years %(first)s and %(last)s."
    )

    def __init__(
        self, first: int, last: int, message: "_StrOrPromise | None" = None
    ) -> None:
        self.first, self.last = first, last
        if message is not None:
            self.message = message

    def __call__(self, value: object) -> None:
        if isinstance(value, datetime.date) and not (
            self.first <= value.year <= self.last
        ):
            raise ValidationError(
                self.message,
                code="year_out_of_range",
                params={"first": self.first, "last": self.last},
            )


validate_year = YearValidator(YEAR_MIN, YEAR_MAX)


def parse_year(value: str | None) -> int | None:
    """A year from an address or a form, or None when it is not one."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) == 4:
        year = int(value)
        if YEAR_MIN <= year <= YEAR_MAX:
            return year
    return None


def clean_input(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Return form data without control and bidirectional override characters
    (NUL, U+202E and the like) in any value; files are left as they are."""
    if isinstance(data, MultiValueDict):  # request.GET and request.POST
        cleaned = data.copy()
        for key, values in data.lists():
            cleaned.setlist(
                key,
                [text_strip_controls(v) if isinstance(v, str) else v for v in values],
            )
        return cleaned
    if isinstance(data, dict):
        return {
            key: text_strip_controls(value) if isinstance(value, str) else value
            for key, value in data.items()
        }
    return data


class CleanInputMixin(forms.BaseForm):
    """Normalise a form's input before any field sees it, and keep its dates
    within sensible years. Every form of Mandat builds on it through
    ``Form`` or ``ModelForm`` below."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = clean_input(self.data)

    def full_clean(self) -> None:
        # Here rather than in __init__: forms add fields in their own __init__.
        for field in self.fields.values():
            dates = forms.DateField | forms.DateTimeField | forms.SplitDateTimeField
            if isinstance(field, dates) and not any(
                isinstance(validator, YearValidator) for validator in field.validators
            ):
                field.validators = [*field.validators, validate_year]
        super().full_clean()


def service_error(
    form: forms.BaseForm,
    error: ApplicationError,
    *,
    names: dict[str, str] | None = None,
    default: str | None = None,
) -> None:
    """Put a service's refusal (an ApplicationError) on ``form``: next to the
    field it names, when the form has that field (``names`` maps a
    service's name to the form's, e.g. ``starts_at`` to ``starts``; a
    refusal that names none goes next to ``default``), else above the form,
    with any rows it lists (an import's bad lines). The one way to do it:
    ``form.add_error`` with a field the form lacks is a ValueError, a server
    error."""
    field = (names or {}).get(error.field, error.field) if error.field else None
    field = field or default
    messages = [error.message, *error.extra.get("rows", [])]
    form.add_error(field if field in form.fields else None, messages)


def service_call(
    request: HttpRequest,
    call: Callable[[], Any],
    *,
    success: str | Callable[[Any], str] = "",
) -> bool:
    """Run one service for a button (a POST without a form of its own): its
    refusal (an ApplicationError) becomes an error message on the next page,
    its success the ``success`` message (or a function of what the service
    returned: "The notice was sent to 14 people"). Return whether it
    succeeded. The one way a button's refusal reaches the person, as
    ``service_error`` is for a form."""
    try:
        result = call()
    except ApplicationError as error:
        messages.error(request, error.message)
        return False
    message = success(result) if callable(success) else success
    if message:
        messages.success(request, message)
    return True


class Form(CleanInputMixin, forms.Form):
    pass


# ModelForm is generic only in django-stubs: at run time it cannot be
# subscripted (without django_stubs_ext's patch), so it is ModelForm[Any] here.
class ModelForm(CleanInputMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass


class AuditFilterForm(Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in the record, the note or the changed values."),
    )
    object_type = forms.ChoiceField(label=_("Record type"), required=False)
    actor = forms.CharField(
        label=_("Changed by"),
        required=False,
        max_length=200,
        help_text=_("Part of a name or an e-mail address."),
    )
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All"))] + list(AuditEntry.Action.choices),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self,
        *args: Any,
        object_types: Sequence[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["object_type"])
        field.choices = [("", _("All")), *object_types]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
