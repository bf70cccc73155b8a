"""The organisation and its directory: bodies, people, assignments."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from mandat.core.models import Organisation
from mandat.directory.models import Assignment, Body, Person

from .common import ModelSerializer


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
    protected_identity = serializers.BooleanField(
        read_only=True,
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

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.protected_identity:
            data.update(dict.fromkeys(PROTECTED, ""))
        return data


class AssignmentSerializer(ModelSerializer):
    party = serializers.SlugRelatedField(
        slug_field="abbreviation",
        read_only=True,
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
