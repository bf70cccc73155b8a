import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mandat.core.exceptions import ApplicationError
from mandat.core.exports import xlsx_response
from mandat.core.listing import FilteredListView
from mandat.core.pdf import pdf_response
from mandat.directory.models import Body
from mandat.directory.selectors import target_group_people
from mandat.notifications import feeds

from . import permissions, selectors, services
from .filters import TrainingFilter
from .forms import (
    ContributorForm,
    DocumentForm,
    OccasionForm,
    OnBehalfForm,
    PlanForm,
    PlanItemForm,
    ReasonForm,
    RegistrationForm,
    StatusChangeForm,
    TargetRuleForm,
    TrainingForm,
)
from .models import (
    Contributor,
    Invitation,
    Occasion,
    PlanItem,
    Registration,
    SessionAttendance,
    Training,
    TrainingDocument,
    TrainingPlan,
)


def _training_or_404(request, training_id) -> Training:
    training = selectors.training_get(
        organisation=request.organisation, user=request.user, training_id=training_id
    )
    if training is None:
        if not permissions.can_manage_trainings(request.user, request.organisation):
            raise PermissionDenied
        raise Http404
    return training


def _managed_training(request, training_id) -> Training:
    training = _training_or_404(request, training_id)
    if not permissions.can_manage_training(request.user, training):
        raise PermissionDenied
    return training


def _occasion_or_404(request, occasion_id) -> Occasion:
    occasion = selectors.occasion_get(
        organisation=request.organisation, occasion_id=occasion_id
    )
    if occasion is None:
        raise Http404
    return occasion


def _managed_occasion(request, occasion_id) -> Occasion:
    occasion = _occasion_or_404(request, occasion_id)
    if not permissions.can_manage_training(request.user, occasion.training):
        raise PermissionDenied
    return occasion


def _secretary_bodies(request):
    access = request.access
    if access.manages_organisation:
        return None
    return Body.objects.filter(pk__in=access.secretary_body_ids)


# Plan ------------------------------------------------------------------------------


def plan_list(request):
    organisation = request.organisation
    if not permissions.can_manage_trainings(request.user, organisation):
        raise PermissionDenied
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
            form.add_error(error.field, error.message)
        else:
            return redirect("trainings:plan-detail", organisation.slug, plan.pk)
    return render(request, "trainings/plan_list.html", {"plans": plans, "form": form})


def _plan_or_404(request, plan_id) -> TrainingPlan:
    if not permissions.can_manage_trainings(request.user, request.organisation):
        raise PermissionDenied
    return get_object_or_404(
        TrainingPlan.objects.select_related("period"),
        pk=plan_id,
        organisation=request.organisation,
    )


def _plan_years(plan: TrainingPlan):
    items = list(selectors.plan_items(plan=plan))
    years = []
    for year in range(1, 5):
        in_year = [item for item in items if item.year == year]
        years.append(
            {
                "year": year,
                "calendar_year": plan.period.starts_on.year + year,
                "items": in_year,
            }
        )
    return years, items


def plan_detail(request, plan_id):
    plan = _plan_or_404(request, plan_id)
    years, items = _plan_years(plan)
    export = request.GET.get("export")
    if export == "xlsx":
        return xlsx_response(
            filename="utbildningsplan",
            title=plan.title,
            headers=[
                _("Year"),
                _("When"),
                _("Title"),
                _("Responsible"),
                _("Target group"),
                _("Topics"),
                _("Funding"),
                _("Filmed"),
                _("Status"),
                _("Trainings"),
            ],
            rows=(
                [
                    item.year,
                    _timing(item),
                    item.title,
                    item.get_responsible_display(),
                    item.target_group,
                    item.topics,
                    item.funding_note,
                    _("yes") if item.filmed else _("no"),
                    item.get_status_display(),
                    "; ".join(t.title for t in item.trainings.all()),
                ]
                for item in items
            ),
        )
    context = {
        "plan": plan,
        "years": years,
        "outside": Training.objects.filter(
            organisation=request.organisation, plan_item__isnull=True
        ).order_by("-created_at")[:50],
        "can_edit": permissions.can_manage_plan(request.user, request.organisation),
    }
    if export == "pdf":
        return pdf_response(
            template="trainings/pdf/plan.html",
            context=context,
            filename=f"utbildningsplan-{plan.period.name}",
            title=plan.title,
        )
    return render(request, "trainings/plan_detail.html", context)


