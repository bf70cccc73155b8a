"""Writers of costs and budgets."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from mandat.accounts.models import Membership
from mandat.core.access import Role
from mandat.core.addresses import absolute_url
from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.core.richtext import text_clean
from mandat.core.services import (
    Actor,
    actor_user,
    audit_created,
    audit_deleted,
    audit_updated,
)
from mandat.directory.models import Body
from mandat.notifications.services import Recipient, message_queue
from mandat.trainings.models import Occasion, Training

from .models import Budget, CostLine, ReportNarrative

MAX_AMOUNT = 100_000_000


@transaction.atomic
def cost_add(
    *,
    actor: Actor,
    training: Training,
    category: str,
    amount: int,
    incurred_on: datetime.date,
    supplier: str = "",
    description: str = "",
    occasion: Occasion | None = None,
) -> CostLine:
    """Book a cost on a training (and one of its occasions)."""
    if category not in CostLine.Category.values:
        raise ApplicationError(_("Choose a category."), field="category")
    if not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT:
        raise ApplicationError(
            _("Give the amount in whole kronor, more than 0."), field="amount"
        )
    if occasion is not None and occasion.training_id != training.pk:
        raise ApplicationError(_("The occasion is not one of the training's."))
    cost = CostLine.objects.create(
        organisation=training.organisation,
        training=training,
        occasion=occasion,
        category=category,
        amount=amount,
        incurred_on=incurred_on,
        supplier=text_clean(supplier)[:200],
        description=text_clean(description)[:300],
        created_by=actor_user(actor),
    )
    audit_created(actor, cost, message=f"{cost} – {training.title}")
    organisation_id, year = training.organisation_id, incurred_on.year
    budgets_check(organisation_id=organisation_id, year=year)
    return cost


@transaction.atomic
def cost_remove(*, actor: Actor, cost: CostLine) -> None:
    audit_deleted(actor, cost, message=f"{cost} – {cost.training.title}")
    cost.delete()


@transaction.atomic
def budget_set(
    *,
    actor: Actor,
    organisation: Organisation,
    year: int,
    amount: int,
    body: Body | None = None,
    note: str = "",
) -> Budget:
    """Set the budget of a year, for the whole organisation or one body."""
    if not 2000 <= year <= 2100:
        raise ApplicationError(_("Give a year between 2000 and 2100."), field="year")
    if not isinstance(amount, int) or not 0 <= amount <= MAX_AMOUNT:
        raise ApplicationError(_("Give the budget in whole kronor."), field="amount")
    if body is not None and body.organisation_id != organisation.pk:
        raise ApplicationError(_("The body must be in this organisation."))
    budget, _created = Budget.objects.update_or_create(
        organisation=organisation,
        year=year,
        body=body,
        defaults={"amount": amount, "note": text_clean(note)[:300]},
    )
    audit_updated(actor, budget, message=f"{budget}")
    return budget


def cost_spent(*, organisation_id: int, year: int, body_id: int | None) -> int:
    """What a year's costs add up to, in all or for one responsible body."""
    costs = CostLine.objects.filter(
        organisation_id=organisation_id, incurred_on__year=year
    )
    if body_id is not None:
        costs = costs.filter(training__responsible_body_id=body_id)
    return costs.aggregate(total=Sum("amount"))["total"] or 0


def budgets_check(*, organisation_id: int, year: int) -> int:
    """Tell the coordinators, once per budget, when a year's costs pass it."""
    told = 0
    for budget in Budget.objects.filter(
        organisation_id=organisation_id, year=year
    ).select_related("organisation", "body"):
        total = cost_spent(
            organisation_id=organisation_id, year=year, body_id=budget.body_id
        )
        if total <= budget.amount:
            continue
        link = (
            absolute_url(reverse("reports:cost-list", args=[budget.organisation.slug]))
            + f"?year={year}"
        )
        coordinators = Membership.objects.filter(
            organisation_id=organisation_id, role=Role.COORDINATOR
        ).select_related("user")
        for membership in coordinators:
            user = membership.user
            message_queue(
                organisation=budget.organisation,
                event="reports.budget_exceeded",
                recipient=Recipient(
                    email=user.email,
                    name=user.full_name,
                    language=user.language or "sv",
                ),
                dedupe_key=f"budget-exceeded:{budget.pk}:{user.pk}",
                context={
                    "year": year,
                    "budget": budget,
                    "body": budget.body.name if budget.body is not None else "",
                    "total": total,
                    "link": link,
                },
                about=budget,
            )
            told += 1
    return told


@transaction.atomic
def narrative_save(
    *, actor: Actor, narrative: ReportNarrative, **texts: Any
) -> ReportNarrative:
    """Save the coordinator's texts of a year's annual report."""
    for name, value in texts.items():
        setattr(narrative, name, text_clean(value))
    narrative.save()
    audit_updated(actor, narrative, message=f"annual report {narrative.year}")
    return narrative
