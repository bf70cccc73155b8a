"""Writers for trainings and their occasions and sessions."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry, Organisation
from mandat.core.search import search_record_update
from mandat.core.services import (
    Actor,
    actor_user,
    audit_created,
    audit_entry_build,
    audit_status,
    audit_updated,
    changed,
    record_update,
    snapshot,
    status_change,
)

from ..models import (
    ACTIVE_STATUSES,
    Occasion,
    OccasionMove,
    Registration,
    Session,
    Training,
)
from .messages import occasion_notify_cancel, occasion_notify_change
from .registrations import waiting_list_promote

# Trainings and occasions --------------------------------------------------------


@transaction.atomic
def training_create(
    *, actor: Actor, organisation: Organisation, title: str, **fields: Any
) -> Training:
    """Create a training as a draft."""
    for name in ("plan_item", "responsible_body", "target_group"):
        value = fields.get(name)
        owner = getattr(value, "organisation_id", None)
        if name == "plan_item" and value is not None:
            owner = value.plan.organisation_id
        if value is not None and owner != organisation.pk:
            raise ApplicationError(
                _("That belongs to another organisation."), field=name
            )
    training = Training.objects.create(
        organisation=organisation,
        title=title,
        created_by=actor_user(actor),
        **fields,
    )
    audit_created(actor, training)
    search_record_update(training)
    return training


@transaction.atomic
def training_update(*, actor: Actor, training: Training, **fields: Any) -> Training:
    """Change a training's details."""
    if record_update(actor=actor, instance=training, fields=fields):
        search_record_update(training)
    return training


@transaction.atomic
def training_set_status(*, actor: Actor, training: Training, status: str) -> Training:
    """Open registration, close it, or mark the training held."""
    if status not in Training.Status.values:
        raise ApplicationError(_("Unknown status."))
    if status not in Training.NEXT_STATUSES[training.status]:
        raise ApplicationError(
            _("A training that is %(now)s cannot become %(new)s.")
            % {
                "now": training.get_status_display().lower(),
                "new": Training.Status(status).label.lower(),
            }
        )
    if (
        status == Training.Status.OPEN
        and not training.occasions.exclude(status=Occasion.Status.CANCELLED).exists()
    ):
        raise ApplicationError(_("Add an occasion before opening registration."))
    before = training.status
    training.status = status
    training.save(update_fields=["status", "updated_at"])
    if status == Training.Status.HELD:
        training.occasions.filter(status=Occasion.Status.PLANNED).update(
            status=Occasion.Status.HELD
        )
    audit_status(actor, training, before, training.status)
    return training


@dataclass(frozen=True)
class SessionInput:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    label: str = ""


def _check_occasion(
    *,
    sessions: list[SessionInput],
    capacity: int | None,
    minimum: int | None,
    deadline: datetime.datetime | None,
    completion: int | None,
) -> None:
    if not sessions:
        raise ApplicationError(
            _("An occasion needs at least one session."), field="sessions"
        )
    for session in sessions:
        if session.ends_at <= session.starts_at:
            raise ApplicationError(
                _("A session must end after it starts."), field="sessions"
            )
    if capacity is not None and capacity < 1:
        raise ApplicationError(
            _("The number of places must be at least 1."), field="capacity"
        )
    if minimum is not None and minimum < 0:
        raise ApplicationError(
            _("The minimum cannot be negative."), field="minimum_participants"
        )
    if capacity is not None and minimum is not None and minimum > capacity:
        raise ApplicationError(
            _("The minimum is larger than the number of places."),
            field="minimum_participants",
        )
    first = min(session.starts_at for session in sessions)
    if deadline is not None and deadline > first:
        raise ApplicationError(
            _("The last day to register must be before the occasion starts."),
            field="registration_deadline",
        )
    if completion is not None and not 1 <= completion <= len(sessions):
        raise ApplicationError(
            _("The sessions needed to complete must be between 1 and %(count)s.")
            % {"count": len(sessions)},
            field="completion_min_sessions",
        )


def _store_sessions(occasion: Occasion, sessions: list[SessionInput]) -> None:
    existing = list(occasion.sessions.order_by("starts_at", "id"))
    ordered = sorted(sessions, key=lambda s: s.starts_at)
    for index, wanted in enumerate(ordered):
        if index < len(existing):
            session = existing[index]
            session.starts_at, session.ends_at = wanted.starts_at, wanted.ends_at
            session.label = wanted.label
            session.save()
        else:
            Session.objects.create(
                occasion=occasion,
                starts_at=wanted.starts_at,
                ends_at=wanted.ends_at,
                label=wanted.label,
            )
    for session in existing[len(ordered) :]:
        session.delete()
    occasion.starts_at = ordered[0].starts_at
    occasion.ends_at = max(s.ends_at for s in ordered)


OCCASION_FIELDS = (
    "label",
    "format",
    "location",
    "meeting_url",
    "capacity",
    "minimum_participants",
    "registration_deadline",
    "completion_min_sessions",
)


@transaction.atomic
def occasion_create(
    *, actor: Actor, training: Training, sessions: list[SessionInput], **fields: Any
) -> Occasion:
    """Add an occasion with its sessions to a training."""
    _check_occasion(
        sessions=sessions,
        capacity=fields.get("capacity"),
        minimum=fields.get("minimum_participants"),
        deadline=fields.get("registration_deadline"),
        completion=fields.get("completion_min_sessions"),
    )
    occasion = Occasion(organisation=training.organisation, training=training, **fields)
    occasion.save()
    _store_sessions(occasion, sessions)
    occasion.save(update_fields=["starts_at", "ends_at"])
    audit_created(actor, occasion, OCCASION_FIELDS)
    return occasion


