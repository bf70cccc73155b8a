"""The pages Mandat answers with when a request fails.

403 and 404 are ordinary pages with the menu (Django's default views render
templates/403.html and 404.html with the request). 400 and 500 stand alone:
they are rendered without the request or the database, since the request may
be unusable (a 400 before any middleware ran) or the failure may be the
database itself. A refused form (CSRF) gets a page of its own instead of
Django's English one."""

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponseServerError(loader.get_template("500.html").render())


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Explain a refused form in the visitor's language; Django's middleware
    has already logged the reason."""
    return render(request, "csrf_failure.html", status=403)
