"""Answers: an anonymous response by personal link, answers given on paper,
who was asked in an earlier year, and a suggestion taken to the needs list."""

import datetime
from typing import Any, TypedDict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.richtext import text_clean
from mandat.core.services import Actor, audit_created, audit_updated
from mandat.directory.models import MandatePeriod, Person
from mandat.trainings.models import Occasion

from ..models import Answer, Need, Question, Questionnaire, Recipient, Response
from .questionnaires import questionnaire_create


class AnswerFields(TypedDict, total=False):
    """The fields of an Answer row: one of them, by the question's kind."""

    text: str
    values: list[int]
    value: int


def _clean_answer(question: Question, raw: Any) -> AnswerFields | None:
    """Check one answer (``raw`` as the form gives it: text, a choice's number
    or a list of them); return the fields of its Answer row, or None."""
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
def response_submit(*, token: str, answers: dict[int, Any]) -> None:
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
    rows: list[tuple[Question, AnswerFields]] = []
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
def need_add(*, actor: Actor, question: Question, text: str) -> Need:
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
    audit_created(actor, need, message=need.text[:200])
    return need


# How many answers one form may record at a time (a large course's pile).
PAPER_LIMIT = 2000


@transaction.atomic
def paper_answers_record(
    *, actor: Actor, questionnaire: Questionnaire, counts: dict[int, list[int]]
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
    audit_updated(actor, questionnaire, message=f"{total} answers recorded from paper")
    return total


@transaction.atomic
def history_recipients_record(
    *, occasion: Occasion, answered: list[Person], not_answered: list[Person]
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
    if sent is None:
        raise ValueError("An occasion of an earlier year has its day.")
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
