"""Participants of an occasion: registering on behalf, manual changes,
contributors, and the check-in list."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.exceptions import parse_id
from mandat.core.exports import export_response
from mandat.core.forms import service_call
from mandat.core.http import OrganisationRequest
from mandat.core.pages import form_page, go
from mandat.core.pdf import pdf_response
from mandat.core.permissions import require
from mandat.directory.models import Assignment
from mandat.directory.permissions import can_see_protected_identity
from mandat.directory.selectors import active_on_q

from .. import exporters, permissions, selectors, services
from ..forms import (
    ContributorForm,
    OnBehalfForm,
    RegisterManyForm,
    StatusChangeForm,
)
from ..models import (
    Contributor,
    Registration,
    SessionAttendance,
)
from .common import (
    managed_occasion,
    occasion_or_404,
    to_participants,
)


def participants(request: OrganisationRequest, occasion_id: int) -> HttpResponse:
    occasion = occasion_or_404(request, occasion_id)
    require(permissions.can_take_attendance(request.user, occasion))
    export = request.GET.get("export")
    if export in exporters.ParticipantExporter.formats:
        exporter = exporters.ParticipantExporter(
            user=request.user, organisation=request.organisation, occasion=occasion
        )
        return export_response(exporter, export)
    can_manage = permissions.can_manage_training(request.user, occasion.training)
    people = list(selectors.participant_list(occasion=occasion))
    sessions = list(occasion.sessions.all())
    if export == "pdf":
        registered = [r for r in people if r.status == Registration.Status.REGISTERED]
        seats = Assignment.objects.filter(
            active_on_q(timezone.localdate()),
            person_id__in=[r.person_id for r in registered],
        ).select_related("body")
        bodies: dict[int, list[str]] = {}
        for seat in seats:
            bodies.setdefault(seat.person_id, []).append(
                seat.body.short_name or seat.body.name
            )
        for registration in registered:
            person = registration.person
            registration.body_names = person.title or ", ".join(
                sorted(set(bodies.get(person.pk, [])))
            )
        return pdf_response(
            template="trainings/pdf/sign_in_sheet.html",
            context={
                "occasion": occasion,
                "registered": registered,
                "sessions": sessions,
            },
            filename=f"narvarolista-{occasion.pk}",
            title=_("Sign-in sheet"),
        )
    return _participants_page(request, occasion, people=people, can_manage=can_manage)


def _participants_page(
    request,
    occasion,
    *,
    people=None,
    can_manage=True,
    on_behalf_form=None,
    many_form=None,
    contributor_form=None,
):
    """The participant list, with the forms to register someone and to add
    a contributor (bound, with their errors, after a POST that failed)."""
    if people is None:
        people = list(selectors.participant_list(occasion=occasion))
    if can_manage:
        on_behalf_form = on_behalf_form or OnBehalfForm(
            organisation=request.organisation, user=request.user
        )
        many_form = many_form or RegisterManyForm(
            organisation=request.organisation, user=request.user, occasion=occasion
        )
        contributor_form = contributor_form or ContributorForm(
            organisation=request.organisation, user=request.user
        )
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
            "on_behalf_form": on_behalf_form,
            "many_form": many_form,
            "past": occasion.is_past,
            "status_form": StatusChangeForm(),
            "contributor_form": contributor_form,
            "sees_protected": can_see_protected_identity(
                request.user, request.organisation
            ),
        },
    )


@require_POST
def register_on_behalf(request, occasion_id):
    occasion = managed_occasion(request, occasion_id)
    # A name that is unknown or names several people, or a refusal (the
    # person is registered already), is said next to the field.
    return form_page(
        request,
        OnBehalfForm(
            request.POST, organisation=request.organisation, user=request.user
        ),
        lambda form: _participants_page(request, occasion, on_behalf_form=form),
        save=lambda data: services.registration_create(
            actor=request.user,
            occasion=occasion,
            person=data["person"],
            on_behalf=True,
            dietary_needs=data["dietary_needs"],
            accessibility_needs=data["accessibility_needs"],
        ),
        done=lambda _registration: to_participants(occasion),
        success=lambda registration: (
            _("%(person)s: %(status)s.")
            % {
                "person": registration.person.full_name,
                "status": registration.get_status_display().lower(),
            }
        ),
        default="person",
    )


@require_POST
def register_many(request, occasion_id):
    """Register a pasted list or a target group at once, all or none."""
    occasion = managed_occasion(request, occasion_id)
    pasted = request.POST.get("many-people", "").strip()
    return form_page(
        request,
        RegisterManyForm(
            request.POST,
            organisation=request.organisation,
            user=request.user,
            occasion=occasion,
        ),
        lambda form: _participants_page(request, occasion, many_form=form),
        save=lambda data: services.registration_create_many(
            actor=request.user,
            occasion=occasion,
            people=data["chosen"],
            attended=data.get("attended", False),
        ),
        done=lambda _done: to_participants(occasion),
        success=lambda done: (
            _(
                "Registered: %(registered)s. On the waiting list: %(waiting)s. "
                "Already registered: %(already)s."
            )
            % {
                "registered": len(done.registered),
                "waiting": len(done.waiting),
                "already": len(done.already),
            }
        ),
        default="people" if pasted else "target_group",
    )


@require_POST
def registration_change(request, registration_id):
    registration = get_object_or_404(
        Registration.objects.select_related("occasion__training"),
        pk=registration_id,
        organisation=request.organisation,
    )
    require(permissions.can_manage_training(request.user, registration.training))
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        service_call(
            request,
            lambda: services.registration_set_status(
                actor=request.user,
                registration=registration,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            ),
            success=_("The registration was changed."),
        )
    else:
        messages.error(request, _("Give the new status and the reason for the change."))
    return redirect(
        "trainings:participants", request.organisation.slug, registration.occasion_id
    )


@require_POST
def contributor_add(request, occasion_id):
    occasion = managed_occasion(request, occasion_id)
    form = ContributorForm(
        request.POST, organisation=request.organisation, user=request.user
    )
    if not form.is_valid():
        return _participants_page(request, occasion, contributor_form=form)
    services.contributor_add(
        actor=request.user,
        occasion=occasion,
        person=form.cleaned_data["person"],
        role=form.cleaned_data["role"],
    )
    messages.success(request, _("Added."))
    return go(to_participants(occasion))


@require_POST
def contributor_remove(request, contributor_id):
    contributor = get_object_or_404(
        Contributor.objects.select_related("occasion__training"),
        pk=contributor_id,
        occasion__organisation=request.organisation,
    )
    require(
        permissions.can_manage_training(request.user, contributor.occasion.training)
    )
    occasion_id = contributor.occasion_id
    services.contributor_remove(actor=request.user, contributor=contributor)
    return redirect("trainings:participants", request.organisation.slug, occasion_id)


def checkin(request, occasion_id):
    """The check-in list: one tap per person and session, made for a tablet."""
    occasion = occasion_or_404(request, occasion_id)
    require(permissions.can_take_attendance(request.user, occasion))
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
            # One address for every row's form (hundreds at a large course).
            "mark_url": reverse(
                "trainings:checkin-mark", args=[request.organisation.slug, occasion.pk]
            ),
            "counts": {
                **{
                    status: sum(1 for m in marks.values() if m == status)
                    for status in SessionAttendance.Status.values
                },
                "total": len(registered),
            },
            "statuses": SessionAttendance.Status.choices,
            "sees_protected": can_see_protected_identity(
                request.user, request.organisation
            ),
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
    occasion = occasion_or_404(request, occasion_id)
    require(permissions.can_take_attendance(request.user, occasion))
    registration_id = request.POST.get("registration", "")
    session_id = request.POST.get("session", "")
    if parse_id(registration_id) is None or parse_id(session_id) is None:
        raise Http404
    registration = get_object_or_404(
        Registration, pk=registration_id, occasion=occasion
    )
    session = get_object_or_404(occasion.sessions, pk=session_id)
    service_call(
        request,
        lambda: services.attendance_record(
            actor=request.user,
            registration=registration,
            session=session,
            status=request.POST.get("status", ""),
        ),
    )
    if request.headers.get("HX-Request"):
        mark = request.POST.get("status", "")
        return render(
            request,
            "trainings/partials/checkin_row.html",
            {
                "row": {"registration": registration, "mark": mark},
                "mark_url": request.path,
                "session": session,
                "occasion": occasion,
                "statuses": SessionAttendance.Status.choices,
                "sees_protected": can_see_protected_identity(
                    request.user, request.organisation
                ),
                "counts": _checkin_counts(occasion, session),
                "out_of_band": True,
            },
        )
    url = request.path.replace("mark/", "") + f"?session={session.pk}"
    return redirect(url + f"#registration-{registration.pk}")
