from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import translation

from mandat.core.access import access_for

from .http import MandatRequest
from .models import Organisation

GetResponse = Callable[[HttpRequest], HttpResponse]


class LanguageMiddleware:
    """Activate Swedish unless the visitor chose another language.

    The browser's Accept-Language header is ignored on purpose: Mandat is
    Swedish first, and English is a choice made with the language switch (kept
    in a cookie) or in the user's settings."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        available = {code for code, _name in settings.LANGUAGES}
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in available and request.user.is_authenticated:
            language = request.user.language
        if language not in available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class OrganisationMiddleware:
    """Resolve the organisation named in the address (``/o/<org_slug>/...``).

    The view does not see ``org_slug``; it finds ``request.organisation`` and
    ``request.access`` instead. A user without any role in the organisation
    gets 404, so the pages of other organisations do not even show that they
    exist."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: MandatRequest) -> HttpResponse:
        request.organisation = None
        request.access = access_for(request.user, None)
        return self.get_response(request)

    def process_view(
        self,
        request: MandatRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        slug = view_kwargs.pop("org_slug", None)
        if slug is None:
            return None
        organisation = get_object_or_404(Organisation, slug=slug)
        access = access_for(request.user, organisation)
        if not access:
            raise Http404("No such organisation.")
        request.organisation = organisation
        request.access = access
        return None


class DatabaseUnavailableMiddleware:
    """Answer 503 with a Swedish page, not 500, while the database is away
    (restarting, unreachable, or an SQLite file locked for too long).

    Django turns an exception into a response where it is raised, so this
    outermost middleware learns of it from ``got_request_exception``
    (``database_error_seen``) and replaces the 500 it is handed. The next
    request tries the database again: nothing needs restarting."""

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "database_unavailable", False):
            return database_unavailable_response()
        return response


def database_error_seen(
    sender: object, request: MandatRequest | None = None, **kwargs: object
) -> None:
    """Mark the request whose exception was the database's."""
    import sys

    error = sys.exc_info()[1]
    # Not any DatabaseError: bad data (a DataError, an IntegrityError) is a
    # fault of the request or of Mandat, and stays a 500 to be fixed.
    if request is not None and isinstance(error, OperationalError | InterfaceError):
        request.database_unavailable = True


def database_unavailable_response() -> HttpResponse:
    """Return the 503 page, made without the database or the request."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DatabaseUnavailableMiddleware.RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
