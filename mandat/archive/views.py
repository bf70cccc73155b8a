"""Archive packages as downloads: a ZIP with one folder, the package."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from mandat.core.downloads import download_response
from mandat.core.pages import found
from mandat.core.pdf import PdfUnavailable, pdf_unavailable_response
from mandat.core.permissions import allowed, require
from mandat.meetings import selectors as meeting_selectors
from mandat.meetings.models import Meeting
from mandat.trainings.models import TrainingPlan

from . import permissions, sources
from .package import Package, package_zip


def _download(make) -> object:
    try:
        package: Package = make()
    except PdfUnavailable:
        return pdf_unavailable_response()
    return download_response(
        package_zip(package, sources.package_documentation(package)),
        filename=f"{package.identifier}.zip",
        content_type="application/zip",
    )


def minutes_package(request, meeting_id):
    """Finalised minutes as an E-ARK package, for the registry and the archive."""
    meeting = found(
        meeting_selectors.meeting_get(
            organisation=request.organisation, user=request.user, meeting_id=meeting_id
        )
    )
    require(permissions.can_archive_minutes(request.user, meeting))
    if meeting.minutes_status == Meeting.Minutes.DRAFT:
        raise Http404  # a draft is no official document yet
    return _download(lambda: sources.minutes_archive_package(meeting))


@allowed(permissions.can_archive_annual_report)
def annual_report_package(request, year):
    if not 2000 <= year <= 2100:
        raise Http404
    return _download(
        lambda: sources.annual_report_archive_package(request.organisation, year)
    )


@allowed(permissions.can_archive_plan)
def plan_package(request, plan_id):
    plan = get_object_or_404(
        TrainingPlan.objects.select_related("period", "organisation"),
        pk=plan_id,
        organisation=request.organisation,
    )
    return _download(lambda: sources.plan_archive_package(plan))
