"""One list view for every list: filter, sort, paginate, export to Excel."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.views.generic import TemplateView

from .exports import xlsx_response


class FilteredListView(TemplateView):
    """A list page whose filters come from a django-filter FilterSet.

    Subclasses give ``filterset_class``, ``get_queryset``, ``has_permission``
    and, for the Excel export, ``export_headers`` and ``export_row``."""

    filterset_class = None
    paginate_by = 50
    export_filename = "export"
    export_title = "Export"

    def has_permission(self) -> bool:
        # Private by default: each subclass says who may see its list.
        return False

    def get_filterset_kwargs(self) -> dict:
        return {}

    def export_headers(self) -> list[str]:
        return []

    def export_row(self, obj) -> list:
        return []

    def get(self, request, *args, **kwargs):
        if not self.has_permission():
            raise PermissionDenied
        self.filterset = self.filterset_class(
            request.GET or None,
            queryset=self.get_queryset(),
            **self.get_filterset_kwargs(),
        )
        self.object_list = self.filterset.qs
        if request.GET.get("export") == "xlsx":
            return xlsx_response(
                filename=self.export_filename,
                title=str(self.export_title),
                headers=self.export_headers(),
                rows=(
                    self.export_row(obj)
                    for obj in self.object_list.iterator(chunk_size=1000)
                ),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
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
            page=page,
            object_list=page.object_list,
            query_string=query.urlencode(),
            export_url="?" + urlencode({**query.dict(), "export": "xlsx"}),
        )
        return context
