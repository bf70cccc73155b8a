"""A meeting: plan, change, cancel, notice, its calendar file and attendance."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.downloads import download_response
from mandat.core.exceptions import ApplicationError
from mandat.core.forms import service_call
from mandat.core.pages import form_page
from mandat.notifications.calendar import calendar_build

from .. import permissions, selectors, services
from ..calendars import meeting_entry
from ..forms import (
    ActionItemForm,
    AttendanceForm,
    AttendeeAddForm,
    DocumentForm,
    MeetingForm,
    ReasonForm,
    TermForm,
)
from .common import (
    FIELD_NAMES,
    add_error,
    managed_group,
    managed_meeting,
    meeting_or_404,
    to_group,
    to_meeting,
)


def _usual_place(group) -> dict:
    """A new meeting's room and link: the group's usual ones."""
    return {
        "location": group.default_location,
        "meeting_url": group.default_meeting_url,
    }


def meeting_create(request, group_id):
    group = managed_group(request, group_id)
    form = MeetingForm(request.POST or None, initial=_usual_place(group))
    return form_page(
        request,
        form,
        "meetings/meeting_form.html",
        {"group": group},
        # No host typed: the group's usual one.
        save=lambda data: services.meeting_create(
            actor=request.user,
            group=group,
            **{**form.meeting_fields(), "host": data["host"] or None},
        ),
        done=to_meeting,
        success=_("The meeting was planned with the standard agenda. Add its items."),
        names=FIELD_NAMES,
    )


def meeting_term(request, group_id):
    group = managed_group(request, group_id)
    form = TermForm(request.POST or None, initial=_usual_place(group))
    return form_page(
        request,
        form,
        "meetings/term_form.html",
        {"group": group},
        save=lambda data: services.meeting_term_create(
            actor=request.user, group=group, **data
        ),
        done=lambda _created: to_group(group),
        success=lambda created: (
            _("%(count)s meetings were planned.") % {"count": len(created)}
        ),
        names=FIELD_NAMES,
    )


def meeting_detail(request, meeting_id):
    meeting = meeting_or_404(request, meeting_id)
    return meeting_page(request, meeting)


def meeting_page(request, meeting, *, action_form=None):
    """The meeting's page; after a POST of an action item that failed, with
    the bound form and its errors next to its fields."""
    can_manage = permissions.can_manage_group(request.user, meeting.group)
    editable = can_manage and not meeting.minutes_locked
    items = selectors.meeting_items(meeting=meeting)
    attendances = selectors.meeting_attendances(meeting=meeting)
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "can_manage": can_manage,
        "items": items,
        "attendances": attendances,
        "documents": [d for d in meeting.documents.select_related("item")],
        "follow_up": selectors.open_action_items(meeting=meeting),
        "following": selectors.following_meeting(meeting=meeting),
        "action_items": list(meeting.action_items.select_related("owner", "item")),
        "editable": editable,
        # Approving earlier minutes is recorded in this meeting's minutes,
        # so only while they are a draft (minutes_approve); the minutes
        # themselves must wait for approval (item.minutes_of).
        "can_approve_minutes": editable,
        "quorum": services.quorum_check(meeting, attendances) if attendances else None,
    }
    if can_manage and not meeting.minutes_locked and not meeting.is_cancelled:
        context["document_form"] = DocumentForm(meeting=meeting)
        context["action_form"] = action_form or ActionItemForm(
            meeting=meeting, user=request.user
        )
    return render(request, "meetings/meeting_detail.html", context)


def meeting_edit(request, meeting_id):
    meeting = managed_meeting(request, meeting_id)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    return form_page(
        request,
        form,
        "meetings/meeting_form.html",
        {"group": meeting.group, "meeting": meeting},
        save=lambda _data: services.meeting_update(
            actor=request.user, meeting=meeting, **form.meeting_fields()
        ),
        done=lambda _result: to_meeting(meeting),
        success=_("The meeting was saved."),
        names=FIELD_NAMES,
    )


def meeting_cancel(request, meeting_id):
    meeting = managed_meeting(request, meeting_id)
    return form_page(
        request,
        ReasonForm(request.POST or None),
        "meetings/meeting_cancel.html",
        {"meeting": meeting},
        save=lambda data: services.meeting_cancel(
            actor=request.user, meeting=meeting, reason=data["reason"]
        ),
        done=lambda _result: to_meeting(meeting),
        success=_("The meeting was cancelled."),
        names=FIELD_NAMES,
    )


def notice(request, meeting_id):
    """Preview the notice and send it now."""
    meeting = managed_meeting(request, meeting_id)
    if request.method == "POST":
        service_call(
            request,
            lambda: services.notice_send(actor=request.user, meeting=meeting),
            success=lambda count: (
                _("The notice was sent to %(count)s people with a calendar invitation.")
                % {"count": count}
            ),
        )
        return to_meeting(meeting)
    recipients = services.meeting_recipients(meeting)
    due = meeting.starts_at - timezone.timedelta(days=meeting.group.notice_days)
    return render(
        request,
        "meetings/notice.html",
        {
            "meeting": meeting,
            "recipients": recipients,
            "items": selectors.meeting_items(meeting=meeting),
            "documents": list(meeting.documents.all()),
            "due": due,
        },
    )


def meeting_calendar(request, meeting_id):
    meeting = meeting_or_404(request, meeting_id)
    content = calendar_build([meeting_entry(meeting)], method=None)
    return download_response(
        content.encode("utf-8"),
        filename="mote.ics",
        content_type="text/calendar; charset=utf-8",
    )


def attendance(request, meeting_id):
    meeting = managed_meeting(request, meeting_id)
    if meeting.is_cancelled:
        messages.error(request, _("The meeting is cancelled."))
        return to_meeting(meeting)
    rows = selectors.meeting_attendance_rows(meeting=meeting)
    preset = "present" if request.GET.get("preset") == "present" else ""
    form = AttendanceForm(
        request.POST or None, rows=rows, meeting=meeting, preset=preset
    )
    add_form = AttendeeAddForm(organisation=request.organisation, user=request.user)
    if request.method == "POST" and "add-person" in request.POST:
        add_form = AttendeeAddForm(
            request.POST, organisation=request.organisation, user=request.user
        )
        form = AttendanceForm(None, rows=rows, meeting=meeting)
        if add_form.is_valid():
            try:
                services.attendance_add(
                    actor=request.user, meeting=meeting, **add_form.cleaned_data
                )
            except ApplicationError as error:
                add_error(add_form, error)
            else:
                return redirect(request.path)
    elif request.method == "POST" and form.is_valid():
        chair_id = form.cleaned_data["serving_chair"]
        chair = next((r.person for r in rows if r.person_id == chair_id), None)
        try:
            quorum = services.attendance_record(
                actor=request.user,
                meeting=meeting,
                statuses=form.statuses(),
                serving_for=form.serving_for(),
                serving_chair=chair,
            )
        except ApplicationError as error:
            add_error(form, error)
        else:
            if quorum.quorate:
                messages.success(request, _("The attendance was saved."))
            else:
                messages.warning(
                    request,
                    _(
                        "The attendance was saved. The meeting is not quorate: the "
                        "items are handled as information and no decisions are "
                        "taken."
                    )
                    + " "
                    + " ".join(quorum.reasons),
                )
            return to_meeting(meeting)
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "form": form,
            "add_form": add_form,
            "rows": [
                (row, form.status_field(row), form.serving_field(row)) for row in rows
            ],
            "locked": meeting.minutes_locked,
        },
    )
