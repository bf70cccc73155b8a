"""Groups: list, create, settings, members, participants, hosts, commissions."""

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.forms import service_call
from mandat.core.pages import form_page, form_post, go
from mandat.core.permissions import allowed, require
from mandat.core.queries import window_page
from mandat.directory.models import Assignment
from mandat.directory.services import assignment_end

from .. import permissions, selectors, services
from ..forms import (
    CommissionForm,
    CommissionUpdateForm,
    GroupCreateForm,
    GroupSettingsForm,
    HostTurnForm,
    MemberForm,
    NetworkMemberForm,
    ParticipantForm,
)
from ..models import Commission, GroupParticipant
from .common import (
    FIELD_NAMES,
    group_or_404,
    managed_group,
    to_commission,
    to_group,
)


def group_list(request):
    organisation = request.organisation
    groups = list(selectors.group_list(organisation=organisation, user=request.user))
    can_create = permissions.can_manage_groups(request.user, organisation)
    require(groups or can_create)
    return render(
        request,
        "meetings/group_list.html",
        {"groups": groups, "can_create": can_create},
    )


@allowed(permissions.can_manage_groups)
def group_create(request):
    organisation = request.organisation
    return form_page(
        request,
        GroupCreateForm(request.POST or None),
        "meetings/group_form.html",
        save=lambda data: services.group_create(
            actor=request.user, organisation=organisation, **data
        ),
        done=lambda group: ("meetings:group-detail", organisation.slug, group.pk),
        success=_("The group was created. Now add its members."),
        names=FIELD_NAMES,
    )


PAST_MEETINGS_PAGE = 20


def group_detail(request, group_id):
    group = group_or_404(request, group_id)
    return _group_page(request, group)


def _group_page(
    request, group, *, member_form=None, participant_form=None, network_form=None
):
    """The group's page; after a POST that failed, with the bound form and its
    errors next to its fields (a name that matches several people lists
    them there)."""
    today = timezone.localdate()
    can_manage = permissions.can_manage_group(request.user, group)
    # The past is a page at a time: a group meets ten times a year for years.
    past = window_page(
        selectors.meeting_list_past(group=group),
        request.GET.get("page"),
        PAST_MEETINGS_PAGE,
    )
    turns = list(group.host_turns.all())  # the plan and its history, read once
    context = {
        "group": group,
        "can_manage": can_manage,
        "members": list(selectors.group_members(group=group, on=today)),
        "participants": list(selectors.group_participants(group=group, on=today)),
        "upcoming": list(selectors.meeting_list_upcoming(group=group)),
        "past": past.object_list,
        "page": past,
        "commissions": list(selectors.commission_list(group=group)),
        "host_turns": [t for t in turns if t.replaced_at is None],
        "host_history": [t for t in turns if t.replaced_at],
        "network_members": list(group.member_organisations.all()),
        "approvals": list(selectors.approval_list(group=group)[:10]),
        "open_actions": list(selectors.group_open_action_items(group=group)),
    }
    if can_manage:
        context["member_form"] = member_form or MemberForm(
            organisation=request.organisation,
            user=request.user,
            group=group,
            initial={"starts_on": today},
        )
        context["network_form"] = network_form or NetworkMemberForm()
        context["participant_form"] = participant_form or ParticipantForm(
            organisation=request.organisation, user=request.user
        )
        context["host_form"] = HostTurnForm(
            group=group, initial={"year": today.year + 1}
        )
    return render(request, "meetings/group_detail.html", context)


def group_edit(request, group_id):
    group = managed_group(request, group_id)

    def save(data):
        group.refresh_from_db()
        return services.group_update(actor=request.user, group=group, **data)

    return form_page(
        request,
        GroupSettingsForm(request.POST or None, instance=group),
        "meetings/group_form.html",
        {"group": group},
        save=save,
        done=lambda _group: to_group(group),
        success=_("The settings were saved."),
    )


