"""Setting up and keeping the directory in Mandat's own pages: bodies,
parties and mandate periods for the coordinator; people and their
assignments for the coordinator and, on their own bodies, the committee
secretary. Each page declares its permission, parses a form and calls one
service through ``_form_page``."""

from collections.abc import Callable

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.pages import form_page, found
from mandat.core.permissions import allowed, require

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


def _form_page(
    request,
    form,
    save: Callable[[dict], object],
    *,
    done: Callable[[object], str],
    title: str,
    back: str,
    message: Callable[[object], str] = lambda _result: _("Saved."),
    submit_label: str | None = None,
    intro: str = "",
    template: str = "directory/form.html",
    extra: dict | None = None,
):
    """A page of a title, an introduction and one form (``core.pages.form_page``
    with the directory's page around it)."""
    return form_page(
        request,
        form,
        template,
        {
            "title": title,
            "back": back,
            "submit_label": submit_label,
            "intro": intro,
            **(extra or {}),
        },
        save=save,
        done=done,
        success=message,
    )


def _require_set_up(request):
    require(permissions.can_set_up_directory(request.user, request.organisation))


def _url(request, name: str, *args) -> str:
    return reverse(f"directory:{name}", args=[request.organisation.slug, *args])


def _changeable_bodies(request):
    """The bodies whose members the user may change."""
    bodies = selectors.body_list(
        organisation=request.organisation,
        user=request.user,
        on=timezone.localdate(),
    ).order_by("name")
    return [b for b in bodies if permissions.can_change_members(request.user, b)]


# People ---------------------------------------------------------------------------


@allowed(permissions.can_add_people)
def person_create(request):
    organisation = request.organisation
    sees = permissions.can_see_protected_identity(request.user, organisation)
    return _form_page(
        request,
        PersonForm(request.POST or None, sees_protected=sees),
        lambda data: services.person_create(
            actor=request.user, organisation=organisation, **data
        ),
        done=lambda person: _url(request, "person-detail", person.pk),
        message=lambda person: (
            _("%(name)s is in the directory. Give them an assignment below.")
            % {"name": person.full_name}
        ),
        title=_("New person"),
        back=_url(request, "person-list"),
    )


def _person_or_404(request, person_id) -> Person:
    require(permissions.can_view_directory(request.user, request.organisation))
    return found(
        selectors.person_get(
            organisation=request.organisation, user=request.user, person_id=person_id
        )
    )


def person_edit(request, person_id):
    person = _person_or_404(request, person_id)
    require(permissions.can_change_person(request.user, person))
    sees = permissions.can_see_protected_identity(request.user, request.organisation)
    detail = _url(request, "person-detail", person.pk)
    return _form_page(
        request,
        PersonForm(request.POST or None, instance=person, sees_protected=sees),
        lambda data: services.person_update(
            actor=request.user, person=Person.objects.get(pk=person.pk), **data
        ),
        done=lambda _person: detail,
        title=_("Change %(name)s") % {"name": person.full_name},
        back=detail,
    )


# Assignments ----------------------------------------------------------------------


