"""One list view for every list: filter, sort, paginate, export."""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import BoundField
from django.http import HttpRequest, HttpResponse, QueryDict
from django.views.generic import TemplateView
from django_filters import FilterSet, OrderingFilter

from .exports import QuerysetExporter, export_response
from .http import OrganisationRequest
from .permissions import require


class FilteredListView(TemplateView):
    """A list page whose filters come from a django-filter FilterSet.

    Subclasses give ``filterset_class``, ``get_queryset``, ``has_permission``
    and ``exporter_class``: the exporter that writes what the list shows, as
    ``?export=xlsx`` or ``?export=csv``."""

    request: OrganisationRequest
    filterset_class: type[FilterSet]
    paginate_by = 50
    exporter_class: type[QuerysetExporter] | None = None
    filterset: FilterSet
    object_list: QuerySet[Any]

    def has_permission(self) -> bool:
        # Private by default: each subclass says who may see its list.
        return False

    def get_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_filterset_kwargs(self) -> dict[str, Any]:
        return {}

    def get_exporter(self, exporter_class: type[QuerysetExporter]) -> QuerysetExporter:
        """Return the exporter of the filtered list."""
        return exporter_class(
            user=self.request.user,
            organisation=self.request.organisation,
            queryset=self.object_list,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require(self.has_permission())
        self.filterset = self.filterset_class(
            request.GET or None,
            queryset=self.get_queryset(),
            **self.get_filterset_kwargs(),
        )
        self.object_list = self.filterset.qs
        export = request.GET.get("export")
        if export and self.exporter_class is not None:
            return export_response(self.get_exporter(self.exporter_class), export)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = Paginator(self.object_list, self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        context.update(
            filterset=self.filterset,
            filter_form=self.filterset.form,
            filter_fields=self.filter_fields(),
            page=page,
            object_list=page.object_list,
            query_string=query.urlencode(),
            export_url=export_link(query, "xlsx"),
            export_csv_url=export_link(query, "csv"),
        )
        return context

    def filter_fields(self) -> list[BoundField]:
        """The filter form's fields shown above the list: the order is set
        by the table's headers (``sort_header``), not by a field."""
        filters = self.filterset.filters
        return [
            field
            for field in self.filterset.form.visible_fields()
            if not isinstance(filters.get(field.name), OrderingFilter)
        ]


def export_link(query: QueryDict, file_format: str) -> str:
    """Return the link to the export of a list shown with ``query`` (a
    QueryDict), every filter kept."""
    query = query.copy()
    query.pop("page", None)
    query["export"] = file_format
    return "?" + query.urlencode()
