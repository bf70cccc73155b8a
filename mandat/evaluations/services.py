"""The only writers of questionnaires, recipients and anonymous responses.

Nothing here logs or audits who answered what: the audit trail records that
a questionnaire was sent, never an answer, and answering writes the
``Recipient`` flag and the ``Response`` rows without a link between them."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.core.richtext import text_clean
from mandat.core.services import audit_record
from mandat.directory.models import MandatePeriod, Person, ReportingCategory
from mandat.notifications.services import Recipient as MailRecipient
from mandat.notifications.services import message_queue, message_queue_bulk
from mandat.trainings.models import Occasion, SessionAttendance

from .models import Answer, Need, Question, Questionnaire, Recipient, Response


def standard_questions() -> list[dict]:
    """The standard evaluation, in the organisation's language (Swedish)."""
    return [
        {
            "kind": Question.Kind.SCALE,
            "text": _("What overall grade do you give the training?"),
            "choices": [
                pgettext("grade", "failed"),
                pgettext("grade", "passed"),
                pgettext("grade", "more than passed"),
                pgettext("grade", "excellent"),
            ],
            "required": True,
            "is_grade": True,
        },
        {
            "kind": Question.Kind.SCALE,
            "text": _("How relevant was the training for your political assignment?"),
            "choices": [
                _("not relevant"),
                _("somewhat relevant"),
                _("relevant"),
                _("very relevant"),
            ],
        },
        {"kind": Question.Kind.TEXT, "text": _("What was best?")},
        {"kind": Question.Kind.TEXT, "text": _("What could be improved?")},
        {
            "kind": Question.Kind.TEXT,
            "text": _("What trainings would you like in the future?"),
        },
        {
            "kind": Question.Kind.SINGLE,
            "text": _("Gender (optional)"),
            "choices": [_("woman"), _("man"), _("other or do not want to say")],
            "background": Question.Background.GENDER,
        },
        {
            "kind": Question.Kind.SINGLE,
            "text": _("Where do you hold your assignment? (optional)"),
            "choices": [str(label) for label in ReportingCategory.labels],
            "background": Question.Background.CATEGORY,
        },
    ]


def _audit(actor, questionnaire, message: str) -> None:
    audit_record(
        actor=actor,
        organisation=questionnaire.organisation,
        action=AuditEntry.Action.UPDATE,
        instance=questionnaire,
        message=message,
    )


@transaction.atomic
def questionnaire_create(
    *, actor, organisation, title: str, training=None, kind=None
) -> Questionnaire:
    """Create a questionnaire with the standard evaluation's questions, for a
    training (one each) or as a general survey."""
    if (
        training is not None
        and Questionnaire.objects.filter(training=training).exists()
    ):
        raise ApplicationError(_("The training has an evaluation already."))
    questionnaire = Questionnaire.objects.create(
        organisation=organisation,
        title=text_clean(title),
        training=training,
        kind=kind
        or (
            Questionnaire.Kind.EVALUATION
            if training is not None
            else Questionnaire.Kind.SURVEY
        ),
    )
    with translation.override(settings.LANGUAGE_CODE):
        specs = standard_questions()
    Question.objects.bulk_create(
        Question(questionnaire=questionnaire, position=(number + 1) * 10, **spec)
        for number, spec in enumerate(specs)
    )
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        instance=questionnaire,
        message=questionnaire.title,
    )
    return questionnaire


def _check_unanswered(questionnaire: Questionnaire) -> None:
    if questionnaire.responses.exists():
        raise ApplicationError(
            _(
                "People have answered already, so the questions can no longer "
                "change: the answers would not match them."
            )
        )


