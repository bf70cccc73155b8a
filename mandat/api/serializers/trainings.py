"""Trainings, their occasions and sessions, registrations and attendance."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from mandat.directory.models import Body, Person
from mandat.trainings.models import (
    Occasion,
    PlanItem,
    Registration,
    Session,
    SessionAttendance,
    Training,
    TrainingPlan,
)

from .common import ModelSerializer, OptionalUrlField, OwnedField, TextField


class TrainingSerializer(ModelSerializer):
    responsible_body = OwnedField(
        Body,
        required=False,
        allow_null=True,
        help_text=_("The committee that runs it; empty for the whole organisation."),
    )
    plan_item = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=_("The item of the training plan it carries out."),
    )
    recording_url = OptionalUrlField(
        max_length=200, help_text=_("The recording of the training, if filmed.")
    )

    class Meta:
        model = Training
        fields = [
            "id",
            "title",
            "description",
            "status",
            "responsible_body",
            "plan_item",
            "reminder_days_before",
            "recording_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]


class SessionSerializer(ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "label", "starts_at", "ends_at"]
        read_only_fields = ["id"]

    def validate(self, data):
        if data["ends_at"] <= data["starts_at"]:
            raise serializers.ValidationError(
                {"ends_at": _("A session ends after it starts.")}
            )
        return data


class OccasionSerializer(ModelSerializer):
    training = OwnedField(Training)
    meeting_url = OptionalUrlField(
        max_length=200, help_text=_("For digital and hybrid occasions.")
    )
    sessions = SessionSerializer(
        many=True,
        allow_empty=False,
        max_length=4,
        help_text=_("One to four sessions (days or passes), in order."),
    )
    registered = serializers.IntegerField(
        source="registered_count", read_only=True, help_text=_("How many hold a place.")
    )

    class Meta:
        model = Occasion
        fields = [
            "id",
            "training",
            "label",
            "format",
            "location",
            "meeting_url",
            "capacity",
            "minimum_participants",
            "registration_deadline",
            "completion_min_sessions",
            "status",
            "starts_at",
            "ends_at",
            "sessions",
            "registered",
        ]
        read_only_fields = ["status", "starts_at", "ends_at"]


class RegistrationSerializer(ModelSerializer):
    occasion = OwnedField(Occasion)
    person = OwnedField(Person)

    class Meta:
        model = Registration
        fields = [
            "id",
            "training",
            "occasion",
            "person",
            "status",
            "dietary_needs",
            "accessibility_needs",
            "created_at",
            "cancelled_at",
        ]
        read_only_fields = ["training", "status", "created_at", "cancelled_at"]


class CancelSerializer(serializers.Serializer):
    reason = TextField(required=False, allow_blank=True, max_length=300)


class AttendanceSerializer(ModelSerializer):
    registration = OwnedField(Registration)
    session = OwnedField(Session, owner="occasion__organisation")
    status = serializers.ChoiceField(choices=SessionAttendance.Status.choices)

    class Meta:
        model = SessionAttendance
        fields = ["id", "registration", "session", "status", "recorded_at"]
        read_only_fields = ["recorded_at"]


class TrainingPlanSerializer(ModelSerializer):
    starts_on = serializers.DateField(
        source="period.starts_on",
        read_only=True,
        help_text=_("The first day of its mandate period."),
    )
    ends_on = serializers.DateField(
        source="period.ends_on",
        read_only=True,
        help_text=_("The last day of its mandate period."),
    )

    class Meta:
        model = TrainingPlan
        fields = [
            "id",
            "title",
            "introduction",
            "starts_on",
            "ends_on",
            "adopted_by",
            "adopted_on",
            "created_at",
            "updated_at",
        ]


class PlanItemSerializer(ModelSerializer):
    trainings = serializers.PrimaryKeyRelatedField(
        many=True,
        read_only=True,
        help_text=_("The trainings that carry it out."),
    )

    class Meta:
        model = PlanItem
        fields = [
            "id",
            "plan",
            "year",
            "month",
            "season",
            "title",
            "responsible",
            "target_group",
            "topics",
            "description",
            "funding_note",
            "filmed",
            "is_basic",
            "catch_up",
            "status",
            "status_note",
            "trainings",
        ]
