"""Questionnaires and their questions: the standard evaluation, creating a
questionnaire, changing its questions while nobody has answered, and its
status."""

from typing import Any, NotRequired, TypedDict

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.core.richtext import text_clean
from mandat.core.services import (
    Actor,
    audit_created,
    audit_updated,
    record_update,
)
from mandat.directory.models import ReportingCategory
from mandat.trainings.models import Training

from ..models import Question, Questionnaire


class QuestionSpec(TypedDict):
    """A question of the standard evaluation, as Question's fields."""

    kind: str
    text: str
    choices: NotRequired[list[str]]
    required: NotRequired[bool]
    is_grade: NotRequired[bool]
    background: NotRequired[str]


def standard_questions() -> list[QuestionSpec]:
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


@transaction.atomic
def questionnaire_create(
    *,
    actor: Actor,
    organisation: Organisation,
    title: str,
    training: Training | None = None,
    kind: str | None = None,
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
    audit_created(actor, questionnaire, message=questionnaire.title)
    return questionnaire


@transaction.atomic
def questionnaire_update(
    *, actor: Actor, questionnaire: Questionnaire, **fields: Any
) -> Questionnaire:
    """Change a questionnaire's title, introduction, audience and timing."""
    # As saved, not as a bound form left the object it was given.
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    record_update(actor=actor, instance=questionnaire, fields=fields)
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
    actor: Actor,
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
    audit_updated(actor, questionnaire, message=f"question saved: {question.text}")
    return question


@transaction.atomic
def question_remove(*, actor: Actor, question: Question) -> None:
    _check_unanswered(question.questionnaire)
    audit_updated(
        actor, question.questionnaire, message=f"question removed: {question.text}"
    )
    question.delete()


@transaction.atomic
def questionnaire_set_status(
    *, actor: Actor, questionnaire: Questionnaire, status: str
) -> Questionnaire:
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
    audit_updated(actor, questionnaire, message=f"status: {status}")
    return questionnaire
