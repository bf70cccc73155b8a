"""A meeting's agenda items, documents and action items, and "my action
items"."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.exceptions import ApplicationError
from mandat.core.forms import service_call, service_error
from mandat.core.pages import form_page, form_post
from mandat.core.permissions import require
from mandat.core.uploads import stored_file_response

from .. import permissions, selectors, services
from ..forms import (
    ActionItemForm,
    ActionStatusForm,
    DocumentForm,
    ItemForm,
    NextMeetingForm,
)
from ..models import ActionItem, AgendaItem, MeetingDocument
from .common import (
    FIELD_NAMES,
    add_error,
    managed_meeting,
    meeting_or_404,
    to_meeting,
)
from .meetings import meeting_page


def _item_fields(data) -> dict:
    """An item's fields from its form, as the services take them."""
    return {
        "title": data["title"],
        "kind": data["kind"],
        "notes": data["notes"],
        "decision": data.get("decision", ""),
        "presenter": data["presenter"],
        "trainings": list(data["trainings"]),
        "commissions": list(data["commissions"]),
    }


def _item_and_next_meeting_save(request, item, data, next_form) -> None:
    """Save the item and, from the next-meeting item, the next meeting."""
    services.item_update(actor=request.user, item=item, **_item_fields(data))
    if next_form is not None and next_form.cleaned_data.get("day"):
        starts_at, ends_at = next_form.times()
        services.next_meeting_set(
            actor=request.user,
            item=item,
            starts_at=starts_at,
            ends_at=ends_at,
            location=next_form.cleaned_data["location"],
            meeting_url=next_form.cleaned_data["meeting_url"],
        )


def _item_form_response(request, meeting, item, form, next_form):
    return render(
        request,
        "meetings/item_form.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "next_form": next_form,
            "can_approve": item is not None
            and item.standard == AgendaItem.Standard.PREVIOUS_MINUTES
            and item.minutes_of_id is not None,
        },
    )


def item_create(request, meeting_id):
    meeting = managed_meeting(request, meeting_id)
    return form_page(
        request,
        ItemForm(request.POST or None, meeting=meeting, user=request.user),
        "meetings/item_form.html",
        {"meeting": meeting},
        save=lambda data: services.item_create(
            actor=request.user, meeting=meeting, **_item_fields(data)
        ),
        done=lambda _item: to_meeting(meeting, "agenda"),
        success=_("The item was added."),
        names=FIELD_NAMES,
    )


def item_edit(request, meeting_id, agenda_item_id):
    meeting = managed_meeting(request, meeting_id)
    item = get_object_or_404(AgendaItem, pk=agenda_item_id, meeting=meeting)
    form = ItemForm(
        request.POST or None, instance=item, meeting=meeting, user=request.user
    )
    next_form = None
    if item.standard == AgendaItem.Standard.NEXT_MEETING:
        initial = {"location": meeting.location, "meeting_url": meeting.meeting_url}
        if item.next_meeting_id:
            initial = {
                "day": timezone.localtime(item.next_meeting.starts_at).date(),
                "starts": timezone.localtime(item.next_meeting.starts_at).time(),
                "ends": timezone.localtime(item.next_meeting.ends_at).time(),
                "location": item.next_meeting.location,
                "meeting_url": item.next_meeting.meeting_url,
            }
        else:
            following = selectors.following_meeting(meeting=meeting)
            if following is not None:
                initial = {
                    "day": timezone.localtime(following.starts_at).date(),
                    "starts": timezone.localtime(following.starts_at).time(),
                    "ends": timezone.localtime(following.ends_at).time(),
                    "location": following.location,
                    "meeting_url": following.meeting_url,
                }
        next_form = NextMeetingForm(
            request.POST or None,
            initial=initial,
            use_required_attribute=False,
        )
        for field in next_form.fields.values():
            field.required = field.required and request.POST.get("next-day") != ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        next_ok = next_form is None or next_form.is_valid()
        if next_ok:
            try:
                with transaction.atomic():
                    _item_and_next_meeting_save(request, item, data, next_form)
            except ApplicationError as error:
                if next_form is not None and error.field in ("starts_at", "ends_at"):
                    names = {"starts_at": "day", "ends_at": "ends"}
                    service_error(next_form, error, names=names)
                else:
                    add_error(form, error)
            else:
                messages.success(request, _("The item was saved."))
                return to_meeting(meeting, f"item-{item.pk}")
    return _item_form_response(request, meeting, item, form, next_form)


