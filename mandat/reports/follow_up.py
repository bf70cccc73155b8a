"""The mandate-period follow-up: who on each body has taken the basic
programme, the plan's items and their status, and evaluation results across
the years. A fixed number of queries whatever the size of the organisation."""

from dataclasses import dataclass, field
from typing import TypedDict

from django.db.models import Count, Q
from django.utils import timezone

from mandat.core.figures import whole_percent
from mandat.directory.models import MEMBER_ROLES, Assignment, AssignmentRole, Body
from mandat.evaluations.models import Answer, Question, Questionnaire, Recipient
from mandat.evaluations.selectors import MIN_GROUP
from mandat.trainings.models import PlanItem, SessionAttendance, TrainingPlan

ATTENDED = (SessionAttendance.Status.ATTENDED, SessionAttendance.Status.PARTLY)
SEATS = (*MEMBER_ROLES, AssignmentRole.SUBSTITUTE)


class ItemTaken(TypedDict):
    """How many of everyone seated have taken a basic item."""

    item: PlanItem
    taken: int
    share: int


@dataclass
class BodyRow:
    body: Body
    people: int
    taken: list[int] = field(default_factory=list)  # people per basic item

    @property
    def shares(self) -> list[int]:
        return [whole_percent(n, self.people) or 0 for n in self.taken]


def follow_up(*, plan: TrainingPlan, body_id: int | None = None) -> dict:
    period = plan.period
    end = min(period.ends_on, timezone.localdate())
    items = list(plan.items.all().prefetch_related("trainings"))
    basic = [item for item in items if item.is_basic]
    # Who has taken each basic item: attended a session of one of its trainings.
    taken: dict[int, set[int]] = {item.pk: set() for item in basic}
    for person_id, item_id in (
        SessionAttendance.objects.filter(
            registration__training__plan_item__in=basic, status__in=ATTENDED
        )
        .values_list("registration__person_id", "registration__training__plan_item_id")
        .distinct()
    ):
        taken[item_id].add(person_id)
    seats = (
        Assignment.objects.filter(
            organisation=plan.organisation,
            role__in=SEATS,
            starts_on__lte=end,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.starts_on))
        .values_list("body_id", "person_id", "person__first_name", "person__last_name")
    )
    by_body: dict[int, dict[int, str]] = {}
    for seat_body, person, first, last in seats:
        by_body.setdefault(seat_body, {})[person] = f"{first} {last}"
    bodies = Body.objects.filter(pk__in=by_body).order_by("reporting_category", "name")
    rows = []
    for body in bodies:
        people = by_body[body.pk]
        rows.append(
            BodyRow(
                body=body,
                people=len(people),
                taken=[len(taken[item.pk] & people.keys()) for item in basic],
            )
        )
    everyone = set().union(*(people.keys() for people in by_body.values()))
    overall = [
        ItemTaken(
            item=item,
            taken=len(taken[item.pk] & everyone),
            share=whole_percent(len(taken[item.pk] & everyone), len(everyone)) or 0,
        )
        for item in basic
    ]
    people_rows = []
    if body_id in by_body:
        people_rows = sorted(
            (
                (name, [person in taken[item.pk] for item in basic])
                for person, name in by_body[body_id].items()
            ),
            key=lambda row: row[0].split(" ", 1)[-1],
        )
    return {
        "plan": plan,
        "items": items,
        "basic": basic,
        "bodies": rows,
        "overall": overall,
        "overall_chart": [(row["item"].title, row["share"]) for row in overall],
        "seated": len(everyone),
        "people": people_rows,
        "body": next((row.body for row in rows if row.body.pk == body_id), None),
        "evaluations": evaluation_years(organisation=plan.organisation, plan=plan),
    }


def evaluation_years(*, organisation, plan) -> list[dict]:
    """Per year of the period: people asked and answered (by the year they
    were asked), and the share of the two highest overall grades (by the year
    of answering, closed evaluations only, none under MIN_GROUP answers)."""
    asked = dict(
        Recipient.objects.filter(
            questionnaire__organisation=organisation,
            questionnaire__training__isnull=False,
        )
        .values_list("sent_at__year")
        .annotate(n=Count("id"))
        .order_by()
    )
    answered = dict(
        Recipient.objects.filter(
            questionnaire__organisation=organisation,
            questionnaire__training__isnull=False,
            has_answered=True,
        )
        .values_list("sent_at__year")
        .annotate(n=Count("id"))
        .order_by()
    )
    steps = dict(
        Question.objects.filter(
            questionnaire__organisation=organisation, is_grade=True
        ).values_list("pk", "choices")
    )
    grades: dict[int, list[int]] = {}
    for year, question_id, value, count in (
        Answer.objects.filter(
            question__questionnaire__organisation=organisation,
            question__questionnaire__training__isnull=False,
            question__questionnaire__status=Questionnaire.Status.CLOSED,
            question__is_grade=True,
            value__isnull=False,
        )
        .values_list("response__submitted_on__year", "question_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        row = grades.setdefault(year, [0, 0])
        row[0] += count
        if value >= len(steps.get(question_id, [0, 0, 0, 0])) - 2:
            row[1] += count
    first, last = plan.period.starts_on.year, plan.period.ends_on.year
    return [
        {
            "year": year,
            "asked": asked.get(year, 0),
            "answered": answered.get(year, 0),
            "response_rate": whole_percent(answered.get(year, 0), asked.get(year, 0)),
            "top_two": whole_percent(grades[year][1], grades[year][0])
            if grades.get(year, [0])[0] >= MIN_GROUP
            else None,
        }
        for year in range(first, min(last, timezone.localdate().year) + 1)
    ]