def _assignment_create(request, *, person=None, body=None, back):
    bodies = _changeable_bodies(request)
    require(bodies and (body is None or body in bodies))
    form = AssignmentForm(
        request.POST or None,
        organisation=request.organisation,
        user=request.user,
        bodies=Body.objects.filter(pk__in=[b.pk for b in bodies]).order_by("name"),
        person=person,
        body=body,
    )

    def save(data):
        return services.assignment_create(
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

    return _form_page(
        request,
        form,
        save,
        done=lambda _assignment: back,
        message=lambda assignment: (
            _("%(name)s: %(role)s, %(body)s.")
            % {
                "name": assignment.person.full_name,
                "role": assignment.get_role_display().lower(),
                "body": assignment.body.name,
            }
        ),
        title=_("New assignment for %(name)s") % {"name": person.full_name}
        if person
        else _("New member of %(body)s") % {"body": body.name},
        back=back,
    )


def person_assignment_create(request, person_id):
    person = _person_or_404(request, person_id)
    back = _url(request, "person-detail", person.pk)
    return _assignment_create(request, person=person, back=back)


@allowed(permissions.can_view_directory)
def body_assignment_create(request, body_id):
    body = found(
        selectors.body_get(
            organisation=request.organisation, user=request.user, body_id=body_id
        )
    )
    back = _url(request, "body-detail", body.pk)
    return _assignment_create(request, body=body, back=back)


def _assignment_or_404(request, assignment_id) -> Assignment:
    assignment = get_object_or_404(
        Assignment.objects.select_related("person", "body"),
        pk=assignment_id,
        organisation=request.organisation,
    )
    require(permissions.can_change_members(request.user, assignment.body))
    if assignment.person.protected_identity and not (
        permissions.can_see_protected_identity(request.user, request.organisation)
    ):
        raise Http404
    return assignment


def assignment_edit(request, assignment_id):
    assignment = _assignment_or_404(request, assignment_id)
    back = _url(request, "person-detail", assignment.person_id)
    form = AssignmentChangeForm(
        request.POST or None, instance=assignment, organisation=request.organisation
    )
    return _form_page(
        request,
        form,
        lambda data: services.assignment_update(
            actor=request.user,
            assignment=Assignment.objects.get(pk=assignment.pk),
            **data,
        ),
        done=lambda _assignment: back,
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
    back = _url(request, "person-detail", assignment.person_id)
    return _form_page(
        request,
        AssignmentEndForm(request.POST or None),
        lambda data: services.assignment_end(
            actor=request.user,
            assignment=assignment,
            ends_on=data["ends_on"],
            reason=data["reason"],
        ),
        done=lambda _assignment: back,
        message=lambda _assignment: _("The assignment ends."),
        title=_("End %(name)s's assignment on %(body)s")
        % {"name": assignment.person.full_name, "body": assignment.body.name},
        back=back,
        submit_label=_("End the assignment"),
    )


# Bodies, parties and mandate periods -----------------------------------------------


@allowed(permissions.can_set_up_directory)
def body_create(request):

    def save(data):
        return services.body_create(
            actor=request.user,
            organisation=request.organisation,
            **{
                **data,
                # Left empty, they follow the kind of body.
                "reporting_category": data["reporting_category"] or None,
                "term_rule": data["term_rule"] or None,
            },
        )

    return _form_page(
        request,
        BodyForm(request.POST or None, organisation=request.organisation),
        save,
        done=lambda body: _url(request, "body-detail", body.pk),
        message=lambda body: _("%(body)s was added.") % {"body": body.name},
        title=_("New body"),
        back=_url(request, "body-list"),
    )


@allowed(permissions.can_set_up_directory)
def bodies_create(request):
    """Many bodies at once, from a pasted list: a city's 58 in one step."""
    return _form_page(
        request,
        BodiesTextForm(request.POST or None),
        lambda data: services.bodies_create_from_text(
            actor=request.user, organisation=request.organisation, text=data["text"]
        ),
        done=lambda _bodies: _url(request, "body-list"),
        message=lambda bodies: _("Bodies added: %(count)s.") % {"count": len(bodies)},
        title=_("Add several bodies"),
        back=_url(request, "body-list"),
        submit_label=_("Add them all"),
        intro=_(
            "All or none: if a line cannot be added, nothing is, and the line is "
            "shown. The kind follows the name where it can (“…nämnden” a "
            "committee, “… AB” a company, “Stadsdelsnämnd …” a district "
            "committee); check each body's page afterwards."
        ),
    )


@allowed(permissions.can_set_up_directory)
def body_edit(request, body_id):
    body = get_object_or_404(Body, pk=body_id, organisation=request.organisation)
    detail = _url(request, "body-detail", body.pk)
    return _form_page(
        request,
        BodyForm(request.POST or None, instance=body, organisation=body.organisation),
        lambda data: services.body_update(
            actor=request.user, body=Body.objects.get(pk=body.pk), **data
        ),
        done=lambda _body: detail,
        title=_("Change %(name)s") % {"name": body.name},
        back=detail,
    )


# What a short list of the directory's set-up needs: its model, form, the
# services that add and change a row, and the list's template.
SETUP_LISTS = {
    "party": (
        Party,
        PartyForm,
        services.party_create,
        lambda actor, row, data: services.party_update(actor=actor, party=row, **data),
        "directory/party_list.html",
    ),
    "period": (
        MandatePeriod,
        MandatePeriodForm,
        services.mandate_period_create,
        lambda actor, row, data: services.mandate_period_update(
            actor=actor, period=row, **data
        ),
        "directory/period_list.html",
    ),
}


def _setup_list(request, key):
    """A short list (parties, mandate periods) with the form to add one."""
    _require_set_up(request)
    model, form_class, create, _update, template = SETUP_LISTS[key]
    organisation = request.organisation
    listing = _url(request, f"{key}-list")
    return _form_page(
        request,
        form_class(request.POST or None),
        lambda data: create(actor=request.user, organisation=organisation, **data),
        done=lambda _row: listing,
        message=lambda _row: _("Added."),
        title="",
        back=listing,
        template=template,
        extra={"rows": model.objects.filter(organisation=organisation)},
    )


def _setup_edit(request, key, pk):
    _require_set_up(request)
    model, form_class, _create, update, _template = SETUP_LISTS[key]
    row = get_object_or_404(model, pk=pk, organisation=request.organisation)
    listing = _url(request, f"{key}-list")
    return _form_page(
        request,
        form_class(request.POST or None, instance=row),
        lambda data: update(request.user, model.objects.get(pk=row.pk), data),
        done=lambda _row: listing,
        title=_("Change %(name)s") % {"name": row.name},
        back=listing,
    )


def party_list(request):
    return _setup_list(request, "party")


def party_edit(request, party_id):
    return _setup_edit(request, "party", party_id)


def period_list(request):
    return _setup_list(request, "period")


def period_edit(request, period_id):
    return _setup_edit(request, "period", period_id)
