"""How the API's lists are filtered: by the fields each part names, a
record by its id. An id that is not the organisation's gives an empty list
(as a search would), not an error about a choice."""

import re

from django import forms
from django.db import models
from django.utils.translation import gettext as _
from django_filters import (
    BooleanFilter,
    CharFilter,
    Filter,
    NumberFilter,
    rest_framework,
)
from django_filters.filterset import FILTER_FOR_DBFIELD_DEFAULTS

# The largest id a database holds (a 64-bit integer); a larger number is no
# record, not a database error.
LARGEST_ID = 2**63 - 1


class WholeNumberField(forms.IntegerField):
    """Digits only: Django's IntegerField takes "7.0" for 7, the schema's
    integer does not."""

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(r"-?\d+", str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdFilter(Filter):
    """A record by its id: a whole number; one no record can have matches
    nothing."""

    field_class = WholeNumberField

    def filter(self, qs, value):
        if value is not None and not 0 < value <= LARGEST_ID:
            return qs.none()
        return super().filter(qs, value)


class WholeNumberFilter(NumberFilter):
    """A number field of the model (a plan item's year): a whole number, as
    the schema's integer says, not "0.5" matching nothing."""

    field_class = WholeNumberField


class TrueFalseField(forms.NullBooleanField):
    """``true`` or ``false``, nothing else (not "null", not "maybe")."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        if str(value).lower() not in ("true", "false"):
            raise forms.ValidationError(_("Give true or false."), code="invalid")
        return str(value).lower() == "true"

    def validate(self, value):
        pass


class TrueFalseFilter(BooleanFilter):
    field_class = TrueFalseField


class IdFilterSet(rest_framework.FilterSet):
    """The filters of a list. A filter given empty or twice is refused: a
    client that sends ``?person=`` means something it did not say."""

    FILTER_DEFAULTS = {
        **FILTER_FOR_DBFIELD_DEFAULTS,
        models.ForeignKey: {"filter_class": IdFilter},
        models.OneToOneField: {"filter_class": IdFilter},
        models.BooleanField: {"filter_class": TrueFalseFilter},
        **{
            field: {"filter_class": WholeNumberFilter}
            for field in (
                models.IntegerField,
                models.SmallIntegerField,
                models.BigIntegerField,
                models.PositiveIntegerField,
                models.PositiveSmallIntegerField,
                models.PositiveBigIntegerField,
            )
        },
    }

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in self.filters:
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            if len(values) > 1:
                self.form.add_error(name, _("Give one value."))
                valid = False
            elif values == [""] and not isinstance(self.filters[name], CharFilter):
                self.form.add_error(name, _("Give a value, or leave the filter out."))
                valid = False
        return valid


class Filters(rest_framework.DjangoFilterBackend):
    filterset_base = IdFilterSet
