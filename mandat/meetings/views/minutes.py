"""The minutes: web page, PDF/A, Word, the package with the attachments;
finalising, approval, corrections."""

import io
import re
import zipfile
from pathlib import Path

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.downloads import download_response
from mandat.core.forms import service_call
from mandat.core.pages import form_page, form_post, found
from mandat.core.pdf import PdfUnavailable, pdf_unavailable_response
from mandat.core.word import WORD_CONTENT_TYPE, html_to_docx

from .. import permissions, selectors, services
from ..forms import CorrectionForm, FinaliseForm
from ..minutes import (
    minutes_author,
    minutes_context,
    minutes_filename,
    minutes_html,
    minutes_pdf_render,
)
from ..models import AgendaItem, Meeting
from .common import FIELD_NAMES, managed_meeting, to_meeting


def safe_filename(title: str) -> str:
    """A document title as a name in a ZIP file: no slashes or controls."""
    return re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", " ", title).strip()[:80] or "-"


def _readable_minutes(request, meeting_id):
    """The meeting of minutes ``request.user`` may read: the group's members
    read drafts; finalised minutes are official documents (*allmänna
    handlingar*), readable by everyone in the organisation."""
    meeting = selectors.meeting_get(
        organisation=request.organisation, user=request.user, meeting_id=meeting_id
    )
    if meeting is not None:
        return meeting
    return found(
        Meeting.objects.select_related("group__body", "organisation", "secretary")
        .filter(organisation=request.organisation, pk=meeting_id)
        .exclude(minutes_status=Meeting.Minutes.DRAFT)
        .first()
    )


def minutes(request, meeting_id):
    meeting = _readable_minutes(request, meeting_id)
    can_manage = permissions.can_manage_group(request.user, meeting.group)
    context = minutes_context(meeting)
    return render(
        request,
        "meetings/minutes.html",
        {
            **context,
            "body": minutes_html(context),
            "can_manage": can_manage,
            "finalise_form": FinaliseForm() if can_manage else None,
        },
    )


def minutes_pdf(request, meeting_id):
    return minutes_pdf_response(_readable_minutes(request, meeting_id))


def minutes_word(request, meeting_id):
    return minutes_word_response(_readable_minutes(request, meeting_id))


def minutes_package(request, meeting_id):
    """The minutes as PDF/A with their attachments, numbered as the minutes
    list them, in one ZIP file: what goes to the registry or by e-mail."""
    meeting = _readable_minutes(request, meeting_id)
    context = minutes_context(meeting)
    pdf = minutes_pdf_response(meeting).content
    documents = {d.pk: d for d in meeting.documents.all()}
    buffer = io.BytesIO()
    name = minutes_filename(meeting)
    label = _("Attachment")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(f"{name}.pdf", pdf)
        for attachment in context["attachments"]:
            document = documents.get(attachment["pk"])
            if document is None:
                continue  # removed after the minutes were finalised
            suffix = Path(document.file.name).suffix
            with document.file.open("rb") as stored:
                package.writestr(
                    f"{label} {attachment['number']} – "
                    f"{safe_filename(attachment['title'])}{suffix}",
                    stored.read(),
                )
    return download_response(
        buffer.getvalue(), filename=f"{name}.zip", content_type="application/zip"
    )


def minutes_pdf_response(meeting: Meeting) -> HttpResponse:
    """Return the minutes as a PDF/A download, from the page's HTML."""
    try:
        content = minutes_pdf_render(meeting)
    except PdfUnavailable:
        return pdf_unavailable_response()
    return download_response(
        content,
        filename=f"{minutes_filename(meeting)}.pdf",
        content_type="application/pdf",
    )


def minutes_word_response(meeting: Meeting) -> HttpResponse:
    """Return the minutes as a Word download, from the page's HTML."""
    context = minutes_context(meeting)
    content = html_to_docx(
        minutes_html(context),
        title=context["document_title"],
        author=minutes_author(meeting),
    )
    return download_response(
        content,
        filename=f"{minutes_filename(meeting)}.docx",
        content_type=WORD_CONTENT_TYPE,
    )


@require_POST
def minutes_finalise(request, meeting_id):
    meeting = managed_meeting(request, meeting_id)
    form = FinaliseForm(request.POST)
    form_post(
        request,
        form,
        lambda data: services.minutes_finalise(
            actor=request.user,
            meeting=meeting,
            registry_number=data.get("registry_number", ""),
        ),
        success=_(
            "The minutes are finalised. The next meeting approves them, or "
            "send them to the members for approval by e-mail."
        ),
    )
    if form.errors:
        return redirect("meetings:minutes", request.organisation.slug, meeting.pk)
    return to_meeting(meeting, "minutes")


@require_POST
def minutes_register(request, meeting_id):
    meeting = managed_meeting(request, meeting_id)
    service_call(
        request,
        lambda: services.registry_number_set(
            actor=request.user,
            meeting=meeting,
            registry_number=request.POST.get("registry_number", ""),
        ),
        success=_("The registry number was recorded."),
    )
    return redirect("meetings:minutes", request.organisation.slug, meeting.pk)


@require_POST
def minutes_approve(request, meeting_id, agenda_item_id):
    meeting = managed_meeting(request, meeting_id)
    item = get_object_or_404(AgendaItem, pk=agenda_item_id, meeting=meeting)
    service_call(
        request,
        lambda: services.minutes_approve(actor=request.user, item=item),
        success=_("The minutes were approved and are now locked."),
    )
    return to_meeting(meeting, f"item-{item.pk}")


def minutes_correct(request, meeting_id, agenda_item_id):
    meeting = managed_meeting(request, meeting_id)
    item = get_object_or_404(AgendaItem, pk=agenda_item_id, meeting=meeting)
    form = CorrectionForm(
        request.POST or None, initial={"field": "decision", "value": item.decision}
    )
    return form_page(
        request,
        form,
        "meetings/correction_form.html",
        {"meeting": meeting, "item": item},
        save=lambda data: services.minutes_correct(
            actor=request.user, item=item, **data
        ),
        done=lambda _item: to_meeting(meeting, f"item-{item.pk}"),
        success=_("The correction was recorded and is shown with the minutes."),
        names=FIELD_NAMES,
    )
