"""The training plan: laid out by year, edited, exported."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.exports import export_response
from mandat.core.forms import service_error
from mandat.core.pages import form_page
from mandat.core.permissions import allowed, require

from .. import exporters, permissions, selectors, services
from ..forms import (
    PlanForm,
    PlanItemForm,
)
from ..models import (
    PlanItem,
    Training,
    TrainingPlan,
)
from ..plan_document import plan_pdf_response

# Plan ------------------------------------------------------------------------------


@allowed(permissions.can_manage_trainings)
def plan_list(request):
    organisation = request.organisation
    plans = list(
        TrainingPlan.objects.filter(organisation=organisation).select_related("period")
    )
    today = timezone.localdate()
    current = next((p for p in plans if p.period.contains(today)), None)
    if current is not None and not request.GET.get("all"):
        return redirect("trainings:plan-detail", organisation.slug, current.pk)
    can_edit = permissions.can_manage_plan(request.user, organisation)
    form = (
        PlanForm(request.POST or None, organisation=organisation) if can_edit else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            plan = services.plan_create(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ApplicationError as error:
            service_error(form, error)
        else:
            return redirect("trainings:plan-detail", organisation.slug, plan.pk)
    return render(request, "trainings/plan_list.html", {"plans": plans, "form": form})


def _plan_or_404(request, plan_id) -> TrainingPlan:
    require(permissions.can_manage_trainings(request.user, request.organisation))
    return get_object_or_404(
        TrainingPlan.objects.select_related("period"),
        pk=plan_id,
        organisation=request.organisation,
    )


def plan_detail(request, plan_id):
    plan = _plan_or_404(request, plan_id)
    export = request.GET.get("export")
    if export in exporters.PlanExporter.formats:
        exporter = exporters.PlanExporter(
            user=request.user, organisation=request.organisation, plan=plan
        )
        return export_response(exporter, export)
    years, items = selectors.plan_years(plan=plan)
    outside = list(
        Training.objects.filter(
            organisation=request.organisation, plan_item__isnull=True
        ).order_by("-created_at")[:50]
    )
    shown = [t.pk for item in items for t in item.trainings.all()]
    shown += [t.pk for t in outside]
    context = {
        "plan": plan,
        "years": years,
        "outside": outside,
        # Linked only where the viewer may open the training (a committee
        # secretary sees the whole plan but opens their committee's).
        "openable": set(
            selectors.training_list(
                organisation=request.organisation, user=request.user
            )
            .filter(pk__in=shown)
            .values_list("pk", flat=True)
        ),
        "can_edit": permissions.can_manage_plan(request.user, request.organisation),
    }
    if export == "pdf":
        return plan_pdf_response(plan)
    return render(request, "trainings/plan_detail.html", context)


def plan_item_edit(request, plan_id, item_id=None):
    plan = _plan_or_404(request, plan_id)
    require(permissions.can_manage_plan(request.user, request.organisation))
    item = get_object_or_404(PlanItem, pk=item_id, plan=plan) if item_id else None
    return form_page(
        request,
        PlanItemForm(request.POST or None, instance=item),
        "trainings/plan_item_form.html",
        {"plan": plan, "item": item},
        save=lambda data: services.plan_item_save(
            actor=request.user,
            plan=plan,
            item=item,
            **{name: data[name] for name in PlanItemForm.Meta.fields},
        ),
        done=lambda _item: (
            "trainings:plan-detail",
            request.organisation.slug,
            plan.pk,
        ),
        success=_("The plan was saved."),
    )
