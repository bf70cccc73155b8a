"""Readers: questionnaires for the coordinator, and results that never show
a group smaller than MIN_GROUP, so no one can be picked out."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext

from mandat.core.figures import whole_percent
from mandat.core.queries import count_of

from .models import Answer, Question, Questionnaire, Recipient

MIN_GROUP = 5


def questionnaire_list(*, organisation) -> QuerySet:
    """Return the organisation's questionnaires, newest first, with how many
    were asked and how many answered (counted for the rows shown only)."""
    return (
        Questionnaire.objects.filter(organisation=organisation)
        .annotate(
            asked=count_of(Recipient, "questionnaire"),
            answered=count_of(Recipient, "questionnaire", has_answered=True),
        )
        .order_by("-created_at", "-id")
    )


def questionnaire_get(*, organisation, questionnaire_id: int):
    return (
        questionnaire_list(organisation=organisation)
        .select_related("training")
        .filter(pk=questionnaire_id)
        .first()
    )


@dataclass
class Distribution:
    """Counts per choice of one question, in one group of respondents."""

    label: str
    counts: list[int]
    answered: int
    suppressed: bool = False

    @property
    def shares(self) -> list[int]:
        return [whole_percent(count, self.answered) or 0 for count in self.counts]

    @property
    def mean(self) -> float | None:
        """The mean step, counting the lowest as 1."""
        if not self.answered:
            return None
        total = sum((step + 1) * count for step, count in enumerate(self.counts))
        return round(total / self.answered, 2)

    @property
    def top_two(self) -> int | None:
        """The share, in per cent, of the two highest steps."""
        if not self.answered:
            return None
        return whole_percent(sum(self.counts[-2:]), self.answered)


@dataclass
class QuestionResult:
    question: Question
    overall: Distribution | None = None
    breakdowns: dict[str, list[Distribution]] = field(default_factory=dict)
    texts: list[Answer] = field(default_factory=list)
    # The page of ``texts`` shown, and the query parameter that turns it
    # (set by the view: a questionnaire of a large city has hundreds).
    text_page: object = None
    text_param: str = ""


@dataclass
class Results:
    questionnaire: Questionnaire
    asked: int
    answered: int
    questions: list[QuestionResult]
    # Why the answers are not shown yet, or "" when they are.
    withheld: str = ""

    @property
    def response_rate(self) -> int | None:
        return whole_percent(self.answered, self.asked)


def _distribution(label, question, values, *, hide_small) -> Distribution:
    counts = [0] * len(question.choices)
    for value in values:
        for index in value if isinstance(value, list) else [value]:
            if 0 <= index < len(counts):
                counts[index] += 1
    answered = len(values)
    if hide_small and answered < MIN_GROUP:
        return Distribution(
            label=label, counts=[0] * len(counts), answered=answered, suppressed=True
        )
    return Distribution(label=label, counts=counts, answered=answered)


def _suppress_complement(split: list[Distribution]) -> None:
    """Hidden groups could be worked out as the whole minus the groups shown:
    hide the smallest shown groups too, until the hidden ones together hold
    at least MIN_GROUP answers (or everything is hidden)."""
    while True:
        hidden = [group for group in split if group.suppressed]
        shown = [group for group in split if not group.suppressed]
        if not hidden or not shown:
            return
        if sum(group.answered for group in hidden) >= MIN_GROUP:
            return
        smallest = min(shown, key=lambda group: group.answered)
        smallest.counts = [0] * len(smallest.counts)
        smallest.suppressed = True


def questionnaire_results(*, questionnaire: Questionnaire) -> Results:
    """Every question's distribution, mean and share of the two top steps, and
    breakdowns by the background questions with groups under MIN_GROUP
    suppressed; free texts sorted by their text, not by when they came."""
    questions = list(questionnaire.questions.all())
    answers = list(
        Answer.objects.filter(response__questionnaire=questionnaire).values(
            "id", "response_id", "question_id", "value", "values", "text", "is_need"
        )
    )
    by_question: dict[int, list[Mapping[str, Any]]] = {}
    for row in answers:
        by_question.setdefault(row["question_id"], []).append(row)
    backgrounds = {
        question.background: question
        for question in questions
        if question.background and question.kind == Question.Kind.SINGLE
    }
    # For each background question: response → the group it answered.
    groups: dict[str, dict] = {}
    for key, question in backgrounds.items():
        groups[key] = {
            row["response_id"]: row["value"]
            for row in by_question.get(question.pk, [])
            if row["value"] is not None
        }
    answered = questionnaire.recipients.filter(has_answered=True).count()
    asked = questionnaire.recipients.count()
    withheld = results_withheld(questionnaire, answered)
    if withheld:
        return Results(
            questionnaire=questionnaire,
            asked=asked,
            answered=answered,
            questions=[],
            withheld=withheld,
        )
    results = []
    for question in questions:
        rows = by_question.get(question.pk, [])
        result = QuestionResult(question=question)
        if question.kind == Question.Kind.TEXT:
            texts = sorted(
                (row for row in rows if row["text"]), key=lambda row: row["text"]
            )
            result.texts = [
                Answer(text=row["text"], is_need=row["is_need"]) for row in texts
            ]
        else:
            values = [
                row["values"]
                if question.kind == Question.Kind.MULTIPLE
                else row["value"]
                for row in rows
            ]
            if not question.background:
                # A background question's own counts would show who is alone
                # in a group; it is only used to break the others down.
                result.overall = _distribution("", question, values, hide_small=False)
                for key, background in backgrounds.items():
                    membership = groups[key]
                    split = []
                    counter = Counter(membership.values())
                    for index, choice in enumerate(background.choices):
                        if not counter.get(index):
                            continue
                        in_group = [
                            row["values"]
                            if question.kind == Question.Kind.MULTIPLE
                            else row["value"]
                            for row in rows
                            if membership.get(row["response_id"]) == index
                        ]
                        if in_group:
                            split.append(
                                _distribution(
                                    choice, question, in_group, hide_small=True
                                )
                            )
                    rest = [
                        row["values"]
                        if question.kind == Question.Kind.MULTIPLE
                        else row["value"]
                        for row in rows
                        if row["response_id"] not in membership
                    ]
                    if rest:
                        split.append(
                            _distribution(
                                gettext("not stated"), question, rest, hide_small=True
                            )
                        )
                    _suppress_complement(split)
                    if split:
                        result.breakdowns[str(background.text)] = split
        results.append(result)
    return Results(
        questionnaire=questionnaire, asked=asked, answered=answered, questions=results
    )


def results_withheld(questionnaire: Questionnaire, answered: int) -> str:
    """Why the answers cannot be shown yet: while a questionnaire is open,
    each new answer would show as a change that someone who knows who just
    answered could read; with fewer than MIN_GROUP answers, they could be
    one person's."""
    if questionnaire.status != Questionnaire.Status.CLOSED:
        return gettext(
            "The answers are shown when the questionnaire is closed, so that no "
            "one can see one person's answer as a change in the results."
        )
    if answered < MIN_GROUP:
        return gettext(
            "Fewer than %(min)s have answered, so the answers are not shown: "
            "they could be told apart."
        ) % {"min": MIN_GROUP}
    return ""
