"""The steering group's annual report to the executive board: every figure
computed from Mandat's data, the narrative written by the coordinator.

``annual_report`` returns plain data (numbers, strings, ISO dates) that the
web page, the PDF/A, the Word file and the JSON of
``mandat report annual`` all render, so they cannot disagree. The fields
are documented in docs/reports.md. The number of queries does not grow with
the data: every figure is one aggregate."""

import datetime
from collections import Counter

from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from mandat.core.figures import whole_percent
from mandat.directory.models import (
    MEMBER_ROLES,
    Assignment,
    AssignmentRole,
    Person,
    ReportingCategory,
)
from mandat.evaluations.models import Answer, Question, Questionnaire, Recipient
from mandat.evaluations.selectors import MIN_GROUP
from mandat.meetings.models import Commission, Meeting, MeetingGroup
from mandat.trainings.models import (
    Invitation,
    Occasion,
    OccasionMove,
    PlanItem,
    Registration,
    SessionAttendance,
    Training,
)

from .models import Budget, CostLine, ReportNarrative

ATTENDED = (SessionAttendance.Status.ATTENDED, SessionAttendance.Status.PARTLY)
NARRATIVE_SECTIONS = ("introduction", "trainings", "evaluations", "economy", "outlook")


def _year_bounds(year: int):
    start = datetime.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
    return start, start.replace(year=year + 1)


def steering_group(organisation) -> MeetingGroup | None:
    """The organisation's steering group for training, if it has one."""
    return (
        MeetingGroup.objects.filter(organisation=organisation, body__kind="styrgrupp")
        .select_related("body")
        .order_by("id")
        .first()
    )


def annual_report(*, organisation, year: int) -> dict:
    start, end = _year_bounds(year)
    first_day, last_day = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    group = steering_group(organisation)
    report = {
        "organisation": organisation.name,
        "year": year,
        "generated_on": timezone.localdate().isoformat(),
        "steering_group": None,
        "members": [],
        "meetings_held": 0,
        "meeting_dates": [],
    }
    if group is not None:
        report["steering_group"] = group.body.name
        members = (
            Assignment.objects.filter(
                body=group.body,
                role__in=MEMBER_ROLES,
                starts_on__lte=last_day,
            )
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first_day))
            .select_related("person", "party")
            .order_by("starts_on", "person__last_name")
        )
        report["members"] = [
            {
                "name": a.person.full_name,
                "party": a.party.abbreviation if a.party_id else "",
                "role": str(AssignmentRole(a.role).label),
                "chair": a.role == AssignmentRole.CHAIR,
                "from": max(a.starts_on, first_day).isoformat(),
                "to": min(a.ends_on or last_day, last_day).isoformat(),
            }
            for a in members
        ]
        held = Meeting.objects.filter(
            group=group,
            status=Meeting.Status.HELD,
            starts_at__gte=start,
            starts_at__lt=end,
        ).order_by("starts_at")
        dates = [timezone.localdate(m.starts_at).isoformat() for m in held]
        report["meetings_held"] = len(dates)
        report["meeting_dates"] = dates
    # Who attended the year's occasions (per training and occasion), and
    # who attended a session in the year; their kind, gender, title and
    # kind of body are read once for both.
    held = _held(organisation, start, end)
    seen = _seen(held)
    in_year = _attended_people(organisation, start, end)
    people = _people(organisation, {row[2] for row in seen} | in_year)
    categories = _categories(
        organisation,
        [pk for pk, (kind, *_rest) in people.items() if kind == Person.Kind.ELECTED],
        start,
        end,
    )
    report.update(
        _trainings(organisation, year, start, end, held, seen, people, categories)
    )
    report["participants_by_category"] = _category_rows(
        [pk for pk in in_year if people[pk][0] == Person.Kind.ELECTED], categories
    )
    report["officials_by_title"] = _officials(
        [people[pk] for pk in in_year if people[pk][0] == Person.Kind.OFFICIAL]
    )
    report["commissions"] = _commissions(organisation, group, year)
    report["costs"] = _costs(organisation, year)
    narrative = ReportNarrative.objects.filter(
        organisation=organisation, year=year
    ).first()
    report["narrative"] = {
        key: getattr(narrative, key, "") if narrative else ""
        for key in NARRATIVE_SECTIONS
    }
    return report


