"""The organisation and its directory, read."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from mandat.directory import services
from mandat.directory.models import Assignment, Body, Person
from mandat.directory.selectors import active_on_q

from ..filters import IdFilterSet
from ..serializers.directory import (
    AssignmentSerializer,
    BodySerializer,
    EndSerializer,
    OrganisationSerializer,
    PersonSerializer,
)
from .base import ApiViewSet, ReadCreate, ReadCreateChange


class OrganisationViewSet(ApiViewSet):
    """The organisation the token belongs to."""

    serializer_class = OrganisationSerializer
    pagination_class = None

    def current(self, request):
        return Response(self.get_serializer(self.organisation).data)


class BodyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The organisation's bodies: the council, its boards and committees,
    their subcommittees, companies and networks."""

    serializer_class = BodySerializer
    queryset = Body.objects.none()
    filterset_fields = ["kind", "reporting_category", "is_statutory", "parent"]

    def records(self):
        return Body.objects.filter(organisation=self.organisation).order_by(
            "name", "id"
        )


class PersonViewSet(ReadCreateChange):
    """The people of the directory: elected officials, officials and others;
    added and changed as the register sync of another system does."""

    serializer_class = PersonSerializer
    queryset = Person.objects.none()
    filterset_fields = ["kind", "register_id"]

    def records(self):
        return Person.objects.filter(organisation=self.organisation).order_by(
            "last_name", "first_name", "id"
        )

    def create_with(self, data):
        return services.person_create(
            actor=self.actor, organisation=self.organisation, **data
        )

    def update_with(self, person, data):
        return services.person_update(actor=self.actor, person=person, **data)


class AssignmentFilter(IdFilterSet):
    active_on = filters.DateFilter(
        method="filter_active_on", label=_("Those who hold it on this day.")
    )

    class Meta:
        model = Assignment
        fields = ["person", "body", "role"]

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(active_on_q(value))


class AssignmentViewSet(ReadCreate):
    """Who sits on which body, in which role, from when to when; added and
    ended as the register sync of another system does."""

    serializer_class = AssignmentSerializer
    queryset = Assignment.objects.none()
    filterset_class = AssignmentFilter

    def records(self):
        return (
            Assignment.objects.filter(organisation=self.organisation)
            .select_related("party")
            .order_by("body_id", "starts_on", "id")
        )

    def create_with(self, data):
        return services.assignment_create(actor=self.actor, **data)

    @extend_schema(request=EndSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End the assignment on a day, with the reason."""
        assignment = self.get_object()  # another organisation's: 404 first
        form = EndSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        assignment = services.assignment_end(
            actor=self.actor,
            assignment=assignment,
            ends_on=form.validated_data["ends_on"],
            reason=form.validated_data.get("reason", ""),
        )
        return Response(self.get_serializer(assignment).data)
