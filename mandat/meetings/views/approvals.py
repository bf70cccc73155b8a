"""Approval by e-mail link: sending, the results, and the public answer page."""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import parse_id
from mandat.core.pages import form_page, found
from mandat.core.uploads import stored_file_response
from mandat.trainings.plan_document import plan_pdf_response

from .. import permissions, selectors, services
from ..forms import ApprovalAnswerForm, ApprovalForm
from ..minutes import minutes_context
from ..models import ApprovalAnswer
from .common import FIELD_NAMES, group_or_404, managed_group
from .minutes import minutes_pdf_response


def approval_create(request, group_id):
    group = managed_group(request, group_id)
    initial = {}
    minutes_id = parse_id(request.GET.get("minutes"))
    if minutes_id is not None:
        meeting = group.meetings.filter(pk=minutes_id).first()
        if meeting is not None:
            initial = {
                "minutes_of": meeting.pk,
                "title": _("Minutes of %(day)s")
                % {"day": f"{meeting.starts_at:%Y-%m-%d}"},
            }
    form = ApprovalForm(
        request.POST or None, request.FILES or None, group=group, initial=initial
    )
    return form_page(
        request,
        form,
        "meetings/approval_form.html",
        {"group": group},
        save=lambda data: services.approval_request_create(
            actor=request.user,
            group=group,
            title=data["title"],
            message=data["message"],
            deadline=form.deadline_at(),
            minutes_of=data["minutes_of"],
            plan=data["plan"],
            upload=data["file"] or None,
        ),
        done=lambda approval: (
            "meetings:approval-detail",
            request.organisation.slug,
            approval.pk,
        ),
        success=lambda approval: (
            _("The document was sent to %(count)s members for approval.")
            % {"count": approval.answers.count()}
        ),
        names=FIELD_NAMES,
    )


def approval_detail(request, approval_id):
    approval = found(
        selectors.approval_get(
            organisation=request.organisation, approval_id=approval_id
        )
    )
    group = group_or_404(request, approval.group_id)
    answers = list(approval.answers.select_related("person"))
    outcome = services.approval_outcome(approval, answers)
    return render(
        request,
        "meetings/approval_detail.html",
        {
            "approval": approval,
            "group": group,
            "answers": answers,
            "outcome": outcome,
            "approved": outcome == ApprovalAnswer.Answer.APPROVED,
            "objected": outcome == ApprovalAnswer.Answer.OBJECTED,
            "can_manage": permissions.can_manage_group(request.user, group),
        },
    )


def approval_document(request, approval_id):
    approval = found(
        selectors.approval_get(
            organisation=request.organisation, approval_id=approval_id
        )
    )
    group_or_404(request, approval.group_id)
    return _document_response(approval)


def _document_response(approval):
    if approval.minutes_of_id:
        return minutes_pdf_response(approval.minutes_of)
    if approval.plan_id:
        return plan_pdf_response(approval.plan)
    if approval.file:
        return stored_file_response(approval.file, content_type=approval.content_type)
    raise Http404


# How long after the deadline a personal link still shows the document.
LINK_KEPT_DAYS = 30


def _answer_or_invalid(request, token):
    answer = selectors.answer_for_token(token)
    # Subtracted from now, not added to the deadline: a deadline near the
    # end of the calendar (9999-12-31) has no day after it.
    if answer is not None and answer.request.deadline < timezone.now() - (
        datetime.timedelta(days=LINK_KEPT_DAYS)
    ):
        return None, render(
            request,
            "public_link_invalid.html",
            {
                "message": _(
                    "This link has stopped working: the time to answer ended more "
                    "than 30 days ago. Ask the secretary if you need the document."
                )
            },
            status=410,
        )
    if answer is None:
        response = render(
            request,
            "public_link_invalid.html",
            {
                "message": _(
                    "This link is not valid. Use the link in your e-mail; if it "
                    "still does not work, ask the secretary for a new one."
                )
            },
            status=404,
        )
        return None, response
    return answer, None


@login_not_required
def approval_answer(request, token):
    answer, invalid = _answer_or_invalid(request, token)
    if invalid:
        return invalid
    approval = answer.request
    context = {
        "answer": answer,
        "approval": approval,
        "page_org": approval.organisation,
    }
    if approval.minutes_of_id:
        context.update(minutes_context(approval.minutes_of))
    return form_page(
        request,
        ApprovalAnswerForm(request.POST or None),
        "meetings/approval_answer.html",
        context,
        save=lambda data: services.approval_answer(
            token=token,
            user=request.user if request.user.is_authenticated else None,
            **data,
        ),
        done=lambda _answer: ("meetings:approval-answer", token),
        names=FIELD_NAMES,
    )


@login_not_required
def approval_answer_document(request, token):
    answer, invalid = _answer_or_invalid(request, token)
    if invalid:
        return invalid
    return _document_response(answer.request)
