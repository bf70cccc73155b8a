"""The annual report of a year."""

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from mandat.reports.output import annual_report_file

from .base import ApiViewSet


class AnnualReportViewSet(ApiViewSet):
    """The annual report: the same JSON as ``mandat report annual``."""

    pagination_class = None
    lookup_url_kwarg = "year"

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "year",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description=gettext_lazy("The year, 2000–2100."),
            )
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def retrieve(self, request, year=None):
        year = int(year) if year and year.isdigit() else 0
        if not 2000 <= year <= 2100:
            # No report of that year: a year Mandat does not report on.
            raise NotFound(_("Give a year between 2000 and 2100."))
        content, _type = annual_report_file(
            organisation=self.organisation, year=year, format="json"
        )
        return Response(json.loads(content))
