"""Costs and budgets, and the fee basis for the bodies' fee systems."""

import datetime

from django.contrib import messages
from django.core.files.base import ContentFile
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.downloads import download_response
from mandat.core.exceptions import ApplicationError, parse_id
from mandat.core.exports import export_response
from mandat.core.forms import service_call
from mandat.core.pages import form_page, form_post, found
from mandat.core.pdf import PdfUnavailable, pdf_unavailable_response
from mandat.core.permissions import allowed, require
from mandat.directory.models import Body
from mandat.directory.permissions import can_see_protected_identity
from mandat.directory.selectors import body_ids_visible
from mandat.meetings.services import approval_request_create
from mandat.trainings import selectors as training_selectors
from mandat.trainings.models import TrainingPlan

from . import annual, exporters, follow_up, output, permissions, selectors, services
from .forms import BudgetForm, CostForm, FeeBasisForm, NarrativeForm
from .models import CostLine, ReportNarrative


def _year(request) -> int:
    value = request.GET.get("year", "")
    year = parse_id(value[:4])
    if year is not None and 2000 <= year <= 2100:
        return year
    return timezone.localdate().year


@allowed(permissions.can_manage_costs)
def cost_list(request):
    organisation = request.organisation
    year = _year(request)
    export = request.GET.get("export")
    if export in exporters.CostExporter.formats:
        exporter = exporters.CostExporter(
            user=request.user, organisation=organisation, year=year
        )
        return export_response(exporter, export)
    return form_page(
        request,
        CostForm(request.POST or None, organisation=organisation),
        "reports/cost_list.html",
        lambda: {
            "year": year,
            "years": sorted(
                set(selectors.cost_years(organisation=organisation)) | {year},
                reverse=True,
            ),
            "costs": list(selectors.cost_list(organisation=organisation, year=year)),
            "totals": selectors.cost_totals(organisation=organisation, year=year),
            "budgets": selectors.budget_status(organisation=organisation, year=year),
            "budget_form": BudgetForm(
                organisation=organisation, initial={"year": year}
            ),
        },
        save=lambda data: services.cost_add(actor=request.user, **data),
        done=lambda cost: f"{request.path}?year={cost.incurred_on.year}",
        success=_("The cost was booked."),
    )


@require_POST
@allowed(permissions.can_manage_costs)
def budget_set(request):
    organisation = request.organisation
    form = BudgetForm(request.POST, organisation=organisation)
    form_post(
        request,
        form,
        lambda data: services.budget_set(
            actor=request.user, organisation=organisation, **data
        ),
        success=_("The budget was saved."),
    )
    year = form.cleaned_data.get("year") or _year(request)
    return redirect(f"{reverse_costs(request)}?year={year}")


def reverse_costs(request):
    return reverse("reports:cost-list", args=[request.organisation.slug])


@require_POST
@allowed(permissions.can_manage_costs)
def cost_remove(request, cost_id):
    organisation = request.organisation
    cost = get_object_or_404(CostLine, pk=cost_id, organisation=organisation)
    year = cost.incurred_on.year
    services.cost_remove(actor=request.user, cost=cost)
    messages.success(request, _("The cost was removed."))
    return redirect(f"{reverse_costs(request)}?year={year}")


@allowed(permissions.can_manage_costs)
def training_costs(request, training_id):
    """A training's costs, with the form to book one."""
    organisation = request.organisation
    training = found(
        training_selectors.training_get(
            organisation=organisation, user=request.user, training_id=training_id
        )
    )
    costs = list(training.cost_lines.select_related("occasion"))
    return form_page(
        request,
        CostForm(request.POST or None, organisation=organisation, training=training),
        "reports/training_costs.html",
        {
            "training": training,
            "costs": costs,
            "total": sum(cost.amount for cost in costs),
        },
        save=lambda data: services.cost_add(actor=request.user, **data),
        done=lambda _cost: request.path,
        success=_("The cost was booked."),
    )