@transaction.atomic
def occasion_update(
    *,
    actor: Actor,
    occasion: Occasion,
    sessions: list[SessionInput] | None = None,
    move_reason: str = "",
    **fields: Any,
) -> Occasion:
    """Change an occasion. New times move it: the move and its reason are
    recorded, registrations are kept, and everyone registered or waiting gets
    the change with an updated calendar entry."""
    occasion = Occasion.objects.select_for_update().get(pk=occasion.pk)
    if occasion.status == Occasion.Status.CANCELLED:
        raise ApplicationError(_("A cancelled occasion cannot be changed."))
    stored = list(occasion.sessions.all())
    current = [SessionInput(s.starts_at, s.ends_at, s.label) for s in stored]
    sessions = sessions if sessions is not None else current
    merged = {
        name: fields.get(name, getattr(occasion, name)) for name in OCCASION_FIELDS
    }
    _check_occasion(
        sessions=sessions,
        capacity=merged["capacity"],
        minimum=merged["minimum_participants"],
        deadline=merged["registration_deadline"],
        completion=merged["completion_min_sessions"],
    )
    ordered = sorted(sessions, key=lambda s: s.starts_at)
    moved = [(s.starts_at, s.ends_at) for s in ordered] != [
        (s.starts_at, s.ends_at) for s in current
    ]
    renamed = [s.label for s in ordered] != [s.label for s in current]
    has_people = occasion.registrations.filter(status__in=ACTIVE_STATUSES).exists()
    if moved and has_people and not move_reason.strip():
        raise ApplicationError(
            _("Say why the occasion moves; everyone registered is told."),
            field="move_reason",
        )
    before = snapshot(occasion, OCCASION_FIELDS)
    old_start = occasion.starts_at
    for name, value in fields.items():
        setattr(occasion, name, value)
    if moved or renamed:
        _store_sessions(occasion, sessions)
    calendar_fields = {"location", "meeting_url", "format", "label"}
    changes = changed(before, occasion)
    notify = moved or renamed or bool(calendar_fields & set(changes))
    if notify:
        occasion.sequence += 1
    occasion.save()
    if moved:
        new_start = occasion.starts_at
        # An occasion always has a session, so a start (the column allows none).
        assert old_start is not None and new_start is not None
        changes["starts_at"] = [old_start.isoformat(), new_start.isoformat()]
        if move_reason.strip():
            OccasionMove.objects.create(
                occasion=occasion,
                old_starts_at=old_start,
                new_starts_at=new_start,
                reason=move_reason.strip(),
                moved_by=actor_user(actor),
            )
    if renamed:
        changes["sessions"] = [[s.label for s in current], [s.label for s in ordered]]
    if changes:
        audit_updated(actor, occasion, changes, message=move_reason.strip())
    if notify:
        occasion_id, sequence = occasion.pk, occasion.sequence
        occasion_notify_change(occasion_id, sequence, move_reason.strip())
    if "capacity" in changes:
        # A place may have opened.
        waiting_list_promote(occasion, actor=actor)
    return occasion


@transaction.atomic
def occasion_cancel(*, actor: Actor, occasion: Occasion, reason: str) -> Occasion:
    """Cancel an occasion: its registrations end with the occasion's reason
    (they stay as history), everyone registered or waiting is told, and the
    calendar entries of those with places are removed."""
    if not reason.strip():
        raise ApplicationError(_("Give the reason for cancelling."), field="reason")
    occasion = Occasion.objects.select_for_update().get(pk=occasion.pk)
    if occasion.status == Occasion.Status.CANCELLED:
        return occasion
    occasion.status = Occasion.Status.CANCELLED
    occasion.cancel_reason = reason.strip()
    occasion.sequence += 1
    occasion.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    audit_status(
        actor,
        occasion,
        Occasion.Status.PLANNED,
        occasion.status,
        message=occasion.cancel_reason,
    )
    active = list(occasion.registrations.filter(status__in=ACTIVE_STATUSES))
    had_places = {r.pk: r.status == Registration.Status.REGISTERED for r in active}
    was = {r.pk: r.status for r in active}
    now = timezone.now()
    for registration in active:
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.status_reason = occasion.cancel_reason
    Registration.objects.bulk_update(
        active, ["status", "cancelled_at", "status_reason"], batch_size=500
    )
    AuditEntry.objects.bulk_create(
        [
            audit_entry_build(
                actor=actor,
                organisation=occasion.organisation,
                action=AuditEntry.Action.UPDATE,
                instance=registration,
                changes=status_change(
                    registration, was[registration.pk], registration.status
                ),
                message=occasion.cancel_reason,
            )
            for registration in active
        ]
    )
    training = occasion.training
    if not training.occasions.exclude(status=Occasion.Status.CANCELLED).exists():
        training.status = Training.Status.CANCELLED
        training.cancel_reason = occasion.cancel_reason
        training.save(update_fields=["status", "cancel_reason", "updated_at"])
    occasion_id = occasion.pk
    occasion_notify_cancel(occasion_id, had_places)
    return occasion
