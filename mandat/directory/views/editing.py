"""Setting up and keeping the directory in Mandat's own pages: bodies,
parties and mandate periods for the coordinator; people and their
assignments for the coordinator and, on their own bodies, the committee
secretary. Each page parses a form and calls one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError

from .. import permissions, selectors, services
from ..forms import (
    AssignmentChangeForm,
    AssignmentEndForm,
    AssignmentForm,
    BodiesTextForm,
    BodyForm,
    MandatePeriodForm,
    PartyForm,
    PersonForm,
)
from ..models import Assignment, Body, MandatePeriod, Party, Person


def _form_page(request, form, *, title, back, submit_label=None, intro=""):
    return render(
        request,
        "directory/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "submit_label": submit_label,
            "intro": intro,
        },
    )


def _put_error(form, error: ApplicationError) -> None:
    """Show a service's refusal next to its field, or above the form when
    the form has no such field."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, [error.message, *error.extra.get("rows", [])])


def _require_set_up(request):
    if not permissions.can_set_up_directory(request.user, request.organisation):
        raise PermissionDenied


def _changeable_bodies(request):
    """The bodies whose members the user may change."""
    bodies = selectors.body_list(
        organisation=request.organisation,
        user=request.user,
        on=timezone.localdate(),
    ).order_by("name")
    return [b for b in bodies if permissions.can_change_members(request.user, b)]


# People ---------------------------------------------------------------------------


def person_create(request):
    organisation = request.organisation
    if not permissions.can_add_people(request.user, organisation):
        raise PermissionDenied
    sees = permissions.can_see_protected_identity(request.user, organisation)
    form = PersonForm(request.POST or None, sees_protected=sees)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(
                actor=request.user,
                organisation=organisation,
                **{name: form.cleaned_data[name] for name in form.fields},
            )
        except ApplicationError as error:
            _put_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is in the directory. Give them an assignment below.")
                % {"name": person.full_name},
            )
            return redirect("directory:person-detail", organisation.slug, person.pk)
    return _form_page(
        request,
        form,
        title=_("New person"),
        back=reverse("directory:person-list", args=[organisation.slug]),
    )


def _person_or_404(request, person_id) -> Person:
    if not permissions.can_view_directory(request.user, request.organisation):
        raise PermissionDenied
    person = selectors.person_get(
        organisation=request.organisation, user=request.user, person_id=person_id
    )
    if person is None:
        raise Http404
    return person


def person_edit(request, person_id):
    organisation = request.organisation
    person = _person_or_404(request, person_id)
    if not permissions.can_change_person(request.user, person):
        raise PermissionDenied
    sees = permissions.can_see_protected_identity(request.user, organisation)
    form = PersonForm(request.POST or None, instance=person, sees_protected=sees)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                actor=request.user,
                person=Person.objects.get(pk=person.pk),
                **{name: form.cleaned_data[name] for name in form.fields},
            )
        except ApplicationError as error:
            _put_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("directory:person-detail", organisation.slug, person.pk)
    return _form_page(
        request,
        form,
        title=_("Change %(name)s") % {"name": person.full_name},
        back=reverse("directory:person-detail", args=[organisation.slug, person.pk]),
    )


# Assignments ----------------------------------------------------------------------