@transaction.atomic
def question_save(
    *,
    actor,
    questionnaire: Questionnaire,
    question: Question | None = None,
    kind: str,
    text: str,
    choices: list[str],
    required: bool = False,
    help_text: str = "",
) -> Question:
    """Add or change a question while no one has answered."""
    _check_unanswered(questionnaire)
    choices = [text_clean(choice) for choice in choices if text_clean(choice)]
    if kind in (Question.Kind.SCALE, Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if not 2 <= len(choices) <= 10:
            raise ApplicationError(
                _("Give between 2 and 10 choices, one per line."), field="choices"
            )
    else:
        choices = []
    if question is None:
        question = Question(
            questionnaire=questionnaire,
            position=(questionnaire.questions.count() + 1) * 10,
        )
    question.kind, question.text = kind, text_clean(text)
    question.choices, question.required = choices, required
    question.help_text = text_clean(help_text)
    question.save()
    _audit(actor, questionnaire, f"question saved: {question.text}")
    return question


@transaction.atomic
def question_remove(*, actor, question: Question) -> None:
    _check_unanswered(question.questionnaire)
    _audit(actor, question.questionnaire, f"question removed: {question.text}")
    question.delete()


@transaction.atomic
def questionnaire_set_status(*, actor, questionnaire: Questionnaire, status: str):
    if status not in Questionnaire.Status.values:
        raise ApplicationError(_("Unknown status."))
    if status == Questionnaire.Status.OPEN and not questionnaire.questions.exists():
        raise ApplicationError(_("Add at least one question first."))
    if (
        status == Questionnaire.Status.OPEN
        and questionnaire.status == Questionnaire.Status.CLOSED
        and questionnaire.responses.exists()
    ):
        raise ApplicationError(
            _(
                "A questionnaire with answers cannot be opened again: the new "
                "answers would show as changes in the results. Make a new one."
            )
        )
    questionnaire.status = status
    questionnaire.save(update_fields=["status"])
    _audit(actor, questionnaire, f"status: {status}")
    return questionnaire


def answer_link(recipient: Recipient) -> str:
    return settings.SITE_URL + reverse("evaluations:answer", args=[recipient.token])


ATTENDED = [SessionAttendance.Status.ATTENDED, SessionAttendance.Status.PARTLY]


def occasion_attendees(occasion: Occasion, *, elected_only: bool = False):
    """The people who attended at least part of the occasion (only the
    elected officials among them with ``elected_only``)."""
    people = Person.objects.all()
    if elected_only:
        people = people.filter(kind=Person.Kind.ELECTED)
    return people.filter(
        training_registrations__occasion=occasion,
        training_registrations__attendance__status__in=[
            SessionAttendance.Status.ATTENDED,
            SessionAttendance.Status.PARTLY,
        ],
    ).distinct()


@transaction.atomic
def questionnaire_send(
    *, actor, questionnaire: Questionnaire, people, occasion: Occasion | None = None
) -> int:
    """Give each person a personal link by e-mail; people asked already are
    skipped. Return how many were asked now."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.status != Questionnaire.Status.OPEN:
        raise ApplicationError(_("Open the questionnaire before sending it."))
    asked = set(questionnaire.recipients.values_list("person_id", flat=True))
    closes_at = timezone.now() + datetime.timedelta(days=questionnaire.open_days)
    new = [
        Recipient(
            questionnaire=questionnaire,
            person=person,
            occasion=occasion,
            closes_at=closes_at,
        )
        for person in people
        if person.pk not in asked
        and person.organisation_id == questionnaire.organisation_id
    ]
    Recipient.objects.bulk_create(new)
    recipients = list(
        questionnaire.recipients.filter(
            person__in=[r.person for r in new]
        ).select_related("person__account")
    )
    message_queue_bulk(
        organisation=questionnaire.organisation,
        event="evaluations.request",
        items=[
            (
                MailRecipient.for_person(recipient.person),
                f"evaluation:{recipient.pk}",
                {
                    "person": recipient.person,
                    "questionnaire": questionnaire,
                    "link": answer_link(recipient),
                    "closes": recipient.closes_at,
                },
            )
            for recipient in recipients
        ],
        about=questionnaire,
    )
    if new:
        _audit(actor, questionnaire, f"sent to {len(new)}")
    return len(new)


def evaluations_due() -> int:
    """Send the evaluation of occasions held at least a few hours ago whose
    attendance is taken; run by the worker every minute."""
    now = timezone.now()
    occasions = (
        Occasion.objects.filter(
            ends_at__lte=now - datetime.timedelta(hours=3),
            ends_at__gte=now - datetime.timedelta(days=30),
            training__questionnaire__status=Questionnaire.Status.OPEN,
            training__questionnaire__send_automatically=True,
        )
        .exclude(status=Occasion.Status.CANCELLED)
        .exclude(questionnaire_recipients__isnull=False)
        .select_related("training__questionnaire")
    )
    sent = 0
    for occasion in occasions:
        questionnaire = occasion.training.questionnaire
        people = list(
            occasion_attendees(
                occasion,
                elected_only=questionnaire.audience == Questionnaire.Audience.ELECTED,
            )
        )
        if people:
            sent += questionnaire_send(
                actor=None,
                questionnaire=occasion.training.questionnaire,
                people=people,
                occasion=occasion,
            )
    return sent


def reminders_due() -> int:
    """Remind once those who have not answered after the set days."""
    now = timezone.now()
    due = Recipient.objects.filter(
        has_answered=False,
        reminded=False,
        closes_at__gt=now,
        questionnaire__status=Questionnaire.Status.OPEN,
        questionnaire__reminder_days__gt=0,
    ).select_related("questionnaire__organisation", "person__account")
    count = 0
    for recipient in due:
        days = recipient.questionnaire.reminder_days
        if recipient.sent_at > now - datetime.timedelta(days=days):
            continue
        message_queue(
            organisation=recipient.questionnaire.organisation,
            event="evaluations.reminder",
            recipient=MailRecipient.for_person(recipient.person),
            dedupe_key=f"evaluation-reminder:{recipient.pk}",
            context={
                "person": recipient.person,
                "questionnaire": recipient.questionnaire,
                "link": answer_link(recipient),
                "closes": recipient.closes_at,
            },
            about=recipient.questionnaire,
        )
        Recipient.objects.filter(pk=recipient.pk).update(reminded=True)
        count += 1
    return count


def _clean_answer(question: Question, raw) -> dict | None:
    """Check one answer; return the fields of its Answer row, or None."""
    if question.kind == Question.Kind.TEXT:
        text = text_clean(raw or "")[:5000]
        return {"text": text} if text else None
    if question.kind == Question.Kind.MULTIPLE:
        values = raw or []
        try:
            indices = sorted({int(value) for value in values})
        except (TypeError, ValueError):
            indices = [-1]
        if any(not 0 <= index < len(question.choices) for index in indices):
            raise ApplicationError(
                _("Choose among the choices given."), field=f"q{question.pk}"
            )
        return {"values": indices} if indices else None
    if raw in (None, ""):
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = -1
    if not 0 <= value < len(question.choices):
        raise ApplicationError(
            _("Choose one of the steps given."), field=f"q{question.pk}"
        )
    return {"value": value}


@transaction.atomic
def response_submit(*, token: str, answers: dict) -> None:
    """Record one person's answers from their link: the answers go into an
    anonymous response, and the person is only marked as having answered."""
    recipient = (
        Recipient.objects.select_for_update()
        .select_related("questionnaire")
        .filter(token=token)
        .first()
    )
    if recipient is None:
        raise ApplicationError(
            _("This link is not valid. Use the link in your e-mail.")
        )
    if recipient.has_answered:
        raise ApplicationError(_("You have answered already. Thank you!"))
    questionnaire = recipient.questionnaire
    if (
        questionnaire.status != Questionnaire.Status.OPEN
        or recipient.closes_at <= timezone.now()
    ):
        raise ApplicationError(_("The questionnaire is closed."))
    rows = []
    for question in questionnaire.questions.all():
        cleaned = _clean_answer(question, answers.get(question.pk))
        if cleaned is None:
            if question.required:
                raise ApplicationError(
                    _("Answer this question."), field=f"q{question.pk}"
                )
            continue
        rows.append((question, cleaned))
    response = Response.objects.create(
        questionnaire=questionnaire, submitted_on=timezone.localdate()
    )
    Answer.objects.bulk_create(
        Answer(response=response, question=question, **cleaned)
        for question, cleaned in rows
    )
    recipient.has_answered = True
    recipient.save(update_fields=["has_answered"])


@transaction.atomic
def need_add(*, actor, question: Question, text: str) -> Need:
    """Take a free-text suggestion to the needs list of the current period;
    every identical answer to the question is marked."""
    questionnaire = question.questionnaire
    answers = Answer.objects.filter(question=question, text=text)
    if not text or not answers.exists():
        raise ApplicationError(_("There is no such answer."))
    today = timezone.localdate()
    period = (
        MandatePeriod.objects.filter(
            Q(organisation=questionnaire.organisation),
            starts_on__lte=today,
            ends_on__gte=today,
        )
        .order_by("-starts_on")
        .first()
    )
    answers.update(is_need=True)
    need = Need.objects.create(
        organisation=questionnaire.organisation,
        period=period,
        text=text,
        source=questionnaire,
    )
    audit_record(
        actor=actor,
        organisation=questionnaire.organisation,
        action=AuditEntry.Action.CREATE,
        instance=need,
        message=need.text[:200],
    )
    return need


# How many answers one form may record at a time (a large course's pile).
PAPER_LIMIT = 2000


@transaction.atomic
def paper_answers_record(
    *, actor, questionnaire: Questionnaire, counts: dict[int, list[int]]
) -> int:
    """Record answers given on paper, as counts per step of each scale
    question: ``counts[question_id][step]``. They become anonymous
    responses like those given by link (the i-th answer of each question
    in the i-th response), so results and reports count them alike; who
    answered what was never known. Returns how many responses were made."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    scales = {q.pk: q for q in questionnaire.questions.filter(kind=Question.Kind.SCALE)}
    columns = []
    for question_id, steps in counts.items():
        question = scales.get(question_id)
        if question is None:
            raise ApplicationError(_("Only scale questions take paper answers."))
        if len(steps) != len(question.choices) or any(n < 0 for n in steps):
            raise ApplicationError(
                _("Give a number for each step."), field=f"q{question_id}"
            )
        columns.append(
            (question, [value for value, n in enumerate(steps) for _n in range(n)])
        )
    total = max((len(values) for _question, values in columns), default=0)
    if total == 0:
        raise ApplicationError(_("Give at least one answer."))
    if total > PAPER_LIMIT:
        raise ApplicationError(
            _("At most %(limit)s answers at a time.") % {"limit": PAPER_LIMIT}
        )
    day = timezone.localdate()
    responses = Response.objects.bulk_create(
        Response(questionnaire=questionnaire, submitted_on=day) for _i in range(total)
    )
    Answer.objects.bulk_create(
        Answer(response=responses[index], question=question, value=value)
        for question, values in columns
        for index, value in enumerate(values)
    )
    _audit(actor, questionnaire, f"{total} answers recorded from paper")
    return total


@transaction.atomic
def history_recipients_record(
    *, occasion: Occasion, answered: list, not_answered: list
) -> Questionnaire:
    """Record who was asked to evaluate an occasion held in an earlier year
    and who answered (the answers themselves come as paper answers, as
    counts): the training's evaluation, made and closed if it has none."""
    training = occasion.training
    questionnaire = Questionnaire.objects.filter(training=training).first()
    if questionnaire is None:
        questionnaire = questionnaire_create(
            actor=None,
            organisation=training.organisation,
            title=_("Evaluation of %(training)s") % {"training": training.title},
            training=training,
        )
        questionnaire.status = Questionnaire.Status.CLOSED
        questionnaire.send_automatically = False
        questionnaire.save(update_fields=["status", "send_automatically"])
    asked = set(questionnaire.recipients.values_list("person_id", flat=True))
    sent = occasion.starts_at
    Recipient.objects.bulk_create(
        Recipient(
            questionnaire=questionnaire,
            person=person,
            occasion=occasion,
            sent_at=sent,
            closes_at=sent + datetime.timedelta(days=questionnaire.open_days),
            has_answered=has_answered,
        )
        for people, has_answered in ((answered, True), (not_answered, False))
        for person in people
        if person.pk not in asked
    )
    return questionnaire
