"""Recording past years from a spreadsheet (the coordinator's Excel lists
of earlier years)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mandat.core.exceptions import ApplicationError
from mandat.core.exports import export_response
from mandat.core.forms import service_error
from mandat.core.permissions import allowed, require

from . import exporters, permissions
from . import history as past
from .forms import HistoryUploadForm


@allowed(permissions.can_record_history)
def history(request):
    """Upload a past year's trainings and attendance; all or none."""
    organisation = request.organisation
    form = HistoryUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = past.history_import(
                actor=request.user,
                organisation=organisation,
                filename=upload.name,
                content=upload.read(),
            )
        except ApplicationError as error:
            service_error(form, error, default="file")
        else:
            messages.success(
                request,
                _(
                    "Recorded for %(years)s: %(trainings)s new trainings, "
                    "%(occasions)s new occasions, %(invited)s invited, "
                    "%(registered)s registered, %(declined)s declined, "
                    "%(attended)s attended, %(evaluated)s asked to evaluate."
                )
                % {
                    **vars(result),
                    "years": ", ".join(str(year) for year in result.years),
                },
            )
            return redirect("reports:history", organisation.slug)
    return render(
        request,
        "reports/history.html",
        {"form": form, "headers": past.TEMPLATE_HEADERS},
    )


@require_GET
def history_template(request):
    exporter = exporters.HistoryTemplateExporter(
        user=request.user, organisation=request.organisation
    )
    require(exporter.has_permission())
    return export_response(exporter, "xlsx")