def _assignment_create(request, *, person=None, body=None, back):
    organisation = request.organisation
    bodies = _changeable_bodies(request)
    if body is not None and body not in bodies:
        raise PermissionDenied
    if not bodies:
        raise PermissionDenied
    form = AssignmentForm(
        request.POST or None,
        organisation=organisation,
        user=request.user,
        bodies=Body.objects.filter(pk__in=[b.pk for b in bodies]).order_by("name"),
        person=person,
        body=body,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                actor=request.user,
                person=person or data["person"],
                body=body or data["body"],
                role=data["role"],
                party=data["party"],
                substitute_order=data["substitute_order"],
                period=data["period"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except ApplicationError as error:
            _put_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s: %(role)s, %(body)s.")
                % {
                    "name": assignment.person.full_name,
                    "role": assignment.get_role_display().lower(),
                    "body": assignment.body.name,
                },
            )
            return redirect(back)
    title = (
        _("New assignment for %(name)s") % {"name": person.full_name}
        if person
        else _("New member of %(body)s") % {"body": body.name}
    )
    return _form_page(request, form, title=title, back=back)


def person_assignment_create(request, person_id):
    person = _person_or_404(request, person_id)
    back = reverse(
        "directory:person-detail", args=[request.organisation.slug, person.pk]
    )
    return _assignment_create(request, person=person, back=back)


def body_assignment_create(request, body_id):
    if not permissions.can_view_directory(request.user, request.organisation):
        raise PermissionDenied
    body = selectors.body_get(
        organisation=request.organisation, user=request.user, body_id=body_id
    )
    if body is None:
        raise Http404
    back = reverse("directory:body-detail", args=[request.organisation.slug, body.pk])
    return _assignment_create(request, body=body, back=back)


def _assignment_or_404(request, assignment_id) -> Assignment:
    assignment = get_object_or_404(
        Assignment.objects.select_related("person", "body"),
        pk=assignment_id,
        organisation=request.organisation,
    )
    if not permissions.can_change_members(request.user, assignment.body):
        raise PermissionDenied
    if assignment.person.protected_identity and not (
        permissions.can_see_protected_identity(request.user, request.organisation)
    ):
        raise Http404
    return assignment


def assignment_edit(request, assignment_id):
    assignment = _assignment_or_404(request, assignment_id)
    organisation = request.organisation
    back = reverse(
        "directory:person-detail", args=[organisation.slug, assignment.person_id]
    )
    form = AssignmentChangeForm(
        request.POST or None, instance=assignment, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_update(
                actor=request.user,
                assignment=Assignment.objects.get(pk=assignment.pk),
                **form.cleaned_data,
            )
        except ApplicationError as error:
            _put_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("%(name)s: %(role)s, %(body)s")
        % {
            "name": assignment.person.full_name,
            "role": assignment.get_role_display().lower(),
            "body": assignment.body.name,
        },
        back=back,
    )


def assignment_end(request, assignment_id):
    assignment = _assignment_or_404(request, assignment_id)
    organisation = request.organisation
    back = reverse(
        "directory:person-detail", args=[organisation.slug, assignment.person_id]
    )
    form = AssignmentEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_end(
                actor=request.user,
                assignment=assignment,
                ends_on=form.cleaned_data["ends_on"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            _put_error(form, error)
        else:
            messages.success(request, _("The assignment ends."))
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("End %(name)s's assignment on %(body)s")
        % {"name": assignment.person.full_name, "body": assignment.body.name},
        back=back,
        submit_label=_("End the assignment"),
    )


# Bodies, parties and mandate periods -----------------------------------------------


def body_create(request):
    _require_set_up(request)
    organisation = request.organisation
    form = BodyForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            body = services.body_create(
                actor=request.user,
                organisation=organisation,
                name=data["name"],
                short_name=data["short_name"],
                kind=data["kind"],
                parent=data["parent"],
                reporting_category=data["reporting_category"] or None,
                is_statutory=data["is_statutory"],
                term_rule=data["term_rule"] or None,
                seats=data["seats"],
            )
        except ApplicationError as error:
            _put_error(form, error)
        else:
            messages.success(request, _("%(body)s was added.") % {"body": body.name})
            return redirect("directory:body-detail", organisation.slug, body.pk)
    return _form_page(
        request,
        form,
        title=_("New body"),
        back=reverse("directory:body-list", args=[organisation.slug]),
    )


def bodies_create(request):
    """Many bodies at once, from a pasted list: a city's 58 in one step."""
    _require_set_up(request)
    organisation = request.organisation
    form = BodiesTextForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bodies = services.bodies_create_from_text(
                actor=request.user,
                organisation=organisation,
                text=form.cleaned_data["text"],
            )
        except ApplicationError as error:
            _put_error(form, error)
        else:
            messages.success(
                request, _("Bodies added: %(count)s.") % {"count": len(bodies)}
            )
            return redirect("directory:body-list", organisation.slug)
    return _form_page(
        request,
        form,
        title=_("Add several bodies"),
        back=reverse("directory:body-list", args=[organisation.slug]),
        submit_label=_("Add them all"),
        intro=_(
            "All or none: if a line cannot be added, nothing is, and the line is "
            "shown. The kind follows the name where it can (“…nämnden” a "
            "committee, “… AB” a company, “Stadsdelsnämnd …” a district "
            "committee); check each body's page afterwards."
        ),
    )


def body_edit(request, body_id):
    _require_set_up(request)
    organisation = request.organisation
    body = get_object_or_404(Body, pk=body_id, organisation=organisation)
    form = BodyForm(request.POST or None, instance=body, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_update(
                actor=request.user,
                body=Body.objects.get(pk=body.pk),
                **form.cleaned_data,
            )
        except ApplicationError as error:
            _put_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("directory:body-detail", organisation.slug, body.pk)
    return _form_page(
        request,
        form,
        title=_("Change %(name)s") % {"name": body.name},
        back=reverse("directory:body-detail", args=[organisation.slug, body.pk]),
    )


def _setup_list(request, model, form_class, service, *, template, key):
    """A short list (parties, mandate periods) with the form to add one."""
    _require_set_up(request)
    organisation = request.organisation
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, organisation=organisation, **form.cleaned_data)
        except ApplicationError as error:
            _put_error(form, error)
        else:
            messages.success(request, _("Added."))
            return redirect(f"directory:{key}-list", organisation.slug)
    return render(
        request,
        template,
        {"rows": model.objects.filter(organisation=organisation), "form": form},
    )


def _setup_edit(request, instance, form_class, service, *, key, title):
    form = form_class(request.POST or None, instance=instance)
    back = reverse(f"directory:{key}-list", args=[request.organisation.slug])
    if request.method == "POST" and form.is_valid():
        try:
            service(
                request.user,
                type(instance).objects.get(pk=instance.pk),
                form.cleaned_data,
            )
        except ApplicationError as error:
            _put_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(back)
    return _form_page(request, form, title=title, back=back)


def party_list(request):
    return _setup_list(
        request,
        Party,
        PartyForm,
        services.party_create,
        template="directory/party_list.html",
        key="party",
    )


def party_edit(request, party_id):
    _require_set_up(request)
    party = get_object_or_404(Party, pk=party_id, organisation=request.organisation)
    return _setup_edit(
        request,
        party,
        PartyForm,
        lambda actor, party, data: services.party_update(
            actor=actor, party=party, **data
        ),
        key="party",
        title=_("Change %(name)s") % {"name": party.name},
    )


def period_list(request):
    return _setup_list(
        request,
        MandatePeriod,
        MandatePeriodForm,
        services.mandate_period_create,
        template="directory/period_list.html",
        key="period",
    )


def period_edit(request, period_id):
    _require_set_up(request)
    period = get_object_or_404(
        MandatePeriod, pk=period_id, organisation=request.organisation
    )
    return _setup_edit(
        request,
        period,
        MandatePeriodForm,
        lambda actor, period, data: services.mandate_period_update(
            actor=actor, period=period, **data
        ),
        key="period",
        title=_("Change %(name)s") % {"name": period.name},
    )
