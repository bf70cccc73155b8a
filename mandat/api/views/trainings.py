"""Trainings, occasions, registrations and attendance: read, and written
through the same services, locks and rules as the pages."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from mandat.trainings import services
from mandat.trainings.models import (
    Occasion,
    PlanItem,
    Registration,
    Session,
    SessionAttendance,
    Training,
    TrainingPlan,
)
from mandat.trainings.selectors import occasion_counts

from ..serializers.trainings import (
    AttendanceSerializer,
    CancelSerializer,
    OccasionSerializer,
    PlanItemSerializer,
    RegistrationSerializer,
    TrainingPlanSerializer,
    TrainingSerializer,
)
from .base import ReadCreate, ReadOnly


class TrainingViewSet(ReadCreate):
    """Trainings; a new one is a draft, as on the page."""

    serializer_class = TrainingSerializer
    queryset = Training.objects.none()
    filterset_fields = ["status", "responsible_body", "plan_item"]

    def records(self):
        return Training.objects.filter(organisation=self.organisation).order_by(
            "-created_at", "-id"
        )

    def create_with(self, data):
        return services.training_create(
            actor=self.actor, organisation=self.organisation, **data
        )


class OccasionViewSet(ReadCreate):
    """A training's occasions, each with its sessions."""

    serializer_class = OccasionSerializer
    queryset = Occasion.objects.none()
    filterset_fields = ["training", "status", "format"]

    def records(self):
        return occasion_counts(
            Occasion.objects.filter(organisation=self.organisation)
            .prefetch_related(
                Prefetch("sessions", queryset=Session.objects.order_by("starts_at"))
            )
            .order_by("starts_at", "id")
        )

    def create_with(self, data):
        sessions = [
            services.SessionInput(**session) for session in data.pop("sessions")
        ]
        occasion = services.occasion_create(
            actor=self.actor, training=data.pop("training"), sessions=sessions, **data
        )
        return self.records().get(pk=occasion.pk)


class RegistrationViewSet(ReadCreate):
    """Registrations: made on the person's behalf, with the same places,
    waiting list and rules as the coordinator's page."""

    serializer_class = RegistrationSerializer
    queryset = Registration.objects.none()
    filterset_fields = ["training", "occasion", "person", "status"]

    def records(self):
        return Registration.objects.filter(organisation=self.organisation).order_by(
            "created_at", "id"
        )

    def create_with(self, data):
        return services.registration_create(
            actor=self.actor,
            occasion=data["occasion"],
            person=data["person"],
            on_behalf=True,
            dietary_needs=data.get("dietary_needs", ""),
            accessibility_needs=data.get("accessibility_needs", ""),
        )

    @extend_schema(request=CancelSerializer, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel the registration; a freed place goes to the first waiting."""
        form = CancelSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        registration = services.registration_cancel(
            actor=self.actor,
            registration=self.get_object(),
            reason=form.validated_data.get("reason", ""),
        )
        return Response(self.get_serializer(registration).data)


class AttendanceViewSet(ReadCreate):
    """Who attended each session, in the order recorded; recording again
    changes the record."""

    serializer_class = AttendanceSerializer
    queryset = SessionAttendance.objects.none()
    filterset_fields = ["registration", "session", "status"]

    def records(self):
        # In the order recorded (the primary key): sorting a large city's
        # 30,000 records by their session's start took 140 ms a page.
        return SessionAttendance.objects.filter(
            registration__organisation=self.organisation
        ).order_by("id")

    def create_with(self, data):
        return services.attendance_record(actor=self.actor, **data)


class TrainingPlanViewSet(ReadOnly):
    """The training plan of each mandate period."""

    serializer_class = TrainingPlanSerializer
    queryset = TrainingPlan.objects.none()

    def records(self):
        return (
            TrainingPlan.objects.filter(organisation=self.organisation)
            .select_related("period")
            .order_by("-period__starts_on", "id")
        )


class PlanItemViewSet(ReadOnly):
    """The items of the training plans: what, when in the period, who is
    responsible, its status and the trainings that carry it out."""

    serializer_class = PlanItemSerializer
    queryset = PlanItem.objects.none()
    filterset_fields = ["plan", "year", "status", "responsible", "is_basic"]

    def records(self):
        return (
            PlanItem.objects.filter(plan__organisation=self.organisation)
            .prefetch_related(
                Prefetch("trainings", queryset=Training.objects.order_by("id"))
            )
            .order_by("plan_id", "year", "month", "position", "id")
        )
