"""What every part of the API is: scoped to the token's organisation, with
an ETag on every answer to a GET."""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.translation import gettext as _
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound, ValidationError

from mandat.core.services import TokenActor

from ..filters import LARGEST_ID


class ApiViewSet(viewsets.GenericViewSet):
    """A part of the API: scoped to the token's organisation, with an ETag on
    every answer to a GET (``If-None-Match`` gives 304 Not Modified)."""

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        # The API signs in with its token, not with a session.
        return login_not_required(super().as_view(actions, **initkwargs))

    # Ids are numbers: the schema says so, and /trainings/abc/ is a 404.
    lookup_value_regex = r"\d+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action is not None:  # a method it answers
            self.check_parameters(request)

    def get_object(self):
        # An id past what the database holds names no record.
        if (
            int(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, 0))
            > LARGEST_ID
        ):
            raise NotFound()
        return super().get_object()

    def check_parameters(self, request) -> None:
        """Refuse a query parameter the address does not take (a typo such
        as ``?statu=`` would otherwise quietly list everything)."""
        allowed: set[str] = set()
        if self.action == "list":
            allowed = {"page", "page_size"}
            for backend in self.filter_backends:
                filterset = backend().get_filterset_class(self, self.get_queryset())
                if filterset is not None:
                    allowed |= set(filterset.base_filters)
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ValidationError(
                {
                    name or "?": [_("The address takes no such parameter.")]
                    for name in unknown
                }
            )

    def get_queryset(self):
        # drf-spectacular asks for the model without a request when it
        # writes the schema; the class's empty queryset names it.
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.records()

    def records(self):
        """The part's records of the token's organisation."""
        raise NotImplementedError

    @property
    def organisation(self):
        return self.request.user.organisation

    @property
    def actor(self) -> TokenActor:
        return self.request.user.actor

    def finalize_response(self, request, response, *args: Any, **kwargs: Any):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if hasattr(response, "render"):  # a file is an HttpResponse
                response.render()
            set_response_etag(response)
            conditional = get_conditional_response(
                request._request,
                etag=response.get("ETag"),
                response=response,
            )
            if conditional is not None:
                return conditional
        return response


class ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """A part that is only read: a list and each record."""


class ReadCreate(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    ApiViewSet,
):
    """A part that is read and added to; ``create_with`` calls the service."""

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": self.organisation}

    def perform_create(self, serializer):
        serializer.instance = self.create_with(dict(serializer.validated_data))

    def create_with(self, data: dict):
        raise NotImplementedError


class ReadCreateChange(mixins.UpdateModelMixin, ReadCreate):
    """A part that is also changed, a field or more at a time (PATCH);
    ``update_with`` calls the service."""

    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_update(self, serializer):
        serializer.instance = self.update_with(
            serializer.instance, dict(serializer.validated_data)
        )

    def update_with(self, record, data: dict):
        raise NotImplementedError
