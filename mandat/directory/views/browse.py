from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mandat.core.exports import export_response
from mandat.core.forms import service_call
from mandat.core.listing import FilteredListView, export_link
from mandat.core.pages import form_page, found
from mandat.core.permissions import allowed
from mandat.directory import widgets

from .. import exporters, permissions, selectors, services
from ..filters import AssignmentFilter, BodyFilter, DayForm, PersonFilter
from ..forms import ImportUploadForm, RegisterSyncForm
from ..imports import COLUMNS, message_text, preview_rows, summary_has_changes
from ..models import Assignment, AssignmentRole, ImportJob, RegisterSync
from ..person_page import person_page_links


class DirectoryListView(FilteredListView):
    """A directory list: visible to coordinators, administrators and (for
    their own bodies) committee secretaries, as of a chosen day."""

    def has_permission(self):
        return permissions.can_view_directory(
            self.request.user, self.request.organisation
        )

    @property
    def day_form(self) -> DayForm:
        if not hasattr(self, "_day_form"):
            self._day_form = DayForm(self.request.GET or None)
            self._day_form.is_valid()
        return self._day_form

    @property
    def day(self):
        data = getattr(self.day_form, "cleaned_data", {})
        if data.get("history"):
            return None
        return data.get("on") or timezone.localdate()

    @property
    def sees_protected(self) -> bool:
        return permissions.can_see_protected_identity(
            self.request.user, self.request.organisation
        )

    def visible_bodies(self):
        return selectors.body_list(
            organisation=self.request.organisation,
            user=self.request.user,
            on=timezone.localdate(),
        ).order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, organisation = self.request.user, self.request.organisation
        context.update(
            day_form=self.day_form,
            day=self.day,
            sees_protected=self.sees_protected,
            can_set_up=permissions.can_set_up_directory(user, organisation),
            can_add_people=permissions.can_add_people(user, organisation),
        )
        return context


class PersonListView(DirectoryListView):
    template_name = "directory/person_list.html"
    filterset_class = PersonFilter
    exporter_class = exporters.PersonExporter

    def get_queryset(self):
        people = selectors.person_list(
            organisation=self.request.organisation, user=self.request.user
        )
        day = self.day or timezone.localdate()
        current = (
            Assignment.objects.filter(selectors.active_on_q(day))
            .select_related("body", "party")
            .annotate(role_rank=selectors.role_rank())
            .order_by("body__name", "role_rank")
        )
        return people.prefetch_related(
            Prefetch("assignments", queryset=current, to_attr="current_assignments")
        ).order_by("last_name", "first_name", "id")

    def get_filterset_kwargs(self):
        return {"bodies": self.visible_bodies(), "on": self.day or timezone.localdate()}


class AssignmentListView(DirectoryListView):
    template_name = "directory/assignment_list.html"
    filterset_class = AssignmentFilter
    exporter_class = exporters.AssignmentExporter

    def get_queryset(self):
        return selectors.assignment_list(
            organisation=self.request.organisation,
            user=self.request.user,
            on=self.day,
        )

    def get_filterset_kwargs(self):
        return {"bodies": self.visible_bodies()}


class BodyListView(DirectoryListView):
    template_name = "directory/body_list.html"
    filterset_class = BodyFilter
    exporter_class = exporters.BodyExporter

    def get_queryset(self):
        return selectors.body_list(
            organisation=self.request.organisation,
            user=self.request.user,
            on=self.day or timezone.localdate(),
        ).order_by("name")


@allowed(permissions.can_view_directory)
def body_detail(request, body_id):
    organisation = request.organisation
    body = found(
        selectors.body_get(
            organisation=organisation, user=request.user, body_id=body_id
        )
    )
    day_form = DayForm(request.GET or None)
    data = day_form.cleaned_data if day_form.is_valid() else {}
    day = None if data.get("history") else (data.get("on") or timezone.localdate())
    export = request.GET.get("export")
    if export:
        exporter = exporters.BodyMemberExporter(
            user=request.user, organisation=organisation, body=body, on=day
        )
        return export_response(exporter, export)
    members = list(selectors.body_members(body=body, on=day))
    sees_protected = permissions.can_see_protected_identity(request.user, organisation)
    groups = [
        (_("Presidium"), [a for a in members if a.is_presidium]),
        (_("Members"), [a for a in members if a.role == AssignmentRole.MEMBER]),
        (
            _("Substitutes, in call-in order"),
            [a for a in members if a.role == AssignmentRole.SUBSTITUTE],
        ),
        (
            _("Secretaries and co-opted"),
            [
                a
                for a in members
                if a.role in (AssignmentRole.SECRETARY, AssignmentRole.CO_OPTED)
            ],
        ),
    ]
    children = selectors.body_list(
        organisation=organisation, user=request.user, on=day or timezone.localdate()
    ).filter(parent=body)
    return render(
        request,
        "directory/body_detail.html",
        {
            "body": body,
            "groups": groups,
            "children": children,
            "can_change_members": permissions.can_change_members(request.user, body),
            "can_set_up": permissions.can_set_up_directory(request.user, organisation),
            "day_form": day_form,
            "day": day,
            "sees_protected": sees_protected,
            "export_url": export_link(request.GET, "xlsx"),
            "export_csv_url": export_link(request.GET, "csv"),
        },
    )


