"""Trainings and occasions: list, create, edit, move, cancel, invite,
documents."""

import datetime

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.exceptions import ApplicationError
from mandat.core.forms import service_call, service_error
from mandat.core.listing import FilteredListView
from mandat.core.pages import form_page, go
from mandat.core.permissions import allowed, refuse
from mandat.core.uploads import stored_file_response
from mandat.directory.forms import TargetDayForm, TargetRuleForm
from mandat.directory.permissions import (
    can_see_protected_identity,
    can_set_up_directory,
)
from mandat.directory.selectors import target_group_people

from .. import exporters, permissions, selectors, services
from ..filters import TrainingFilter
from ..forms import (
    DocumentForm,
    OccasionForm,
    ReasonForm,
    TrainingForm,
)
from ..models import (
    Occasion,
    SessionAttendance,
    TrainingDocument,
)
from .common import (
    managed_occasion,
    managed_training,
    secretary_bodies,
    to_training,
    training_or_404,
)

# Trainings -------------------------------------------------------------------------


class TrainingListView(FilteredListView):
    template_name = "trainings/training_list.html"
    filterset_class = TrainingFilter
    exporter_class = exporters.TrainingExporter

    def has_permission(self):
        return permissions.can_manage_trainings(
            self.request.user, self.request.organisation
        )

    def get_queryset(self):
        return selectors.training_list(
            organisation=self.request.organisation, user=self.request.user
        )

    def get_filterset_kwargs(self):
        return {"organisation": self.request.organisation}


@allowed(permissions.can_manage_trainings)
def training_create(request):
    organisation = request.organisation
    initial = {}
    if request.GET.get("plan_item"):
        initial["plan_item"] = request.GET["plan_item"]
    form = TrainingForm(
        request.POST or None,
        organisation=organisation,
        bodies=secretary_bodies(request),
        initial=initial,
    )
    return form_page(
        request,
        form,
        "trainings/training_form.html",
        save=lambda data: services.training_create(
            actor=request.user, organisation=organisation, **data
        ),
        done=lambda training: (
            "trainings:occasion-create",
            organisation.slug,
            training.pk,
        ),
        success=_("The training was created. Now add its occasions."),
    )


def training_edit(request, training_id):
    training = managed_training(request, training_id)
    form = TrainingForm(
        request.POST or None,
        instance=training,
        organisation=request.organisation,
        bodies=secretary_bodies(request),
    )

    def save(data):
        fields = {name: data[name] for name in TrainingForm.Meta.fields}
        training.refresh_from_db()
        return services.training_update(actor=request.user, training=training, **fields)

    return form_page(
        request,
        form,
        "trainings/training_form.html",
        {"training": training},
        save=save,
        done=to_training,
        success=_("The training was saved."),
    )


def training_detail(request, training_id):
    training = training_or_404(request, training_id)
    can_manage = permissions.can_manage_training(request.user, training)
    occasions = list(training.occasions.all())
    attended = {
        row["registration__occasion"]: row["count"]
        for row in SessionAttendance.objects.filter(
            registration__training=training,
            status__in=[
                SessionAttendance.Status.ATTENDED,
                SessionAttendance.Status.PARTLY,
            ],
        )
        .values("registration__occasion")
        .annotate(count=Count("registration", distinct=True))
    }
    for occasion in occasions:
        occasion.attended_count = attended.get(occasion.pk, 0)
    return render(
        request,
        "trainings/training_detail.html",
        {
            "training": training,
            "occasions": occasions,
            "can_manage": can_manage,
            "document_form": DocumentForm(),
            "attended_total": sum(attended.values()),
        },
    )


@require_POST
def training_status(request, training_id):
    training = managed_training(request, training_id)
    service_call(
        request,
        lambda: services.training_set_status(
            actor=request.user, training=training, status=request.POST.get("status", "")
        ),
        success=_("The status was changed."),
    )
    return redirect("trainings:training-detail", request.organisation.slug, training.pk)


# Occasions -------------------------------------------------------------------------


def occasion_create(request, training_id):
    training = managed_training(request, training_id)
    form = OccasionForm(
        request.POST or None, initial={"format": Occasion.Format.ON_SITE}
    )
    return form_page(
        request,
        form,
        "trainings/occasion_form.html",
        {"training": training},
        save=lambda data: services.occasion_create(
            actor=request.user,
            training=training,
            sessions=data["sessions"],
            **form.occasion_fields(),
        ),
        done=to_training,
        success=_("The occasion was added."),
    )


def occasion_edit(request, occasion_id):
    occasion = managed_occasion(request, occasion_id)
    form = OccasionForm(
        request.POST or None, initial=OccasionForm.initial_for(occasion)
    )
    return form_page(
        request,
        form,
        "trainings/occasion_form.html",
        {"training": occasion.training, "occasion": occasion},
        save=lambda data: services.occasion_update(
            actor=request.user,
            occasion=occasion,
            sessions=data["sessions"],
            move_reason=data["move_reason"],
            **form.occasion_fields(),
        ),
        done=lambda _occasion: to_training(occasion),
        success=_("The occasion was saved; everyone concerned is told."),
    )


