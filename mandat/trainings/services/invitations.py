"""Writers for a training's target group and the invitations sent to it."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.addresses import absolute_url
from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.core.services import Actor, actor_user, audit_entry_build
from mandat.directory.models import Person, TargetGroup, TargetRule
from mandat.directory.selectors import target_group_people
from mandat.directory.services import (
    target_group_create,
    target_rule_create,
    target_rule_delete,
)
from mandat.notifications.services import (
    Recipient,
    message_queue_bulk,
)

from .. import tasks
from ..models import (
    Invitation,
    InvitationBatch,
    Occasion,
    Training,
)
from .messages import reply_to_of, training_contact

# Invitations ---------------------------------------------------------------------


@transaction.atomic
def target_rule_add(*, actor: Actor, training: Training, **fields: Any) -> TargetRule:
    """Add a rule to the training's target group, creating the group first."""
    group = training.target_group
    if group is None:
        group = target_group_create(
            actor=actor,
            organisation=training.organisation,
            name=_unique_group_name(training),
        )
        training.target_group = group
        training.save(update_fields=["target_group", "updated_at"])
    return target_rule_create(actor=actor, group=group, **fields)


def _unique_group_name(training: Training) -> str:
    name = _("Target group of %(training)s") % {"training": training.title}
    # Names are unique letter case aside (target_group_create says so).
    taken = {
        taken.casefold()
        for taken in TargetGroup.objects.filter(
            organisation=training.organisation, name__istartswith=name
        ).values_list("name", flat=True)
    }
    number, candidate = 1, name
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


@transaction.atomic
def target_rule_remove(*, actor: Actor, training: Training, rule_id: int) -> None:
    """Take a rule out of the training's target group."""
    if training.target_group is not None:
        target_rule_delete(actor=actor, group=training.target_group, rule_id=rule_id)


@transaction.atomic
def invitation_send(
    *,
    actor: Actor,
    training: Training,
    group: TargetGroup | None = None,
    people: Iterable[Person] | None = None,
    on: datetime.date | None = None,
) -> InvitationBatch:
    """Invite the target group as it stands on ``on`` (today when not
    given: the first day of a new term for an introduction), or the given
    people. Those already invited are not invited twice; each new invitee
    gets an e-mail with a personal link. Returns the sending with its
    count."""
    # Lock the training so that two sendings at once (a double submit) do
    # not both invite the same people.
    training = Training.objects.select_for_update().get(pk=training.pk)
    if training.status not in (Training.Status.OPEN,):
        raise ApplicationError(_("Open registration before sending invitations."))
    group = group or training.target_group
    if people is None:
        if group is None:
            raise ApplicationError(_("Choose a target group first."), field="group")
        people = target_group_people(group=group, on=on or timezone.localdate())
    people = list(people)
    already = set(
        Invitation.objects.filter(training=training).values_list("person_id", flat=True)
    )
    new_people = [p for p in people if p.pk not in already]
    batch = InvitationBatch.objects.create(
        training=training,
        sent_by=actor_user(actor),
        recipient_count=len(new_people),
        description=str(group) if group else _("Chosen people"),
    )
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                organisation=training.organisation,
                training=training,
                person=person,
                batch=batch,
            )
            for person in new_people
        ],
        batch_size=1000,
    )
    AuditEntry.objects.bulk_create(
        [
            audit_entry_build(
                actor=actor,
                organisation=training.organisation,
                action=AuditEntry.Action.CREATE,
                instance=invitation,
                message=str(batch.description),
            )
            for invitation in invitations
        ],
        batch_size=1000,
    )
    batch_id = batch.pk
    # The e-mails are made by the worker: thousands of them would hold the
    # page. Should the task be lost, ``invitation_batches_requeue`` finds the
    # sending without its messages.
    transaction.on_commit(lambda: tasks.invitations_queue_task.enqueue(batch_id))
    return batch


@transaction.atomic
def invitations_queue(*, batch_id: int) -> int:
    """Put the invitations of one sending in the outbox; safe to run twice
    (each message's key names its invitation). Return how many were queued."""
    batch = (
        InvitationBatch.objects.select_for_update()
        .select_related("training__organisation")
        .get(pk=batch_id)
    )
    training = batch.training
    occasions = list(
        training.occasions.exclude(status=Occasion.Status.CANCELLED).prefetch_related(
            "sessions"
        )
    )
    invitations = batch.invitations.select_related("person__account")
    items = []
    for invitation in invitations:
        person = invitation.person
        items.append(
            (
                Recipient.for_person(person),
                f"training-invitation:{invitation.pk}",
                {
                    "person": person,
                    "training": training,
                    "occasions": occasions,
                    "link": absolute_url(
                        reverse("trainings:personal", args=[invitation.token])
                    ),
                },
            )
        )
    queued = message_queue_bulk(
        organisation=training.organisation,
        event="trainings.invitation",
        items=items,
        about=training,
        reply_to=reply_to_of(training_contact(training)),
    )
    batch.messages_queued_at = timezone.now()
    batch.save(update_fields=["messages_queued_at"])
    return queued


def invitation_batches_requeue() -> int:
    """Queue again the sendings whose invitation e-mails never reached the
    outbox (the process died before its task ran); run by the worker's tick."""
    late = timezone.now() - datetime.timedelta(seconds=settings.MESSAGE_REQUEUE_SECONDS)
    batches = list(
        InvitationBatch.objects.filter(
            messages_queued_at__isnull=True, sent_at__lt=late
        ).values_list("pk", flat=True)[:100]
    )
    for batch_id in batches:
        tasks.invitations_queue_task.enqueue(batch_id)
    return len(batches)
