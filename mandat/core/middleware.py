from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation

from mandat.accounts.selectors import access_for

from .models import Organisation


class LanguageMiddleware:
    """Activate Swedish unless the visitor chose another language.

    The browser's Accept-Language header is ignored on purpose: Mandat is
    Swedish first, and English is a choice made with the language switch (kept
    in a cookie) or in the user's settings."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
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

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = None
        request.access = access_for(request.user, None)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
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
