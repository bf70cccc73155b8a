"""The year's trainings: the occasions held, who was invited, registered and
attended each, what was cancelled or moved, and the totals."""

from collections import Counter

from django.db.models import Count, F, Min, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from mandat.directory.models import (
    Person,
)
from mandat.trainings.models import (
    Invitation,
    Occasion,
    OccasionMove,
    PlanItem,
    Registration,
    SessionAttendance,
    Training,
)

from .evaluations import evaluation_figures
from .participants import ATTENDED, category_rows


def _occasions(organisation, start, end):
    return Occasion.objects.filter(
        organisation=organisation, starts_at__gte=start, starts_at__lt=end
    )


def occasions_held(organisation, start, end):
    """The year's occasions carried out: held, or over, and not cancelled;
    a planned occasion later in the year is not (yet) carried out."""
    return (
        _occasions(organisation, start, end)
        .exclude(status=Occasion.Status.CANCELLED)
        .filter(Q(status=Occasion.Status.HELD) | Q(ends_at__lt=timezone.now()))
    )


def attended_occasions(held) -> list[tuple[int, int, int]]:
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


def people_facts(organisation, ids: set[int]) -> dict[int, tuple[str, str, str]]:
    """Kind, gender and title of the people ``ids``."""
    return {
        pk: (kind, gender, title)
        for pk, kind, gender, title in Person.objects.filter(
            organisation=organisation, pk__in=sorted(ids)
        ).values_list("pk", "kind", "gender", "title")
    }


def trainings_report(
    organisation, year, start, end, held, seen, people, categories
) -> dict:
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
    evaluations = evaluation_figures(held_ids, start, end)
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
                "plan_item": training.plan_item.title
                if training.plan_item is not None
                else "",
                "target_group": training.target_group.name
                if training.target_group is not None
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
                "by_category": category_rows(came, categories),
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
