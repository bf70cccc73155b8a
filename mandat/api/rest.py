"""The REST API's plumbing, named in the REST_FRAMEWORK setting: who a
request comes from (a token of the organisation, ``Authorization: Bearer
mandat_…``), what it may do (its scope), how fast (a rate per token), pages,
and a service's refusal as a 400 with the field it names."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from mandat.core.exceptions import ApplicationError
from mandat.core.services import TokenActor

from . import selectors, services
from .models import ApiToken


class ApiClient:
    """The system a request comes from: ``request.user`` of an API request."""

    is_authenticated = True
    is_anonymous = False
    is_active = True

    def __init__(self, token: ApiToken) -> None:
        self.token = token
        self.organisation = token.organisation
        self.actor = TokenActor(token_id=token.pk, name=token.name)

    def __str__(self) -> str:
        return str(self.token)


class TokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer mandat_…``: one of the organisation's tokens."""

    keyword = b"bearer"

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != self.keyword:
            return None
        if len(words) != 2:
            raise exceptions.AuthenticationFailed(_("Give one token after Bearer."))
        token = selectors.api_token_for(words[1].decode("latin-1"))
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is unknown or revoked."))
        services.api_token_used(token=token)
        return ApiClient(token), token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="mandat"'


class TokenScope(permissions.BasePermission):
    """A token reads with either scope; it writes only with the write scope."""

    message = _("This token may only read.")

    def has_permission(self, request, view) -> bool:
        client = request.user
        if not isinstance(client, ApiClient):
            return False
        return request.method in permissions.SAFE_METHODS or client.token.may_write


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """So many requests a minute per token (``API_RATE``)."""

    scope = "token"

    def get_rate(self) -> str:
        return settings.API_RATE

    def get_cache_key(self, request, view) -> str | None:
        if isinstance(request.user, ApiClient):
            return self.cache_format % {
                "scope": self.scope,
                "ident": request.user.token.pk,
            }
        return None


class Pages(PageNumberPagination):
    """A page of a list; a ``page_size`` that is not a number from 1 to 500
    is refused, not quietly replaced by the default."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request) -> int:
        given = request.query_params.getlist(self.page_size_query_param)
        if not given:
            return self.page_size
        if (
            len(given) > 1
            or not given[0].isdigit()
            or not (1 <= int(given[0]) <= self.max_page_size)
        ):
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give a number from 1 to %(most)s.")
                        % {"most": self.max_page_size}
                    ]
                }
            )
        return int(given[0])

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            limits = {"minimum": 1}
            if parameter["name"] == self.page_size_query_param:
                limits["maximum"] = self.max_page_size
            parameter["schema"].update(limits)
        return parameters


def refusal_handler(error: Exception, context: dict) -> Response | None:
    """A service's refusal (ApplicationError) is a 400 naming its field, as
    a form would show it; the rest as Django REST framework answers it."""
    # Imported here: rest_framework.views reads the REST_FRAMEWORK setting,
    # which names this module, so it cannot be imported while this one loads.
    from rest_framework.views import exception_handler

    if isinstance(error, ApplicationError):
        field = error.field or "non_field_errors"
        return Response({field: [error.message]}, status=400)
    return exception_handler(error, context)
