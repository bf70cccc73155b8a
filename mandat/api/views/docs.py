"""The OpenAPI schema and its documentation page, in Swedish or English
(``?lang=en``), public: they hold no data, only how to ask for it."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView

from ..docs import operations

# The link to the page in the other language, written in that language.
OTHER = {"sv": ("en", "This page in English"), "en": ("sv", "Den här sidan på svenska")}


def _language(request) -> str:
    lang = request.GET.get("lang", "")
    return lang if lang in dict(settings.LANGUAGES) else "sv"


class SchemaView(SpectacularAPIView):
    """The schema as JSON (``?format=yaml`` for YAML). The API reads no
    ``?format=`` of DRF's (an occasion's filter is called so): the choice
    is made here."""

    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes: list = []
    # JSON first: what `curl` or a browser (Accept: */*) gets.
    renderer_classes = [
        OpenApiJsonRenderer,
        OpenApiJsonRenderer2,
        OpenApiYamlRenderer,
        OpenApiYamlRenderer2,
    ]

    def perform_content_negotiation(self, request, force=False):
        if request.GET.get("format") == "yaml":
            renderer = OpenApiYamlRenderer()
            return renderer, renderer.media_type
        return super().perform_content_negotiation(request, force)

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        with translation.override(_language(request)):
            return super().get(request, *args, **kwargs)


schema = login_not_required(SchemaView.as_view())


@login_not_required
@require_GET
def api_docs(request):
    """The API described for the engineer who connects another system."""
    language = _language(request)
    with translation.override(language):
        spec = SchemaGenerator().get_schema(request=None, public=True)
        response = render(
            request,
            "api/docs.html",
            {
                "spec": spec,
                "operations": operations(spec),
                "language": language,
                "language_link": OTHER[language],
                "rate": settings.API_RATE,
            },
        )
    return response


@csrf_exempt
@login_not_required
def not_found(request, rest=""):
    """An address under /api/ that is none of the API's."""
    return JsonResponse(
        {"detail": _("There is no such address in the API; see /api/v1/docs/.")},
        status=404,
    )