@require_POST
def item_move(request, meeting_id, agenda_item_id):
    meeting = managed_meeting(request, meeting_id)
    item = get_object_or_404(AgendaItem, pk=agenda_item_id, meeting=meeting)
    service_call(
        request,
        lambda: services.item_move(
            actor=request.user, item=item, up=request.POST.get("direction") == "up"
        ),
    )
    return to_meeting(meeting, "agenda")


@require_POST
def item_delete(request, meeting_id, agenda_item_id):
    meeting = managed_meeting(request, meeting_id)
    item = get_object_or_404(AgendaItem, pk=agenda_item_id, meeting=meeting)
    service_call(
        request,
        lambda: services.item_delete(actor=request.user, item=item),
        success=_("The item was removed."),
    )
    return to_meeting(meeting, "agenda")


@require_POST
def document_add(request, meeting_id):
    meeting = managed_meeting(request, meeting_id)
    form_post(
        request,
        DocumentForm(request.POST, request.FILES, meeting=meeting),
        lambda data: services.document_add(
            actor=request.user,
            meeting=meeting,
            title=data["title"],
            upload=data["file"],
            item=data["item"],
        ),
        success=_("The document was added."),
    )
    return to_meeting(meeting, "documents")


def document_download(request, meeting_id, meeting_document_id):
    meeting = meeting_or_404(request, meeting_id)
    document = get_object_or_404(
        MeetingDocument, pk=meeting_document_id, meeting=meeting
    )
    return stored_file_response(document.file, content_type=document.content_type)


@require_POST
def document_remove(request, meeting_id, meeting_document_id):
    meeting = managed_meeting(request, meeting_id)
    document = get_object_or_404(
        MeetingDocument, pk=meeting_document_id, meeting=meeting
    )
    services.document_remove(actor=request.user, document=document)
    messages.success(request, _("The document was removed."))
    return to_meeting(meeting, "documents")


@require_POST
def action_item_create(request, meeting_id):
    meeting = managed_meeting(request, meeting_id)
    return form_page(
        request,
        ActionItemForm(request.POST, meeting=meeting, user=request.user),
        lambda form: meeting_page(request, meeting, action_form=form),
        save=lambda data: services.action_item_create(
            actor=request.user, meeting=meeting, **data
        ),
        done=lambda _action: to_meeting(meeting, "action-items"),
        success=_("The action item was added."),
        names=FIELD_NAMES,
    )


@require_POST
def action_item_status(request, action_id):
    action = get_object_or_404(
        ActionItem.objects.select_related("meeting__group__body", "owner"),
        pk=action_id,
        organisation=request.organisation,
    )
    group = action.meeting.group
    own = action.owner_id and action.owner.account_id == request.user.pk
    require(permissions.can_view_group(request.user, group) or own)
    require(permissions.can_manage_group(request.user, group) or own)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_item_set_status(
            actor=request.user, action=action, **form.cleaned_data
        )
        messages.success(request, _("The action item was updated."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("meetings:my-actions", request.organisation.slug)


def my_actions(request):
    actions = list(
        selectors.action_items_for_user(
            organisation=request.organisation, user=request.user
        )
    )
    return render(
        request,
        "meetings/my_actions.html",
        {"actions": actions, "status_form": ActionStatusForm()},
    )