@allowed(permissions.can_view_directory)
def person_detail(request, person_id):
    organisation = request.organisation
    person = found(
        selectors.person_get(
            organisation=organisation, user=request.user, person_id=person_id
        )
    )
    sees_protected = permissions.can_see_protected_identity(request.user, organisation)
    assignments = selectors.person_assignments(person=person, user=request.user)
    return render(
        request,
        "directory/person_detail.html",
        {
            "person": person,
            "assignments": [
                (a, permissions.can_change_members(request.user, a.body))
                for a in assignments
            ],
            "sees_protected": sees_protected,
            "today": timezone.localdate(),
            "can_change": permissions.can_change_person(request.user, person),
            "links": person_page_links(request.user, person),
            "can_add_assignment": permissions.can_add_people(request.user, organisation)
            and (sees_protected or not person.protected_identity),
        },
    )


# Import -----------------------------------------------------------------------


def _import_list_context(request, sync_form=None) -> dict:
    organisation = request.organisation
    sync = RegisterSync.objects.filter(organisation=organisation).first()
    return {
        "jobs": selectors.import_job_list(organisation=organisation)[:20],
        "columns": COLUMNS,
        "sync": sync,
        "sync_form": sync_form or RegisterSyncForm(instance=sync, prefix="sync"),
        "sync_action": reverse("directory:register-sync", args=[organisation.slug]),
        "drop_folder": services.drop_folder(organisation),
    }


@allowed(permissions.can_import_register)
def import_list(request):
    organisation = request.organisation
    return form_page(
        request,
        ImportUploadForm(request.POST or None, request.FILES or None),
        "directory/import_list.html",
        lambda: _import_list_context(request),
        save=lambda data: services.import_job_create(
            actor=request.user,
            organisation=organisation,
            filename=data["file"].name,
            content=data["file"].read(),
            end_missing=data["end_missing"],
            end_date=data["end_date"],
        ),
        done=lambda job: ("directory:import-detail", organisation.slug, job.pk),
    )


@require_POST
@allowed(permissions.can_import_register)
def register_sync(request):
    """Where the register is read from each night, and how."""
    organisation = request.organisation
    sync = RegisterSync.objects.filter(organisation=organisation).first()
    return form_page(
        request,
        RegisterSyncForm(request.POST, instance=sync, prefix="sync"),
        lambda form: render(
            request,
            "directory/import_list.html",
            {
                "form": ImportUploadForm(),
                **_import_list_context(request, sync_form=form),
            },
        ),
        save=lambda data: services.register_sync_save(
            actor=request.user, organisation=organisation, **data
        ),
        done=lambda _sync: (
            reverse("directory:import-list", args=[organisation.slug]) + "#sync"
        ),
        success=_("Saved. The register is read each night while it is switched on."),
    )


def _import_context(job: ImportJob) -> dict:
    result = job.result or {}
    problems = [
        {**problem, "text": message_text(problem["code"], problem.get("params"))}
        for problem in result.get("problems", [])
    ]
    summary = result.get("summary", {})
    return {
        "job": job,
        "summary": summary,
        "has_changes": summary_has_changes(summary),
        "problems": problems,
        "preview": preview_rows(result.get("preview", [])),
    }


@allowed(permissions.can_import_register)
def import_detail(request, job_id):
    job = get_object_or_404(ImportJob, pk=job_id, organisation=request.organisation)
    template = (
        "directory/partials/import_status.html"
        if request.headers.get("HX-Request")
        else "directory/import_detail.html"
    )
    return render(request, template, _import_context(job))


@require_POST
@allowed(permissions.can_import_register)
def import_confirm(request, job_id):
    job = get_object_or_404(ImportJob, pk=job_id, organisation=request.organisation)
    service_call(
        request, lambda: services.import_job_confirm(actor=request.user, job=job)
    )
    return redirect("directory:import-detail", request.organisation.slug, job.pk)


def import_template(request):
    """Download an empty register with the right columns and two example rows."""
    exporter = exporters.RegisterTemplateExporter(
        user=request.user, organisation=request.organisation
    )
    return export_response(exporter, "xlsx")


# Choosing a person in a form -------------------------------------------------


@require_GET
@allowed(permissions.can_choose_people)
def person_search(request):
    """The people matching ``q`` that the user may choose, for the person
    field's listbox (``directory.widgets.PersonChoiceField``): the listbox's
    options as HTML, or ``?format=json``."""
    organisation = request.organisation
    query = request.GET.get("q", "")[:200]
    people = selectors.person_search(
        organisation=organisation, user=request.user, query=query
    )
    more = len(people) > selectors.PERSON_SEARCH_LIMIT
    sees_protected = permissions.can_see_protected_identity(request.user, organisation)
    rows = [
        {
            "id": person.pk,
            "label": widgets.person_label(person, sees_protected=sees_protected),
            "detail": widgets.person_detail(person, sees_protected=sees_protected),
        }
        for person in people[: selectors.PERSON_SEARCH_LIMIT]
    ]
    if request.GET.get("format") == "json":
        return JsonResponse({"results": rows, "more": more})
    return render(
        request,
        "directory/partials/person_options.html",
        {"rows": rows, "more": more},
    )
