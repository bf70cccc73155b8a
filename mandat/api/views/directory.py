"""The organisation and its directory, read."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import mixins
from rest_framework.response import Response

from mandat.directory.models import Assignment, Body, Person
from mandat.directory.selectors import active_on_q

from ..filters import IdFilterSet
from ..serializers.directory import (
    AssignmentSerializer,
    BodySerializer,
    OrganisationSerializer,
    PersonSerializer,
)
from .base import ApiViewSet


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


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The people of the directory: elected officials, officials and others."""

    serializer_class = PersonSerializer
    queryset = Person.objects.none()
    filterset_fields = ["kind", "register_id"]

    def records(self):
        return Person.objects.filter(organisation=self.organisation).order_by(
            "last_name", "first_name", "id"
        )


class AssignmentFilter(IdFilterSet):
    active_on = filters.DateFilter(
        method="filter_active_on", label=_("Those who hold it on this day.")
    )

    class Meta:
        model = Assignment
        fields = ["person", "body", "role"]

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(active_on_q(value))


class AssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Who sits on which body, in which role, from when to when."""

    serializer_class = AssignmentSerializer
    queryset = Assignment.objects.none()
    filterset_class = AssignmentFilter

    def records(self):
        return (
            Assignment.objects.filter(organisation=self.organisation)
            .select_related("party")
            .order_by("body_id", "starts_on", "id")
        )
