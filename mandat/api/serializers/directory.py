"""The organisation and its directory: bodies, people, assignments."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from mandat.core.models import Organisation
from mandat.directory.models import Assignment, Body, Party, Person

from .common import (
    ModelSerializer,
    OptionalEmailField,
    OwnedField,
    OwnedSlugField,
    TextField,
    TrueFalseField,
)


class OrganisationSerializer(ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "kind", "organisation_number"]


class BodySerializer(ModelSerializer):
    class Meta:
        model = Body
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "reporting_category",
            "parent",
            "is_statutory",
            "seats",
            "founded_on",
            "dissolved_on",
        ]


# What a person with protected personal data (skyddad identitet) shows:
# nothing that names or reaches them.
PROTECTED = ("first_name", "last_name", "email", "phone", "title", "home_municipality")


class PersonSerializer(ModelSerializer):
    email = OptionalEmailField(max_length=254)
    protected_identity = TrueFalseField(
        required=False,
        help_text=_(
            "Protected personal data: the name, the e-mail address, the phone "
            "and the home municipality are empty."
        ),
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "first_name",
            "last_name",
            "email",
            "phone",
            "kind",
            "title",
            "home_municipality",
            "register_id",
            "protected_identity",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.protected_identity:
            data.update(dict.fromkeys(PROTECTED, ""), email=None)
        return data


class AssignmentSerializer(ModelSerializer):
    person = OwnedField(Person)
    body = OwnedField(Body)
    party = OwnedSlugField(
        Party,
        slug_field="abbreviation",
        required=False,
        allow_null=True,
        help_text=_("The abbreviation of the party the person was elected for."),
    )

    class Meta:
        model = Assignment
        fields = [
            "id",
            "person",
            "body",
            "role",
            "party",
            "substitute_order",
            "starts_on",
            "ends_on",
            "end_reason",
        ]
        read_only_fields = ["end_reason"]


class EndSerializer(serializers.Serializer):
    ends_on = serializers.DateField(help_text=_("The last day of the assignment."))
    reason = TextField(required=False, allow_blank=True, max_length=200)