def _occasions(organisation, start, end):
    return Occasion.objects.filter(
        organisation=organisation, starts_at__gte=start, starts_at__lt=end
    )


def _held(organisation, start, end):
    """The year's occasions carried out: held, or over, and not cancelled;
    a planned occasion later in the year is not (yet) carried out."""
    return (
        _occasions(organisation, start, end)
        .exclude(status=Occasion.Status.CANCELLED)
        .filter(Q(status=Occasion.Status.HELD) | Q(ends_at__lt=timezone.now()))
    )


def _seen(held) -> list[tuple[int, int, int]]:
    """Who attended which of the held occasions: (training, occasion,
    person), read once (a large city's year is a few thousand rows)."""
    return list(
        SessionAttendance.objects.filter(
            registration__occasion__in=held, status__in=ATTENDED
        )
        .values_list(
            "registration__training_id",
            "registration__occasion_id",
            "registration__person_id",
        )
        .distinct()
        .order_by()
    )


def _people(organisation, ids: set[int]) -> dict[int, tuple[str, str, str]]:
    """Kind, gender and title of the people ``ids``."""
    return {
        pk: (kind, gender, title)
        for pk, kind, gender, title in Person.objects.filter(
            organisation=organisation, pk__in=sorted(ids)
        ).values_list("pk", "kind", "gender", "title")
    }


