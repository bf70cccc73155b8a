"""Assignments from the executive board (*uppdrag*) and their history."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.services import Actor, audit_created, audit_updated
from mandat.directory.models import Party
from mandat.trainings.models import Training

from ..models import Commission, CommissionEvent, MeetingGroup


@transaction.atomic
def commission_create(
    *,
    actor: Actor,
    group: MeetingGroup,
    reference: str,
    decided_on: datetime.date,
    title: str,
    text: str,
    proposing_parties: Iterable[Party] = (),
    trainings: Iterable[Training] = (),
) -> Commission:
    """Record an assignment the executive board gave the group."""
    organisation = group.organisation_id
    if any(p.organisation_id != organisation for p in proposing_parties) or any(
        t.organisation_id != organisation for t in trainings
    ):
        raise ApplicationError(_("Links must be to this organisation's records."))
    commission = Commission.objects.create(
        organisation=group.organisation,
        group=group,
        reference=reference.strip(),
        decided_on=decided_on,
        title=title.strip(),
        text=text.strip(),
    )
    commission.proposing_parties.set(proposing_parties)
    commission.trainings.set(trainings)
    CommissionEvent.objects.create(
        commission=commission,
        status=Commission.Status.ONGOING,
        on=decided_on,
        note=_("Given by %(reference)s") % {"reference": commission.reference},
        actor_label=getattr(actor, "email", "") or "system",
    )
    audit_created(actor, commission, message=str(commission))
    return commission


@transaction.atomic
def commission_update(
    *,
    actor: Actor,
    commission: Commission,
    status: str,
    on: datetime.date,
    note: str = "",
    trainings: Iterable[Training] | None = None,
) -> Commission:
    """Change an assignment's status (each change kept in its history) and
    the trainings that carry it out."""
    if status not in Commission.Status.values:
        raise ApplicationError(_("Unknown status."), field="status")
    if on < commission.decided_on:
        raise ApplicationError(_("The date cannot be before the decision."), field="on")
    if trainings is not None:
        if any(t.organisation_id != commission.organisation_id for t in trainings):
            raise ApplicationError(_("Links must be to this organisation's records."))
        commission.trainings.set(trainings)
    if status != commission.status or note.strip():
        CommissionEvent.objects.create(
            commission=commission,
            status=status,
            on=on,
            note=note.strip(),
            actor_label=getattr(actor, "email", "") or "system",
        )
        before = commission.status
        commission.status = status
        commission.save(update_fields=["status"])
        audit_updated(
            actor,
            commission,
            {"status": [before, status]} if before != status else None,
            message=note.strip(),
        )
    return commission
