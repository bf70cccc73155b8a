"""The evaluations of the year's trainings: asked, answered and the share of
the two highest grades, shown as on the results page."""

from django.db.models import Count, Q

from mandat.core.figures import whole_percent
from mandat.directory.models import (
    Person,
)
from mandat.evaluations.models import Answer, Question, Questionnaire, Recipient
from mandat.evaluations.selectors import MIN_GROUP


def evaluation_figures(training_ids, start, end) -> dict:
    """For each training: asked and answered of the occasions in the year,
    the response rate, and the share of the two highest overall grades in its
    evaluation (answers carry no occasion: they are anonymous), shown only
    when the evaluation is closed and at least MIN_GROUP answered, as on the
    results page."""
    recipients = Recipient.objects.filter(
        questionnaire__training_id__in=training_ids,
    ).filter(
        Q(occasion__starts_at__gte=start, occasion__starts_at__lt=end)
        | Q(occasion__isnull=True, sent_at__gte=start, sent_at__lt=end)
    )
    counts = {
        row["questionnaire__training_id"]: row
        for row in recipients.values("questionnaire__training_id")
        .annotate(
            asked=Count("id"),
            answered=Count("id", filter=Q(has_answered=True)),
            elected_asked=Count("id", filter=Q(person__kind=Person.Kind.ELECTED)),
            elected_answered=Count(
                "id", filter=Q(has_answered=True, person__kind=Person.Kind.ELECTED)
            ),
        )
        .order_by()
    }
    closed = set(
        Questionnaire.objects.filter(
            training_id__in=training_ids, status=Questionnaire.Status.CLOSED
        ).values_list("training_id", flat=True)
    )
    steps = {
        q.questionnaire.training_id: len(q.choices)
        for q in Question.objects.filter(
            questionnaire__training_id__in=training_ids, is_grade=True
        ).select_related("questionnaire")
    }
    grades: dict[int, dict[str, int]] = {}
    for training_id, value, count in (
        Answer.objects.filter(
            question__questionnaire__training_id__in=training_ids,
            question__is_grade=True,
            value__isnull=False,
        )
        .values_list("question__questionnaire__training_id", "value")
        .annotate(count=Count("id"))
        .order_by()
    ):
        row = grades.setdefault(training_id, {"answers": 0, "top_two": 0})
        row["answers"] += count
        if value >= steps.get(training_id, 4) - 2:
            row["top_two"] += count
    result = {}
    for training_id, row in counts.items():
        grade = grades.get(training_id, {"answers": 0, "top_two": 0})
        shown = training_id in closed and grade["answers"] >= MIN_GROUP
        result[training_id] = {
            "asked": row["asked"],
            "answered": row["answered"],
            # Of those asked, the elected officials: the figure a report on
            # the political assignment gives when officials were asked too.
            "elected_asked": row["elected_asked"],
            "elected_answered": row["elected_answered"],
            "elected_response_rate": whole_percent(
                row["elected_answered"], row["elected_asked"]
            ),
            "response_rate": whole_percent(row["answered"], row["asked"]),
            "top_two_share": whole_percent(grade["top_two"], grade["answers"])
            if shown
            else None,
        }
    return result
