"""The participants of the year: who attended a session, the reporting
category each elected official counts under, and the officials by title."""

import datetime
from collections import Counter

from django.db.models import Q

from mandat.directory.models import (
    Assignment,
    ReportingCategory,
)
from mandat.trainings.models import (
    Occasion,
    SessionAttendance,
)

ATTENDED = (SessionAttendance.Status.ATTENDED, SessionAttendance.Status.PARTLY)


# An occasion's sessions lie within this long of its start.
OCCASION_SPAN = datetime.timedelta(days=366)


def attended_people(organisation, start, end) -> set[int]:
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


def reporting_categories(organisation, people, start, end) -> dict[int, str]:
    """The reporting category each of ``people`` counts under in the year:
    of the bodies they sat on, the first in CATEGORY_ORDER."""
    rank: dict[str, int] = {
        value: number for number, value in enumerate(CATEGORY_ORDER)
    }
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


def category_rows(people, categories: dict[int, str]) -> list[dict]:
    counts = Counter(categories[pk] for pk in people if pk in categories)
    return [
        {"category": str(label), "key": value, "people": counts[value]}
        for value, label in ReportingCategory.choices
        if counts[value]
    ]


def officials_by_title(people: list[tuple[str, str, str]]) -> list[dict]:
    """Officials who attended (their kind, gender, title), by title, the
    commonest first."""
    titles = Counter(title for _kind, _gender, title in people)
    rows = sorted(titles.items(), key=lambda row: (-row[1], row[0]))
    return [{"title": title or "–", "people": count} for title, count in rows]