def _trainings(organisation, year, start, end, held, seen, people, categories) -> dict:
    occasions = _occasions(organisation, start, end)
    held_ids = set(held.values_list("training_id", flat=True))
    trainings = (
        Training.objects.filter(pk__in=held_ids)
        .select_related("plan_item", "target_group")
        .annotate(
            occasion_count=Count(
                "occasions",
                filter=Q(occasions__in=held),
                distinct=True,
            ),
            first_start=Min("occasions__starts_at"),
        )
        .order_by("title")
    )
    answers = {
        training_id: (invited, declined)
        for training_id, invited, declined in Invitation.objects.filter(
            training_id__in=held_ids
        )
        .values_list("training_id")
        .annotate(
            invited=Count("person", distinct=True),
            declined=Count(
                "person",
                distinct=True,
                filter=Q(declined_at__isnull=False),
            ),
        )
        .order_by()
    }
    registered = dict(
        Registration.objects.filter(
            occasion__in=held, status=Registration.Status.REGISTERED
        )
        .values_list("training_id")
        .annotate(count=Count("person", distinct=True))
        .order_by()
    )
    by_training: dict[int, set[int]] = {}
    by_occasion: dict[int, set[int]] = {}
    for training_id, occasion_id, person_id in seen:
        by_training.setdefault(training_id, set()).add(person_id)
        by_occasion.setdefault(occasion_id, set()).add(person_id)
    registered_at = dict(
        Registration.objects.filter(
            occasion__in=held, status=Registration.Status.REGISTERED
        )
        .values_list("occasion_id")
        .annotate(count=Count("person", distinct=True))
        .order_by()
    )
    occasion_rows: dict[int, list[dict]] = {}
    for pk, training_id, starts_at, label in held.values_list(
        "pk", "training_id", "starts_at", "label"
    ).order_by("starts_at", "pk"):
        occasion_rows.setdefault(training_id, []).append(
            {
                "date": timezone.localdate(starts_at).isoformat(),
                "label": label,
                "registered": registered_at.get(pk, 0),
                "attended": len(by_occasion.get(pk, ())),
            }
        )
    evaluations = _evaluations(held_ids, start, end)
    rows = []
    for training in trainings:
        # A training's invitations count in the year of its first occasion,
        # so a training over two years is not counted twice.
        invited, declined = (
            answers.get(training.pk, (0, 0))
            if training.first_start >= start
            else (0, 0)
        )
        came = by_training.get(training.pk, set())
        kinds = Counter(people[pk][0] for pk in came)
        genders = Counter(people[pk][1] for pk in came)
        rows.append(
            {
                "title": training.title,
                "in_plan": training.plan_item_id is not None,
                "plan_item": training.plan_item.title if training.plan_item_id else "",
                "target_group": training.target_group.name
                if training.target_group_id
                else "",
                "occasions": training.occasion_count,
                "occasion_rows": occasion_rows.get(training.pk, []),
                "invited": invited,
                "registered": registered.get(training.pk, 0),
                # Invited and neither registered nor declined: no answer.
                "declined": declined,
                "no_answer": max(invited - registered.get(training.pk, 0) - declined, 0)
                if invited
                else 0,
                "attended": len(came),
                "attended_elected": kinds[Person.Kind.ELECTED],
                "attended_officials": kinds[Person.Kind.OFFICIAL],
                "attended_women": genders[Person.Gender.WOMAN],
                "attended_men": genders[Person.Gender.MAN],
                "by_category": _category_rows(came, categories),
                "evaluation": evaluations.get(training.pk),
            }
        )
    cancelled = [
        {
            "title": occasion.training.title,
            "date": timezone.localdate(occasion.starts_at).isoformat(),
            "what": "cancelled",
            "what_label": str(pgettext_lazy("occasion", "Cancelled")),
            "reason": occasion.cancel_reason,
        }
        for occasion in occasions.filter(status=Occasion.Status.CANCELLED)
        .select_related("training")
        .order_by("starts_at")
    ]
    moved = [
        {
            "title": move.occasion.training.title,
            "date": timezone.localdate(move.old_starts_at).isoformat(),
            "what": "moved",
            "what_label": str(pgettext_lazy("occasion", "Moved")),
            "to": timezone.localdate(move.new_starts_at).isoformat(),
            "reason": move.reason,
        }
        for move in OccasionMove.objects.filter(
            occasion__organisation=organisation,
            old_starts_at__gte=start,
            old_starts_at__lt=end,
        )
        .select_related("occasion__training")
        .order_by("old_starts_at")
    ]
    plan_changes = [
        {
            "title": item.title,
            "date": "",
            "what": item.status,
            "what_label": str(item.get_status_display()),
            "reason": item.status_note,
        }
        for item in PlanItem.objects.filter(
            plan__organisation=organisation,
            status__in=[PlanItem.Status.CANCELLED, PlanItem.Status.MOVED],
        )
        # An item of year N of a period that starts in the autumn of the
        # election year is planned for the calendar year after, plus N - 1:
        # reported in that year only (PlanItem.calendar_year).
        .annotate(in_year=ExtractYear("plan__period__starts_on") + F("year"))
        .filter(in_year=year)
        .order_by("year", "title")
    ]
    in_plan = [row for row in rows if row["in_plan"]]
    return {
        "trainings_in_plan": in_plan,
        "trainings_outside_plan": [row for row in rows if not row["in_plan"]],
        "cancelled_or_moved": cancelled + moved + plan_changes,
        "totals": {
            "trainings": len(rows),
            "occasions": sum(row["occasions"] for row in rows),
            "invited": sum(row["invited"] for row in rows),
            "registered": sum(row["registered"] for row in rows),
            "declined": sum(row["declined"] for row in rows),
            "no_answer": sum(row["no_answer"] for row in rows),
            "attended": sum(row["attended"] for row in rows),
        },
    }


def _evaluations(training_ids, start, end) -> dict:
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
    grades = {}
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


# An occasion's sessions lie within this long of its start.
OCCASION_SPAN = datetime.timedelta(days=366)


