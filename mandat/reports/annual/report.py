"""The report as a whole: the steering group, its members and meetings, and
the sections each module computes, with the commissions, the costs and the
coordinator's narrative."""

import datetime

from django.db.models import Q, Sum
from django.utils import timezone

from mandat.directory.models import (
    MEMBER_ROLES,
    Assignment,
    AssignmentRole,
    Person,
)
from mandat.meetings.models import Commission, Meeting, MeetingGroup

from ..models import Budget, CostLine, ReportNarrative
from .participants import (
    attended_people,
    category_rows,
    officials_by_title,
    reporting_categories,
)
from .trainings import (
    attended_occasions,
    occasions_held,
    people_facts,
    trainings_report,
)

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
                "party": a.party.abbreviation if a.party is not None else "",
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
    held = occasions_held(organisation, start, end)
    seen = attended_occasions(held)
    in_year = attended_people(organisation, start, end)
    people = people_facts(organisation, {row[2] for row in seen} | in_year)
    categories = reporting_categories(
        organisation,
        [pk for pk, (kind, *_rest) in people.items() if kind == Person.Kind.ELECTED],
        start,
        end,
    )
    report.update(
        trainings_report(organisation, year, start, end, held, seen, people, categories)
    )
    report["participants_by_category"] = category_rows(
        [pk for pk in in_year if people[pk][0] == Person.Kind.ELECTED], categories
    )
    report["officials_by_title"] = officials_by_title(
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
