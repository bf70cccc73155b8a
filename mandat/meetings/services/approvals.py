"""Approval of a document by personal e-mail link (*per capsulam*)."""

import datetime
from collections.abc import Sequence
from email.utils import formataddr

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.accounts.models import User
from mandat.core.addresses import absolute_url
from mandat.core.documents import check_upload
from mandat.core.exceptions import ApplicationError
from mandat.core.services import (
    Actor,
    LinkActor,
    actor_user,
    audit_created,
    audit_updated,
    changed,
    snapshot,
)
from mandat.directory.models import MEMBER_ROLES
from mandat.notifications.services import Recipient, message_queue
from mandat.trainings.models import TrainingPlan

from ..models import ApprovalAnswer, ApprovalRequest, Meeting, MeetingGroup
from ..selectors import group_members
from .minutes import minutes_approve_by_mail

Answer = ApprovalAnswer.Answer
REQUEST_FIELDS = ("title", "minutes_of", "plan", "deadline", "message")
ANSWER_FIELDS = ("answer", "comment")


def approval_link(answer: ApprovalAnswer) -> str:
    return absolute_url(reverse("meetings:approval-answer", args=[answer.token]))


@transaction.atomic
def approval_request_create(
    *,
    actor: Actor,
    group: MeetingGroup,
    title: str,
    deadline: datetime.datetime,
    message: str = "",
    minutes_of: Meeting | None = None,
    plan: TrainingPlan | None = None,
    upload: UploadedFile | None = None,
) -> ApprovalRequest:
    """Send a document to the group's members for approval: each gets a
    personal link where they approve or object without logging in."""
    if sum(thing is not None for thing in (minutes_of, plan, upload)) != 1:
        raise ApplicationError(
            _("Choose one document: minutes, the training plan or a file."),
            field="document",
        )
    if deadline <= timezone.now():
        raise ApplicationError(
            _("The deadline must be in the future."), field="deadline"
        )
    if minutes_of is not None:
        minutes_of = Meeting.objects.get(pk=minutes_of.pk)
        if minutes_of.group_id != group.pk:
            raise ApplicationError(_("The minutes must be of this group."))
        if minutes_of.minutes_status != Meeting.Minutes.FINALISED:
            raise ApplicationError(
                _("Only finalised minutes that are not yet approved can be sent."),
                field="document",
            )
    if plan is not None and plan.organisation_id != group.organisation_id:
        raise ApplicationError(_("The plan must be this organisation's."))
    content_type = check_upload(upload) if upload is not None else ""
    members = [
        assignment.person
        for assignment in group_members(group=group, on=timezone.localdate()).filter(
            role__in=MEMBER_ROLES
        )
    ]
    people = list({person.pk: person for person in members}.values())
    if not people:
        raise ApplicationError(_("The group has no members to ask."))
    request = ApprovalRequest.objects.create(
        organisation=group.organisation,
        group=group,
        title=title.strip(),
        message=message.strip(),
        minutes_of=minutes_of,
        plan=plan,
        file=upload or "",
        content_type=content_type,
        deadline=deadline,
        created_by=actor_user(actor),
    )
    ApprovalAnswer.objects.bulk_create(
        [ApprovalAnswer(request=request, person=person) for person in people]
    )
    audit_created(actor, request, REQUEST_FIELDS, message=request.title)
    request_id = request.pk
    _send(request_id)
    return request


def _send(request_id: int) -> None:
    request = ApprovalRequest.objects.select_related(
        "group__body", "organisation", "created_by"
    ).get(pk=request_id)
    # Questions about the document go to the one who sent it for approval.
    sender = request.created_by
    reply_to = formataddr((sender.get_full_name(), sender.email)) if sender else ""
    for answer in request.answers.select_related("person__account"):
        message_queue(
            organisation=request.organisation,
            event="meetings.approval_request",
            recipient=Recipient.for_person(answer.person),
            dedupe_key=f"approval:{answer.pk}",
            context={
                "person": answer.person,
                "group": request.group.body.name,
                "approval": request,
                "deadline": request.deadline,
                "link": approval_link(answer),
            },
            about=request,
            reply_to=reply_to,
        )


def approval_outcome(
    request: ApprovalRequest, answers: Sequence[ApprovalAnswer]
) -> str:
    """Answer.APPROVED, OBJECTED or PENDING for the request as a whole:
    approved when more than half of those asked approved and no one
    objected."""
    objected = sum(1 for a in answers if a.answer == Answer.OBJECTED)
    approved = sum(1 for a in answers if a.answer == Answer.APPROVED)
    if objected:
        return Answer.OBJECTED
    if approved == len(answers) or (
        not request.is_open and approved * 2 > len(answers)
    ):
        return Answer.APPROVED
    return Answer.PENDING


@transaction.atomic
def approval_answer(
    *,
    token: str,
    answer: str,
    comment: str = "",
    user: User | AnonymousUser | None = None,
) -> ApprovalAnswer:
    """Record one member's answer from their link. A link works once and
    until the deadline. The audit trail names the member the link belongs
    to (and ``user``, the one signed in, if someone else opened it)."""
    row = (
        ApprovalAnswer.objects.select_for_update(of=("self",))
        .select_related("request__organisation", "person")
        .filter(token=token)
        .first()
    )
    if row is None:
        raise ApplicationError(
            _("This link is not valid. Use the link in your e-mail.")
        )
    if row.answer != Answer.PENDING:
        raise ApplicationError(
            _("You answered already, on %(date)s. An answer cannot be changed.")
            % {"date": timezone.localtime(row.answered_at).strftime("%Y-%m-%d %H:%M")}
        )
    if not row.request.is_open:
        raise ApplicationError(
            _("The time to answer ran out on %(date)s.")
            % {
                "date": timezone.localtime(row.request.deadline).strftime(
                    "%Y-%m-%d %H:%M"
                )
            }
        )
    if answer not in (Answer.APPROVED, Answer.OBJECTED):
        raise ApplicationError(_("Choose approve or object."), field="answer")
    comment = comment.strip()
    if answer == Answer.OBJECTED and not comment:
        raise ApplicationError(
            _("Say what you object to, so the secretary can act on it."),
            field="comment",
        )
    before = snapshot(row, ANSWER_FIELDS)
    row.answer, row.comment, row.answered_at = answer, comment, timezone.now()
    row.save(update_fields=["answer", "comment", "answered_at"])
    request = row.request
    audit_updated(
        LinkActor(person=row.person, user=user),
        row,
        changed(before, row),
        organisation=request.organisation,
        message=_("answer to “%(title)s”") % {"title": request.title},
    )
    minutes = request.minutes_of if request.minutes_of_id else None
    if minutes is not None:
        answers = list(request.answers.all())
        if approval_outcome(request, answers) == Answer.APPROVED:
            minutes_approve_by_mail(minutes=minutes)
    return row


def approvals_closed_due() -> int:
    """Approve minutes whose approval deadline passed with more than half
    approving and no one objecting."""
    done = 0
    for request in ApprovalRequest.objects.filter(
        deadline__lte=timezone.now(),
        deadline__gte=timezone.now() - datetime.timedelta(days=30),
        minutes_of__minutes_status=Meeting.Minutes.FINALISED,
    ).select_related("minutes_of"):
        minutes = request.minutes_of  # the query took requests with minutes only
        if (
            minutes is not None
            and approval_outcome(request, list(request.answers.all()))
            == Answer.APPROVED
        ):
            with transaction.atomic():
                minutes_approve_by_mail(minutes=minutes)
            done += 1
    return done
