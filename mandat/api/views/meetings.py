"""Meeting groups, meetings, agenda items, action items and the minutes as
PDF/A, read. Finalised minutes are official documents, readable by the
whole organisation as on the pages; what a draft says is not given."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer

from mandat.meetings.models import ActionItem, AgendaItem, Meeting, MeetingGroup
from mandat.meetings.views.minutes import minutes_pdf_response

from ..serializers.meetings import (
    ActionItemSerializer,
    AgendaItemSerializer,
    MeetingGroupSerializer,
    MeetingSerializer,
)
from .base import ReadOnly


class MeetingGroupViewSet(ReadOnly):
    """The steering groups, networks and working groups that meet."""

    serializer_class = MeetingGroupSerializer
    queryset = MeetingGroup.objects.none()
    filterset_fields = ["minutes_kind"]

    def records(self):
        return (
            MeetingGroup.objects.filter(organisation=self.organisation)
            .select_related("body")
            .order_by("body__name", "id")
        )


class MeetingViewSet(ReadOnly):
    """Meetings: when and where, their status, and the state of their
    minutes (draft, finalised, approved; the registry number once
    registered)."""

    serializer_class = MeetingSerializer
    queryset = Meeting.objects.none()
    filterset_fields = ["group", "status", "minutes_status"]

    def records(self):
        return Meeting.objects.filter(organisation=self.organisation).order_by(
            "starts_at", "id"
        )

    def perform_content_negotiation(self, request, force=False):
        # The minutes answer a PDF whatever the client accepts, and a
        # refusal in JSON: an Accept of application/pdf is not a 406.
        if self.action == "minutes_pdf":
            return JSONRenderer(), JSONRenderer.media_type
        return super().perform_content_negotiation(request, force)

    @extend_schema(
        operation_id="meetings_minutes_pdf",
        summary=gettext_lazy("The minutes as PDF/A"),
        description=gettext_lazy(
            "Finalised or approved minutes, as the page gives them for the "
            "registry. Draft minutes are not readable: 404."
        ),
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            (503, "text/plain"): OpenApiResponse(
                OpenApiTypes.STR,
                description=gettext_lazy("PDF files cannot be made on this server."),
            ),
        },
    )
    def minutes_pdf(self, request, pk=None):
        meeting = self.get_object()
        if not meeting.minutes_locked:
            raise NotFound(_("The minutes are a draft: they are not readable yet."))
        return minutes_pdf_response(meeting)


class AgendaItemViewSet(ReadOnly):
    """The items of meetings' agendas: their kind, and once the minutes are
    finalised what was said and decided."""

    serializer_class = AgendaItemSerializer
    queryset = AgendaItem.objects.none()
    filterset_fields = ["meeting", "kind"]

    def records(self):
        return (
            AgendaItem.objects.filter(meeting__organisation=self.organisation)
            .select_related("meeting")
            .order_by("meeting__starts_at", "meeting_id", "position", "id")
        )


class ActionItemViewSet(ReadOnly):
    """Action items, who owns them and how they went: those of meetings
    whose minutes are finalised (a draft's may still change)."""

    serializer_class = ActionItemSerializer
    queryset = ActionItem.objects.none()
    filterset_fields = ["meeting", "status", "owner"]

    def records(self):
        return (
            ActionItem.objects.filter(organisation=self.organisation)
            .exclude(meeting__minutes_status=Meeting.Minutes.DRAFT)
            .order_by("due_on", "id")
        )
