"""Writers for the training plan of a mandate period."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.core.services import (
    Actor,
    audit_created,
    audit_saved,
    diff,
    snapshot,
)
from mandat.directory.models import MandatePeriod

from ..models import (
    PlanItem,
    TrainingPlan,
)

# The plan ----------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    actor: Actor,
    organisation: Organisation,
    period: MandatePeriod,
    title: str,
    **fields: Any,
) -> TrainingPlan:
    """Create the training plan of a mandate period."""
    if period.organisation_id != organisation.pk:
        raise ApplicationError(_("The mandate period belongs to another organisation."))
    if TrainingPlan.objects.filter(organisation=organisation, period=period).exists():
        raise ApplicationError(
            _("This mandate period already has a plan."), field="period"
        )
    plan = TrainingPlan.objects.create(
        organisation=organisation, period=period, title=title, **fields
    )
    audit_created(actor, plan)
    return plan


@transaction.atomic
def plan_item_save(
    *, actor: Actor, plan: TrainingPlan, item: PlanItem | None = None, **fields: Any
) -> PlanItem:
    """Create or change an item of the plan."""
    creating = item is None
    item = item or PlanItem(plan=plan)
    # The caller may have set the new values on ``item`` already (a model
    # form does), so the old ones are read from the database.
    before = {} if creating else snapshot(PlanItem.objects.get(pk=item.pk), fields)
    for name, value in fields.items():
        setattr(item, name, value)
    if not 1 <= int(item.year or 0) <= 4:
        raise ApplicationError(_("The year must be 1, 2, 3 or 4."), field="year")
    if item.month is not None and not 1 <= item.month <= 12:
        raise ApplicationError(_("The month must be 1 to 12."), field="month")
    item.save()
    changes = diff(before, snapshot(item, fields))
    if creating or changes:
        audit_saved(actor, item, creating, changes, organisation=plan.organisation)
    return item
