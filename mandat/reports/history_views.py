"""Recording past years from a spreadsheet (the coordinator's Excel lists
of earlier years)."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mandat.core.exports import export_response
from mandat.core.pages import form_page
from mandat.core.permissions import allowed, require

from . import exporters, permissions
from . import history as past
from .forms import HistoryUploadForm


@allowed(permissions.can_record_history)
def history(request):
    """Upload a past year's trainings and attendance; all or none."""
    organisation = request.organisation
    return form_page(
        request,
        HistoryUploadForm(request.POST or None, request.FILES or None),
        "reports/history.html",
        {"headers": past.TEMPLATE_HEADERS},
        save=lambda data: past.history_import(
            actor=request.user,
            organisation=organisation,
            filename=data["file"].name,
            content=data["file"].read(),
        ),
        done=lambda _result: ("reports:history", organisation.slug),
        success=_recorded,
        default="file",
    )


def _recorded(result) -> str:
    return _(
        "Recorded for %(years)s: %(trainings)s new trainings, "
        "%(occasions)s new occasions, %(invited)s invited, "
        "%(registered)s registered, %(declined)s declined, "
        "%(attended)s attended, %(evaluated)s asked to evaluate."
    ) % {**vars(result), "years": ", ".join(str(year) for year in result.years)}


@require_GET
def history_template(request):
    exporter = exporters.HistoryTemplateExporter(
        user=request.user, organisation=request.organisation
    )
    require(exporter.has_permission())
    return export_response(exporter, "xlsx")