def occasion_cancel(request, occasion_id):
    occasion = managed_occasion(request, occasion_id)
    return form_page(
        request,
        ReasonForm(request.POST or None),
        "trainings/occasion_cancel.html",
        {"occasion": occasion},
        save=lambda data: services.occasion_cancel(
            actor=request.user, occasion=occasion, reason=data["reason"]
        ),
        done=lambda _occasion: to_training(occasion),
        success=_("The occasion was cancelled and everyone told."),
        default="reason",
    )


def occasion_decide(request, occasion_id):
    """Too few registered by the deadline: cancel or move, in one place."""
    occasion = managed_occasion(request, occasion_id)
    return render(
        request,
        "trainings/occasion_decide.html",
        {"occasion": occasion, "form": ReasonForm()},
    )


# Invitations -----------------------------------------------------------------------


def invite(request, training_id):
    """Build the target group, see who it means now, and send."""
    training = managed_training(request, training_id)
    group = training.target_group
    rule_form = TargetRuleForm(
        request.POST or None, organisation=request.organisation, user=request.user
    )
    adding = request.method == "POST" and request.POST.get("action") == "add_rule"
    if adding and rule_form.is_valid():
        try:
            services.target_rule_add(
                actor=request.user, training=training, **rule_form.cleaned_data
            )
        except ApplicationError as error:
            service_error(rule_form, error)
        else:
            return redirect("trainings:invite", request.organisation.slug, training.pk)
        group = training.target_group
    day_form = TargetDayForm(request.GET or None)
    day = _members_day(training, day_form)
    people = list(target_group_people(group=group, on=day)) if group else []
    invited = set(training.invitations.values_list("person_id", flat=True))
    new_people = [p for p in people if p.pk not in invited]
    return render(
        request,
        "trainings/invite.html",
        {
            "training": training,
            "group": group,
            "rules": list(group.rules.select_related("body", "person"))
            if group
            else [],
            "rule_form": rule_form,
            "day_form": day_form,
            "day": day,
            "can_open_group": can_set_up_directory(request.user, request.organisation),
            "people": people,
            "new_people": new_people,
            "some_invited_already": len(new_people) < len(people),
            "without_email": [p for p in new_people if not p.email],
            "sees_protected": can_see_protected_identity(
                request.user, request.organisation
            ),
        },
    )


def _members_day(training, day_form) -> datetime.date:
    """The day the target group is read: the one chosen, else the first
    occasion's (an introduction in February for the term starting 1
    January), else today."""
    if day_form.is_valid() and day_form.cleaned_data.get("on"):
        return day_form.cleaned_data["on"]
    today = timezone.localdate()
    first = (
        training.occasions.filter(starts_at__date__gte=today)
        .exclude(status=Occasion.Status.CANCELLED)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return timezone.localdate(first) if first else today


@require_POST
def invite_rule_delete(request, training_id, rule_id):
    training = managed_training(request, training_id)
    services.target_rule_remove(actor=request.user, training=training, rule_id=rule_id)
    return redirect("trainings:invite", request.organisation.slug, training.pk)


@require_POST
def invite_send(request, training_id):
    training = managed_training(request, training_id)
    sent = service_call(
        request,
        lambda: services.invitation_send(
            actor=request.user,
            training=training,
            on=_members_day(training, TargetDayForm(request.POST)),
        ),
        success=lambda batch: (
            _("%(count)s invitations are on their way.")
            % {"count": batch.recipient_count}
        ),
    )
    if not sent:
        return redirect("trainings:invite", request.organisation.slug, training.pk)
    return go(to_training(training))


# Documents ------------------------------------------------------------------------


@require_POST
def document_upload(request, training_id):
    training = managed_training(request, training_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.document_add(
            actor=request.user,
            training=training,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            content_type=form.cleaned_data["content_type"],
        )
        messages.success(request, _("The document was added."))
        return redirect(
            "trainings:training-detail", request.organisation.slug, training.pk
        )
    occasions = list(training.occasions.all())
    return render(
        request,
        "trainings/training_detail.html",
        {
            "training": training,
            "occasions": occasions,
            "can_manage": True,
            "document_form": form,
        },
        status=400,
    )


def document_download(request, document_id):
    document = get_object_or_404(
        TrainingDocument.objects.select_related("training__organisation"),
        pk=document_id,
        training__organisation=request.organisation,
    )
    person = selectors.my_person(user=request.user, organisation=request.organisation)
    invited = (
        person is not None
        and document.training.invitations.filter(person=person).exists()
    )
    if not (
        permissions.can_manage_training(request.user, document.training) or invited
    ):
        # As the training's own page: a committee secretary does not learn
        # that another committee's training exists.
        if permissions.can_manage_trainings(request.user, request.organisation):
            raise Http404
        refuse()
    return stored_file_response(document.file, content_type=document.content_type)
