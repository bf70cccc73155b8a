"""Readers for follow-up: costs by year, training and category, and each
budget against what was spent."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from mandat.core.figures import whole_percent
from mandat.directory.models import Assignment
from mandat.trainings.models import SessionAttendance

from .models import Budget, CostLine


def cost_list(*, organisation, year: int | None = None) -> QuerySet:
    costs = CostLine.objects.filter(organisation=organisation).select_related(
        "training", "occasion"
    )
    if year is not None:
        costs = costs.filter(incurred_on__year=year)
    return costs


def cost_years(*, organisation) -> list[int]:
    years = set(
        CostLine.objects.filter(organisation=organisation)
        .values_list("incurred_on__year", flat=True)
        .distinct()
    ) | set(
        Budget.objects.filter(organisation=organisation).values_list("year", flat=True)
    )
    return sorted(years, reverse=True)


def cost_totals(*, organisation, year: int) -> dict:
    """The year's total, and totals per category and per training."""
    costs = cost_list(organisation=organisation, year=year)
    by_category = dict(
        costs.values_list("category").annotate(total=Sum("amount")).order_by()
    )
    by_training = list(
        costs.values("training_id", "training__title")
        .annotate(total=Sum("amount"), lines=Count("id"))
        .order_by("-total")
    )
    return {
        "total": sum(by_category.values()),
        "by_category": [
            (label, by_category.get(value, 0))
            for value, label in CostLine.Category.choices
        ],
        "by_training": by_training,
    }


@dataclass(frozen=True)
class BudgetStatus:
    budget: Budget
    spent: int

    @property
    def left(self) -> int:
        return self.budget.amount - self.spent

    @property
    def over_by(self) -> int:
        return max(0, self.spent - self.budget.amount)

    @property
    def over(self) -> bool:
        return self.spent > self.budget.amount

    @property
    def share(self) -> int:
        return whole_percent(self.spent, self.budget.amount) or 0


def budget_status(*, organisation, year: int) -> list[BudgetStatus]:
    """Each of the year's budgets with what has been spent against it."""
    costs = CostLine.objects.filter(organisation=organisation, incurred_on__year=year)
    total = costs.aggregate(total=Sum("amount"))["total"] or 0
    by_body = dict(
        costs.values_list("training__responsible_body")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return [
        BudgetStatus(
            budget=budget,
            spent=total if budget.body_id is None else by_body.get(budget.body_id, 0),
        )
        for budget in Budget.objects.filter(organisation=organisation, year=year)
        .select_related("body")
        .order_by("body__name")
    ]


def fee_basis(*, body, starts_on, ends_on) -> QuerySet:
    """Who of ``body``'s members and substitutes attended which session
    between two dates: the basis for fees (*underlag för arvode*) that the
    body's own fee system uses. Mandat computes no fees."""
    member = Assignment.objects.filter(
        person=OuterRef("registration__person"), body=body, starts_on__lte=ends_on
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
    return (
        SessionAttendance.objects.filter(
            Exists(member),
            registration__organisation=body.organisation,
            session__starts_at__date__gte=starts_on,
            session__starts_at__date__lte=ends_on,
            status__in=[
                SessionAttendance.Status.ATTENDED,
                SessionAttendance.Status.PARTLY,
            ],
        )
        .select_related(
            "registration__person",
            "registration__occasion__training",
            "session",
        )
        .order_by("session__starts_at", "registration__person__last_name")
    )