def _timing(item: PlanItem) -> str:
    if item.month:
        return date_format(datetime.date(2000, item.month, 1), "F").capitalize()
    return str(item.get_season_display()) if item.season else ""


def plan_item_edit(request, plan_id, item_id=None):
    plan = _plan_or_404(request, plan_id)
    if not permissions.can_manage_plan(request.user, request.organisation):
        raise PermissionDenied
    item = get_object_or_404(PlanItem, pk=item_id, plan=plan) if item_id else None
    form = PlanItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_item_save(
                actor=request.user,
                plan=plan,
                item=item,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("trainings:plan-detail", request.organisation.slug, plan.pk)
    return render(
        request,
        "trainings/plan_item_form.html",
        {"plan": plan, "item": item, "form": form},
    )


# Trainings -------------------------------------------------------------------------


class TrainingListView(FilteredListView):
    template_name = "trainings/training_list.html"
    filterset_class = TrainingFilter
    export_filename = "utbildningar"
    export_title = gettext_lazy("Trainings")

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

    def export_headers(self):
        return [
            _("Title"),
            _("Status"),
            _("Plan item"),
            _("First occasion"),
            _("Occasions"),
            _("Invited"),
            _("Registered"),
        ]

    def export_row(self, training):
        occasions = list(training.occasions.all())
        first = occasions[0].starts_at if occasions else None
        return [
            training.title,
            training.get_status_display(),
            training.plan_item.title if training.plan_item else _("Outside the plan"),
            first,
            len(occasions),
            training.invited_count,
            training.registered_count,
        ]


def training_create(request):
    organisation = request.organisation
    if not permissions.can_manage_trainings(request.user, organisation):
        raise PermissionDenied
    initial = {}
    if request.GET.get("plan_item"):
        initial["plan_item"] = request.GET["plan_item"]
    form = TrainingForm(
        request.POST or None,
        organisation=organisation,
        bodies=_secretary_bodies(request),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _secretary_bodies(request) is not None and not data["responsible_body"]:
            form.add_error("responsible_body", _("Choose your committee."))
        else:
            try:
                training = services.training_create(
                    actor=request.user, organisation=organisation, **data
                )
            except ApplicationError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(
                    request, _("The training was created. Now add its occasions.")
                )
                return redirect(
                    "trainings:occasion-create", organisation.slug, training.pk
                )
    return render(request, "trainings/training_form.html", {"form": form})


def training_edit(request, training_id):
    training = _managed_training(request, training_id)
    form = TrainingForm(
        request.POST or None,
        instance=training,
        organisation=request.organisation,
        bodies=_secretary_bodies(request),
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        training.refresh_from_db()
        services.training_update(actor=request.user, training=training, **fields)
        messages.success(request, _("The training was saved."))
        return redirect(
            "trainings:training-detail", request.organisation.slug, training.pk
        )
    return render(
        request, "trainings/training_form.html", {"form": form, "training": training}
    )


def training_detail(request, training_id):
    training = _training_or_404(request, training_id)
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
    training = _managed_training(request, training_id)
    try:
        services.training_set_status(
            actor=request.user, training=training, status=request.POST.get("status", "")
        )
    except (ApplicationError, ValueError) as error:
        messages.error(request, getattr(error, "message", _("Unknown status.")))
    else:
        messages.success(request, _("The status was changed."))
    return redirect("trainings:training-detail", request.organisation.slug, training.pk)


# Occasions -------------------------------------------------------------------------


def occasion_create(request, training_id):
    training = _managed_training(request, training_id)
    form = OccasionForm(
        request.POST or None, initial={"format": Occasion.Format.ON_SITE}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.occasion_create(
                actor=request.user,
                training=training,
                sessions=form.cleaned_data["sessions"],
                **form.occasion_fields(),
            )
        except ApplicationError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, _("The occasion was added."))
            return redirect(
                "trainings:training-detail", request.organisation.slug, training.pk
            )
    return render(
        request, "trainings/occasion_form.html", {"form": form, "training": training}
    )


def occasion_edit(request, occasion_id):
    occasion = _managed_occasion(request, occasion_id)
    form = OccasionForm(
        request.POST or None, initial=OccasionForm.initial_for(occasion)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.occasion_update(
                actor=request.user,
                occasion=occasion,
                sessions=form.cleaned_data["sessions"],
                move_reason=form.cleaned_data["move_reason"],
                **form.occasion_fields(),
            )
        except ApplicationError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(
                request, _("The occasion was saved; everyone concerned is told.")
            )
            return redirect(
                "trainings:training-detail",
                request.organisation.slug,
                occasion.training_id,
            )
    return render(
        request,
        "trainings/occasion_form.html",
        {"form": form, "training": occasion.training, "occasion": occasion},
    )


def occasion_cancel(request, occasion_id):
    occasion = _managed_occasion(request, occasion_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.occasion_cancel(
                actor=request.user,
                occasion=occasion,
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(
                request, _("The occasion was cancelled and everyone told.")
            )
            return redirect(
                "trainings:training-detail",
                request.organisation.slug,
                occasion.training_id,
            )
    return render(
        request, "trainings/occasion_cancel.html", {"form": form, "occasion": occasion}
    )


def occasion_decide(request, occasion_id):
    """Too few registered by the deadline: cancel or move, in one place."""
    occasion = _managed_occasion(request, occasion_id)
    return render(
        request,
        "trainings/occasion_decide.html",
        {"occasion": occasion, "form": ReasonForm()},
    )


def participants(request, occasion_id):
    occasion = _occasion_or_404(request, occasion_id)
    if not permissions.can_take_attendance(request.user, occasion):
        raise PermissionDenied
    can_manage = permissions.can_manage_training(request.user, occasion.training)
    people = list(selectors.participant_list(occasion=occasion))
    sessions = list(occasion.sessions.all())
    if request.GET.get("export") == "xlsx":
        headers = [
            _("Status"),
            _("Last name"),
            _("First name"),
            _("E-mail address"),
            _("Title"),
            _("Dietary needs"),
            _("Accessibility needs"),
            _("Registered"),
            *[str(session) for session in sessions],
        ]
        rows = []
        for registration in people:
            person = registration.person
            marks = {
                a.session_id: a.get_status_display()
                for a in registration.attendance.all()
            }
            rows.append(
                [
                    registration.get_status_display(),
                    *(
                        [person.public_name, "", ""]
                        if person.protected_identity
                        else [person.last_name, person.first_name, person.email]
                    ),
                    person.title,
                    registration.dietary_needs,
                    registration.accessibility_needs,
                    registration.created_at,
                    *[marks.get(session.pk, "") for session in sessions],
                ]
            )
        return xlsx_response(
            filename=f"deltagare-{occasion.pk}",
            title=_("Participants"),
            headers=headers,
            rows=rows,
        )
    if request.GET.get("export") == "pdf":
        return pdf_response(
            template="trainings/pdf/sign_in_sheet.html",
            context={
                "occasion": occasion,
                "registered": [
                    r for r in people if r.status == Registration.Status.REGISTERED
                ],
                "sessions": sessions,
            },
            filename=f"narvarolista-{occasion.pk}",
            title=_("Sign-in sheet"),
        )
    on_behalf = OnBehalfForm(organisation=request.organisation) if can_manage else None
    return render(
        request,
        "trainings/participant_list.html",
        {
            "occasion": occasion,
            "registered": [
                r for r in people if r.status == Registration.Status.REGISTERED
            ],
            "waiting": [r for r in people if r.status == Registration.Status.WAITING],
            "can_manage": can_manage,
            "on_behalf_form": on_behalf,
            "status_form": StatusChangeForm(),
            "contributor_form": ContributorForm(organisation=request.organisation)
            if can_manage
            else None,
            "sees_protected": request.access.manages_organisation,
        },
    )


@require_POST
def register_on_behalf(request, occasion_id):
    occasion = _managed_occasion(request, occasion_id)
    form = OnBehalfForm(request.POST, organisation=request.organisation)
    if form.is_valid():
        try:
            registration = services.registration_create(
                actor=request.user,
                occasion=occasion,
                person=form.cleaned_data["person"],
                on_behalf=True,
                dietary_needs=form.cleaned_data["dietary_needs"],
                accessibility_needs=form.cleaned_data["accessibility_needs"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(person)s: %(status)s.")
                % {
                    "person": registration.person.full_name,
                    "status": registration.get_status_display().lower(),
                },
            )
    else:
        messages.error(request, _("Choose a person."))
    return redirect("trainings:participants", request.organisation.slug, occasion.pk)


@require_POST
def registration_change(request, registration_id):
    registration = get_object_or_404(
        Registration.objects.select_related("occasion__training"),
        pk=registration_id,
        organisation=request.organisation,
    )
    if not permissions.can_manage_training(request.user, registration.training):
        raise PermissionDenied
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        try:
            services.registration_set_status(
                actor=request.user,
                registration=registration,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The registration was changed."))
    else:
        messages.error(request, _("Give the new status and the reason for the change."))
    return redirect(
        "trainings:participants", request.organisation.slug, registration.occasion_id
    )


@require_POST
def contributor_add(request, occasion_id):
    occasion = _managed_occasion(request, occasion_id)
    form = ContributorForm(request.POST, organisation=request.organisation)
    if form.is_valid():
        services.contributor_add(
            actor=request.user,
            occasion=occasion,
            person=form.cleaned_data["person"],
            role=form.cleaned_data["role"],
        )
        messages.success(request, _("Added."))
    return redirect("trainings:participants", request.organisation.slug, occasion.pk)


@require_POST
def contributor_remove(request, contributor_id):
    contributor = get_object_or_404(
        Contributor.objects.select_related("occasion__training"),
        pk=contributor_id,
        occasion__organisation=request.organisation,
    )
    if not permissions.can_manage_training(request.user, contributor.occasion.training):
        raise PermissionDenied
    occasion_id = contributor.occasion_id
    services.contributor_remove(actor=request.user, contributor=contributor)
    return redirect("trainings:participants", request.organisation.slug, occasion_id)


def checkin(request, occasion_id):
    """The check-in list: one tap per person and session, made for a tablet."""
    occasion = _occasion_or_404(request, occasion_id)
    if not permissions.can_take_attendance(request.user, occasion):
        raise PermissionDenied
    sessions = list(occasion.sessions.all())
    session = next(
        (s for s in sessions if str(s.pk) == request.GET.get("session")),
        _current_session(sessions),
    )
    registered = sorted(
        (
            r
            for r in selectors.participant_list(occasion=occasion)
            if r.status == Registration.Status.REGISTERED
        ),
        key=lambda r: (r.person.last_name, r.person.first_name),
    )
    marks = {
        r.pk: next(
            (a.status for a in r.attendance.all() if a.session_id == session.pk), ""
        )
        for r in registered
    }
    rows = [{"registration": r, "mark": marks[r.pk]} for r in registered]
    return render(
        request,
        "trainings/checkin.html",
        {
            "occasion": occasion,
            "sessions": sessions,
            "session": session,
            "rows": rows,
            "counts": {
                **{
                    status: sum(1 for m in marks.values() if m == status)
                    for status in SessionAttendance.Status.values
                },
                "total": len(registered),
            },
            "statuses": SessionAttendance.Status.choices,
            "sees_protected": request.access.manages_organisation,
        },
    )


def _checkin_counts(occasion, session) -> dict:
    marks = SessionAttendance.objects.filter(
        session=session, registration__status=Registration.Status.REGISTERED
    ).values_list("status", flat=True)
    counts = {status: 0 for status in SessionAttendance.Status.values}
    for mark in marks:
        counts[mark] += 1
    counts["total"] = occasion.registrations.filter(
        status=Registration.Status.REGISTERED
    ).count()
    return counts


def _current_session(sessions):
    now = timezone.now()
    for session in sessions:
        if session.ends_at >= now:
            return session
    return sessions[-1] if sessions else None


@require_POST
def checkin_mark(request, occasion_id):
    occasion = _occasion_or_404(request, occasion_id)
    if not permissions.can_take_attendance(request.user, occasion):
        raise PermissionDenied
    registration = get_object_or_404(
        Registration, pk=request.POST.get("registration"), occasion=occasion
    )
    session = get_object_or_404(occasion.sessions, pk=request.POST.get("session"))
    try:
        services.attendance_record(
            actor=request.user,
            registration=registration,
            session=session,
            status=request.POST.get("status", ""),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    if request.headers.get("HX-Request"):
        mark = request.POST.get("status", "")
        return render(
            request,
            "trainings/partials/checkin_row.html",
            {
                "row": {"registration": registration, "mark": mark},
                "session": session,
                "occasion": occasion,
                "statuses": SessionAttendance.Status.choices,
                "sees_protected": request.access.manages_organisation,
                "counts": _checkin_counts(occasion, session),
                "out_of_band": True,
            },
        )
    url = request.path.replace("mark/", "") + f"?session={session.pk}"
    return redirect(url + f"#registration-{registration.pk}")


# Invitations -----------------------------------------------------------------------


def invite(request, training_id):
    """Build the target group, see who it means now, and send."""
    training = _managed_training(request, training_id)
    group = training.target_group
    rule_form = TargetRuleForm(request.POST or None, organisation=request.organisation)
    adding = request.method == "POST" and request.POST.get("action") == "add_rule"
    if adding and rule_form.is_valid():
        try:
            services.target_rule_add(
                actor=request.user, training=training, **rule_form.cleaned_data
            )
        except ApplicationError as error:
            field = error.field if error.field in rule_form.fields else None
            rule_form.add_error(field, error.message)
        else:
            return redirect("trainings:invite", request.organisation.slug, training.pk)
        group = training.target_group
    people = (
        list(target_group_people(group=group, on=timezone.localdate())) if group else []
    )
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
            "people": people,
            "new_people": new_people,
            "without_email": [p for p in new_people if not p.email],
            "sees_protected": request.access.manages_organisation,
        },
    )


@require_POST
def invite_rule_delete(request, training_id, rule_id):
    training = _managed_training(request, training_id)
    services.target_rule_remove(actor=request.user, training=training, rule_id=rule_id)
    return redirect("trainings:invite", request.organisation.slug, training.pk)


@require_POST
def invite_send(request, training_id):
    training = _managed_training(request, training_id)
    try:
        batch = services.invitation_send(actor=request.user, training=training)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("trainings:invite", request.organisation.slug, training.pk)
    messages.success(
        request,
        _("%(count)s invitations are on their way.") % {"count": batch.recipient_count},
    )
    return redirect("trainings:training-detail", request.organisation.slug, training.pk)


# Documents ------------------------------------------------------------------------


@require_POST
def document_upload(request, training_id):
    training = _managed_training(request, training_id)
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
        TrainingDocument.objects.select_related("training"),
        pk=document_id,
        training__organisation=request.organisation,
    )
    person = selectors.my_person(user=request.user, organisation=request.organisation)
    invited = (
        person is not None
        and document.training.invitations.filter(person=person).exists()
    )
    if not (
        permissions.can_manage_trainings(request.user, request.organisation) or invited
    ):
        raise PermissionDenied
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.file.name.rsplit("/", 1)[-1].split("-", 1)[-1],
        content_type=document.content_type,
    )


# The elected official's pages ------------------------------------------------------


def _registration_page(request, *, person, training, invitation, template, extra=None):
    """What the personal link and the official's own page share: the training,
    the occasions, this person's registration, register and cancel."""
    occasions = list(
        selectors.occasion_counts(
            training.occasions.filter(status=Occasion.Status.PLANNED)
        ).prefetch_related("sessions")
    )
    current = (
        Registration.objects.filter(
            training=training, person=person, status__in=["registered", "waiting"]
        )
        .select_related("occasion")
        .first()
    )
    open_occasions = [
        o for o in occasions if not o.has_started and not o.deadline_passed
    ]
    form = RegistrationForm(
        request.POST if request.POST.get("action") == "register" else None,
        occasions=Occasion.objects.filter(pk__in=[o.pk for o in open_occasions])
        .prefetch_related("sessions")
        .annotate(**_counts()),
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "register" and form.is_valid():
                registration = services.registration_create(
                    actor=request.user if request.user.is_authenticated else None,
                    occasion=form.cleaned_data["occasion"],
                    person=person,
                    invitation=invitation,
                    dietary_needs=form.cleaned_data["dietary_needs"],
                    accessibility_needs=form.cleaned_data["accessibility_needs"],
                )
                if registration.status == Registration.Status.REGISTERED:
                    messages.success(
                        request,
                        _(
                            "You are registered. A confirmation is on its way "
                            "by e-mail."
                        ),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "The occasion is full: you are on the waiting list "
                            "and get an e-mail if a place frees up."
                        ),
                    )
                return redirect(request.get_full_path())
            if action == "cancel" and current is not None:
                services.registration_cancel(
                    actor=request.user if request.user.is_authenticated else None,
                    registration=current,
                )
                messages.success(request, _("Your registration is cancelled."))
                return redirect(request.get_full_path())
        except ApplicationError as error:
            form.add_error(None, error.message)
    context = {
        "person": person,
        "training": training,
        "occasions": occasions,
        "current": current,
        "form": form,
        "can_register": training.accepts_registrations and bool(open_occasions),
        **(extra or {}),
    }
    return render(request, template, context)


def _counts():
    return {
        "registered_count": Count(
            "registrations", filter=Q(registrations__status="registered")
        )
    }


@login_not_required
def personal(request, token):
    """The personal link in an invitation: register or cancel without logging in.

    The link acts for the invited person only; a forwarded link cannot
    register anyone else."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("training__organisation", "person"),
        token=token,
    )
    training = invitation.training
    if training.status in (Training.Status.DRAFT,):
        raise Http404
    request.organisation_for_page = training.organisation
    return _registration_page(
        request,
        person=invitation.person,
        training=training,
        invitation=invitation,
        template="trainings/personal.html",
        extra={"invitation": invitation, "page_org": training.organisation},
    )


def my_trainings(request):
    person = selectors.my_person(user=request.user, organisation=request.organisation)
    if person is None:
        return render(request, "trainings/my_trainings.html", {"person": None})
    context = selectors.trainings_for_person(person=person)
    feed = feeds.feed_for(person)
    return render(
        request,
        "trainings/my_trainings.html",
        {
            "person": person,
            **context,
            "feed": feed,
            "feed_url": feeds.feed_url(feed) if feed else "",
        },
    )


def my_training(request, training_id):
    person = selectors.my_person(user=request.user, organisation=request.organisation)
    if person is None:
        raise Http404
    invitation = get_object_or_404(
        Invitation.objects.select_related("training"),
        training_id=training_id,
        person=person,
        training__organisation=request.organisation,
    )
    if invitation.training.status == Training.Status.DRAFT:
        raise Http404
    return _registration_page(
        request,
        person=person,
        training=invitation.training,
        invitation=invitation,
        template="trainings/my_training.html",
    )


@require_POST
def my_feed(request):
    person = selectors.my_person(user=request.user, organisation=request.organisation)
    if person is None:
        raise Http404
    if request.POST.get("action") == "revoke":
        feeds.feed_revoke(person=person)
        messages.success(
            request,
            _("The calendar address no longer works. Make a new one when you want."),
        )
    else:
        feeds.feed_create(person=person)
        messages.success(
            request,
            _(
                "Your calendar address is ready. Add it to your calendar "
                "as a subscription."
            ),
        )
    return redirect("trainings:my-trainings", request.organisation.slug)
