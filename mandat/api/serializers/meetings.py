"""Meeting groups, meetings with their minutes' state, agenda items and
action items. What draft minutes say (notes, decisions, action items) is
not given until the minutes are finalised: only then are they an official
document (*allmän handling*)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mandat.core.addresses import absolute_url
from mandat.meetings.models import ActionItem, AgendaItem, Meeting, MeetingGroup

from .common import ModelSerializer, OptionalUrlField

# A text given only once the minutes are finalised.
TEXT_OR_NULL = {"type": "string", "nullable": True}


class MeetingGroupSerializer(ModelSerializer):
    name = serializers.CharField(
        source="body.name", read_only=True, help_text=_("The name of its body.")
    )

    class Meta:
        model = MeetingGroup
        fields = [
            "id",
            "body",
            "name",
            "minutes_kind",
            "quorum_rule",
            "notice_days",
            "reports_to",
        ]


class MinutesSerializer(serializers.Serializer):
    """The minutes of a meeting: their state, not their content."""

    status = serializers.ChoiceField(
        source="minutes_status",
        choices=Meeting.Minutes.choices,
        help_text=_("A draft is not readable; finalised and approved minutes are."),
    )
    finalised_at = serializers.DateTimeField(
        source="minutes_finalised_at", allow_null=True
    )
    approved_at = serializers.DateTimeField(
        source="minutes_approved_at", allow_null=True
    )
    approved_at_meeting = serializers.IntegerField(
        source="approved_at_meeting_id",
        allow_null=True,
        help_text=_("The meeting that approved them; empty if approved by e-mail."),
    )
    registry_number = serializers.CharField(
        help_text=_("The registry number (diarienummer); empty until registered.")
    )
    pdf = serializers.SerializerMethodField(
        help_text=_("The minutes as PDF/A; empty while they are a draft.")
    )

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_pdf(self, meeting) -> str | None:
        if not meeting.minutes_locked:
            return None
        return absolute_url(reverse("api:meeting-minutes-pdf", args=[meeting.pk]))


class MeetingSerializer(ModelSerializer):
    meeting_url = OptionalUrlField(read_only=True)
    minutes = MinutesSerializer(source="*", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "group",
            "starts_at",
            "ends_at",
            "location",
            "meeting_url",
            "host",
            "status",
            "cancel_reason",
            "notice_sent_at",
            "minutes",
        ]


class AgendaItemSerializer(ModelSerializer):
    notes = serializers.SerializerMethodField(
        help_text=_(
            "What was said, as HTML of a few tags; empty while the minutes are a draft."
        )
    )
    decision = serializers.SerializerMethodField(
        help_text=_("What was decided; empty while the minutes are a draft.")
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "position",
            "standard",
            "kind",
            "title",
            "presenter",
            "notes",
            "decision",
            "minutes_of",
        ]

    @extend_schema_field(TEXT_OR_NULL)
    def get_notes(self, item) -> str | None:
        return item.notes if item.meeting.minutes_locked else None

    @extend_schema_field(TEXT_OR_NULL)
    def get_decision(self, item) -> str | None:
        return item.decision if item.meeting.minutes_locked else None


class ActionItemSerializer(ModelSerializer):
    class Meta:
        model = ActionItem
        fields = [
            "id",
            "meeting",
            "item",
            "what",
            "owner",
            "owner_label",
            "owner_organisation",
            "due_on",
            "status",
            "closed_on",
            "closed_note",
            "created_at",
        ]