@allowed(permissions.can_export_fee_basis)
def fee_basis(request):
    organisation = request.organisation
    bodies = Body.objects.filter(organisation=organisation)
    visible = body_ids_visible(request.user, organisation)
    if visible is not None:
        bodies = bodies.filter(pk__in=visible)
    today = timezone.localdate()
    form = FeeBasisForm(
        request.GET or None,
        bodies=bodies,
        initial={
            "starts_on": today.replace(month=1, day=1),
            "ends_on": today,
        },
    )
    rows = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        export = request.GET.get("export")
        if export in exporters.FeeBasisExporter.formats:
            exporter = exporters.FeeBasisExporter(
                user=request.user,
                organisation=organisation,
                body=data["body"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
            return export_response(exporter, export)
        attendance = selectors.fee_basis(
            body=data["body"], starts_on=data["starts_on"], ends_on=data["ends_on"]
        )
        sees_protected = can_see_protected_identity(request.user, organisation)
        rows = [_fee_row(row, sees_protected=sees_protected) for row in attendance]
    return render(request, "reports/fee_basis.html", {"form": form, "rows": rows})


def _fee_row(attendance, *, sees_protected: bool) -> dict:
    session = attendance.session
    registration = attendance.registration
    starts = timezone.localtime(session.starts_at)
    ends = timezone.localtime(session.ends_at)
    hours = round((ends - starts) / datetime.timedelta(hours=1), 2)
    return {
        "register_id": registration.person.register_id,
        "name": registration.person.full_name
        if sees_protected
        else registration.person.public_name,
        "training": registration.occasion.training.title,
        "date": starts.date(),
        "starts": starts.strftime("%H:%M"),
        "ends": ends.strftime("%H:%M"),
        "hours": hours,
        "format": registration.occasion.get_format_display(),
        "status": attendance.get_status_display(),
    }


@allowed(permissions.can_manage_costs)
def annual_report(request):
    """The annual report of a year: the page, its texts, and its files."""
    organisation = request.organisation
    year = _year(request)
    narrative = ReportNarrative.objects.filter(
        organisation=organisation, year=year
    ).first() or ReportNarrative(organisation=organisation, year=year)
    form = NarrativeForm(request.POST or None, instance=narrative)
    if request.method == "POST" and form.is_valid():
        service_call(
            request,
            lambda: services.narrative_save(
                actor=request.user, narrative=narrative, **form.cleaned_data
            ),
            success=_("The texts were saved."),
        )
        return redirect(f"{request.path}?year={year}")
    report = annual.annual_report(organisation=organisation, year=year)
    export = request.GET.get("format", "")
    if export in output.FORMATS:
        render_file, content_type = output.FORMATS[export]
        try:
            content = render_file(report)
        except PdfUnavailable:
            return pdf_unavailable_response()
        return download_response(
            content,
            filename=output.report_filename(report, export),
            content_type=content_type,
            inline=export == "json",
        )
    this_year = timezone.localdate().year
    return render(
        request,
        "reports/annual_report.html",
        {
            "report": output.for_display(report),
            "body": output.report_html(report),
            "years": list(range(this_year, this_year - 5, -1)),
            "form": form,
            "group": annual.steering_group(organisation),
        },
    )


@require_POST
def annual_report_approval(request):
    """Send the year's annual report as PDF/A to the steering group for
    approval by e-mail link."""
    organisation = request.organisation
    require(permissions.can_manage_costs(request.user, organisation))
    group = found(annual.steering_group(organisation))
    year = _year(request)
    report = annual.annual_report(organisation=organisation, year=year)
    try:
        pdf = output.report_pdf(report)
    except PdfUnavailable:
        return pdf_unavailable_response()
    upload = ContentFile(pdf, name=output.report_filename(report, "pdf"))
    try:
        approval = approval_request_create(
            actor=request.user,
            group=group,
            title=_("Annual report %(year)s") % {"year": year},
            deadline=timezone.now() + datetime.timedelta(days=14),
            message=_("Please approve the annual report to the executive board."),
            upload=upload,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(
            f"{reverse('reports:annual-report', args=[organisation.slug])}?year={year}"
        )
    messages.success(
        request, _("The annual report was sent to the steering group for approval.")
    )
    return redirect("meetings:approval-detail", organisation.slug, approval.pk)


@allowed(permissions.can_manage_costs)
def period_follow_up(request):
    """Who on each body has taken the basic programme of a mandate period."""
    organisation = request.organisation
    plans = list(
        TrainingPlan.objects.filter(organisation=organisation)
        .select_related("period")
        .order_by("-period__starts_on")
    )
    if not plans:
        return render(request, "reports/follow_up.html", {"plans": [], "data": None})
    chosen = request.GET.get("plan", "")
    plan = next((p for p in plans if str(p.pk) == chosen), None) or next(
        (p for p in plans if p.period.starts_on <= timezone.localdate()), plans[0]
    )
    export = request.GET.get("export")
    if export in exporters.FollowUpExporter.formats:
        exporter = exporters.FollowUpExporter(
            user=request.user, organisation=organisation, plan=plan
        )
        return export_response(exporter, export)
    body = request.GET.get("body", "")
    data = follow_up.follow_up(plan=plan, body_id=parse_id(body))
    return render(
        request,
        "reports/follow_up.html",
        {"plans": plans, "data": data, "plan": plan},
    )
