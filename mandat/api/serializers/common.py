"""Fields every part of the API shares."""

from django.db import models
from rest_framework import serializers

from ..filters import LARGEST_ID


class OwnedField(serializers.PrimaryKeyRelatedField):
    """A record of the token's organisation, given by its id: another
    organisation's id is refused as if it did not exist."""

    def __init__(self, model, *, owner: str = "organisation", **kwargs):
        self.model = model
        self.owner = owner
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, int) and not 0 <= data <= LARGEST_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)

    def get_queryset(self):
        organisation = self.context.get("organisation")
        if organisation is None:  # the schema is being written
            return self.model.objects.none()
        return self.model.objects.filter(**{self.owner: organisation})


class OwnedSlugField(serializers.SlugRelatedField):
    """A record of the token's organisation, given by a name of it (a
    party by its abbreviation)."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        organisation = self.context.get("organisation")
        if organisation is None:  # the schema is being written
            return self.model.objects.none()
        return self.model.objects.filter(organisation=organisation)


class OptionalUrlField(serializers.URLField):
    """An address that may be left out: null in and out, never an empty
    string (which is no address)."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, required=False, **kwargs)

    def validate_empty_values(self, data):
        if data is None:
            return True, ""
        return super().validate_empty_values(data)

    def to_representation(self, value):
        return value or None


class TextField(serializers.CharField):
    """Text, and only text: a number where text belongs is refused, not
    turned into its digits."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class OptionalEmailField(serializers.EmailField):
    """An e-mail address that may be left out: null in and out, never an
    empty string (which is no address)."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, required=False, **kwargs)

    def validate_empty_values(self, data):
        if data is None:
            return True, ""
        return super().validate_empty_values(data)

    def to_representation(self, value):
        return value or None


class TrueFalseField(serializers.BooleanField):
    """true or false, and only those: not 0, 1, "yes" or "on"."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class ModelSerializer(serializers.ModelSerializer):
    """A model's fields as the API reads and writes them."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: TextField,
        models.TextField: TextField,
        models.BooleanField: TrueFalseField,
    }