def _attended_people(organisation, start, end) -> set[int]:
    """The people who attended a session between ``start`` and ``end``.

    Read from the occasions of the period (by the index on their start) and
    their registrations, not from every person's registrations: the work
    grows with the year's trainings, not with the organisation's history."""
    occasions = list(
        Occasion.objects.filter(
            organisation=organisation,
            starts_at__gte=start - OCCASION_SPAN,
            starts_at__lt=end,
        ).values_list("pk", flat=True)
    )
    # The occasions as a list of ids, so the planner starts from them (the
    # sessions' start has no index of its own).
    return set(
        SessionAttendance.objects.filter(
            session__occasion_id__in=occasions,
            status__in=ATTENDED,
            session__starts_at__gte=start,
            session__starts_at__lt=end,
        )
        .values_list("registration__person_id", flat=True)
        .distinct()
        .order_by()
    )


# When someone sat on bodies of several kinds during the year, they count
# once, under the most specific: the committee or board where the work is
# done before the council. So the categories add up to the elected who
# attended, as the reports write it (171 = 88 + 51 + 32).
CATEGORY_ORDER = [
    ReportingCategory.DISTRICT_COMMITTEE,
    ReportingCategory.SPECIALIST_COMMITTEE,
    ReportingCategory.COMPANY,
    ReportingCategory.FOUNDATION,
    ReportingCategory.COUNCIL_AND_EXECUTIVE,
    ReportingCategory.OTHER,
]


def _categories(organisation, people, start, end) -> dict[int, str]:
    """The reporting category each of ``people`` counts under in the year:
    of the bodies they sat on, the first in CATEGORY_ORDER."""
    rank = {value: number for number, value in enumerate(CATEGORY_ORDER)}
    found: dict[int, str] = {}
    for person_id, category in (
        Assignment.objects.filter(
            organisation=organisation,
            person_id__in=people,
            starts_on__lt=end.date(),
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start.date()))
        .values_list("person_id", "body__reporting_category")
        .distinct()
        .order_by()
    ):
        if person_id not in found or rank[category] < rank[found[person_id]]:
            found[person_id] = category
    return found


def _category_rows(people, categories: dict[int, str]) -> list[dict]:
    counts = Counter(categories[pk] for pk in people if pk in categories)
    return [
        {"category": str(label), "key": value, "people": counts[value]}
        for value, label in ReportingCategory.choices
        if counts[value]
    ]


def _officials(people: list[tuple[str, str, str]]) -> list[dict]:
    """Officials who attended (their kind, gender, title), by title, the
    commonest first."""
    titles = Counter(title for _kind, _gender, title in people)
    rows = sorted(titles.items(), key=lambda row: (-row[1], row[0]))
    return [{"title": title or "–", "people": count} for title, count in rows]


def _commissions(organisation, group, year) -> list[dict]:
    if group is None:
        return []
    commissions = Commission.objects.filter(
        group=group, decided_on__lte=datetime.date(year, 12, 31)
    ).prefetch_related("proposing_parties", "events", "trainings")
    rows = []
    for commission in commissions:
        events = [e for e in commission.events.all() if e.on.year <= year]
        status = events[-1].status if events else commission.status
        if status != Commission.Status.ONGOING and events and events[-1].on.year < year:
            continue  # reported back or withdrawn before this year
        rows.append(
            {
                "reference": commission.reference,
                "title": commission.title,
                "status": str(Commission.Status(status).label),
                "proposed_by": [
                    p.abbreviation for p in commission.proposing_parties.all()
                ],
                "trainings": [t.title for t in commission.trainings.all()],
            }
        )
    return rows


def _costs(organisation, year) -> dict:
    costs = CostLine.objects.filter(organisation=organisation, incurred_on__year=year)
    by_category = dict(
        costs.values_list("category").annotate(total=Sum("amount")).order_by()
    )
    total = sum(by_category.values())
    budget = Budget.objects.filter(
        organisation=organisation, year=year, body__isnull=True
    ).first()
    return {
        "total": total,
        "by_category": [
            {"category": str(label), "key": value, "amount": by_category[value]}
            for value, label in CostLine.Category.choices
            if by_category.get(value)
        ],
        "budget": budget.amount if budget else None,
        "over_budget": bool(budget and total > budget.amount),
    }