@require_POST
def member_add(request, group_id):
    group = managed_group(request, group_id)
    form = MemberForm(
        request.POST, organisation=request.organisation, user=request.user, group=group
    )
    return form_page(
        request,
        form,
        lambda form: _group_page(request, group, member_form=form),
        save=lambda data: services.group_member_add(
            actor=request.user,
            group=group,
            person=data["person"],
            role=data["role"],
            party=data["party"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            home=data.get("home"),
        ),
        done=lambda _assignment: to_group(group),
        success=lambda assignment: (
            _("%(name)s was added.") % {"name": assignment.person.full_name}
        ),
        names=FIELD_NAMES,
    )


@require_POST
def member_end(request, group_id, assignment_id):
    group = managed_group(request, group_id)
    assignment = get_object_or_404(Assignment, pk=assignment_id, body=group.body)
    service_call(
        request,
        lambda: assignment_end(
            actor=request.user,
            assignment=assignment,
            ends_on=timezone.localdate(),
            reason=_("Left the group"),
        ),
        success=_("The membership was ended today."),
    )
    return go(to_group(group))


@require_POST
def participant_add(request, group_id):
    group = managed_group(request, group_id)
    return form_page(
        request,
        ParticipantForm(
            request.POST, organisation=request.organisation, user=request.user
        ),
        lambda form: _group_page(request, group, participant_form=form),
        save=lambda data: services.participant_add(
            actor=request.user, group=group, **data
        ),
        done=lambda _participant: to_group(group),
        success=_("The participant was added."),
        names=FIELD_NAMES,
    )


@require_POST
def participant_end(request, group_id, participant_id):
    group = managed_group(request, group_id)
    participant = get_object_or_404(GroupParticipant, pk=participant_id, group=group)
    services.participant_end(actor=request.user, participant=participant)
    messages.success(request, _("The participation was ended today."))
    return go(to_group(group))


@require_POST
def network_member_add(request, group_id):
    group = managed_group(request, group_id)
    return form_page(
        request,
        NetworkMemberForm(request.POST),
        lambda form: _group_page(request, group, network_form=form),
        save=lambda data: services.network_member_add(
            actor=request.user, group=group, **data
        ),
        done=lambda _member: to_group(group),
        success=_("Added."),
        default="name",
    )


@require_POST
def host_turn_set(request, group_id):
    group = managed_group(request, group_id)
    form_post(
        request,
        HostTurnForm(request.POST, group=group),
        lambda data: services.host_turn_set(actor=request.user, group=group, **data),
        success=_("The host rotation was saved."),
    )
    return go(to_group(group))


# Commissions -----------------------------------------------------------------------


def commission_create(request, group_id):
    group = managed_group(request, group_id)
    return form_page(
        request,
        CommissionForm(request.POST or None, organisation=request.organisation),
        "meetings/commission_form.html",
        {"group": group},
        save=lambda data: services.commission_create(
            actor=request.user, group=group, **data
        ),
        done=lambda commission: to_commission(commission),
        success=_("The assignment was recorded."),
    )


def commission_detail(request, commission_id):
    commission = get_object_or_404(
        Commission.objects.select_related("group__body"),
        pk=commission_id,
        organisation=request.organisation,
    )
    group = group_or_404(request, commission.group_id)

    def context():
        items = commission.items.select_related("meeting").order_by(
            "meeting__starts_at"
        )
        return {
            "commission": commission,
            "group": group,
            "events": list(commission.events.all()),
            "items": [i for i in items if not i.meeting.is_cancelled],
            "trainings": list(commission.trainings.all()),
            "parties": list(commission.proposing_parties.all()),
        }

    if not permissions.can_manage_group(request.user, group):
        require(request.method != "POST")
        return render(
            request, "meetings/commission_detail.html", {"form": None, **context()}
        )
    form = CommissionUpdateForm(
        request.POST or None,
        organisation=request.organisation,
        initial={
            "status": commission.status,
            "on": datetime.date.today(),
            "trainings": list(commission.trainings.all()),
        },
    )
    return form_page(
        request,
        form,
        "meetings/commission_detail.html",
        context,
        save=lambda data: services.commission_update(
            actor=request.user, commission=commission, **data
        ),
        done=lambda _commission: to_commission(commission),
        success=_("The assignment was updated."),
        names=FIELD_NAMES,
    )
