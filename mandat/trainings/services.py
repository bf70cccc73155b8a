"""Writers for trainings: the plan, trainings and occasions, invitations,
registrations with their waiting list, attendance. Every change to a
registration lands in the audit trail; every message goes through
notifications.message_queue after the transaction commits."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.accounts.models import Role, User
from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry, Organisation
from mandat.core.services import audit_entry_build, audit_record, diff, snapshot
from mandat.directory.models import Person, TargetGroup, TargetRule
from mandat.directory.selectors import target_group_people
from mandat.notifications.calendar import CalendarEvent, calendar_build, uid_for
from mandat.notifications.services import (
    Recipient,
    message_queue,
    message_queue_bulk,
)

from .models import (
    ACTIVE_STATUSES,
    Contributor,
    Invitation,
    InvitationBatch,
    Occasion,
    OccasionMove,
    PlanItem,
    Registration,
    Session,
    SessionAttendance,
    Training,
    TrainingDocument,
    TrainingPlan,
)

REGISTRATION_FIELDS = ("status", "occasion", "dietary_needs", "accessibility_needs")


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# The plan ----------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *, actor, organisation: Organisation, period, title: str, **fields
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
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        instance=plan,
    )
    return plan


@transaction.atomic
def plan_item_save(
    *, actor, plan: TrainingPlan, item: PlanItem | None = None, **fields
):
    """Create or change an item of the plan."""
    creating = item is None
    item = item or PlanItem(plan=plan)
    before = {} if creating else snapshot(item, fields)
    for name, value in fields.items():
        setattr(item, name, value)
    if not 1 <= int(item.year or 0) <= 4:
        raise ApplicationError(_("The year must be 1, 2, 3 or 4."), field="year")
    if item.month is not None and not 1 <= item.month <= 12:
        raise ApplicationError(_("The month must be 1 to 12."), field="month")
    item.save()
    changes = diff(before, snapshot(item, fields))
    if creating or changes:
        audit_record(
            actor=actor,
            organisation=plan.organisation,
            action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
            instance=item,
            changes=changes,
        )
    return item


# Trainings and occasions --------------------------------------------------------


@transaction.atomic
def training_create(
    *, actor, organisation: Organisation, title: str, **fields
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
        organisation=organisation, title=title, created_by=actor, **fields
    )
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        instance=training,
    )
    return training


@transaction.atomic
def training_update(*, actor, training: Training, **fields) -> Training:
    """Change a training's details."""
    before = snapshot(training, fields)
    for name, value in fields.items():
        setattr(training, name, value)
    training.save()
    changes = diff(before, snapshot(training, fields))
    if changes:
        audit_record(
            actor=actor,
            organisation=training.organisation,
            action=AuditEntry.Action.UPDATE,
            instance=training,
            changes=changes,
        )
    return training


@transaction.atomic
def training_set_status(*, actor, training: Training, status: str) -> Training:
    """Open registration, close it, or mark the training held."""
    allowed = {
        Training.Status.DRAFT: {Training.Status.OPEN},
        Training.Status.OPEN: {Training.Status.CLOSED, Training.Status.DRAFT},
        Training.Status.CLOSED: {Training.Status.OPEN, Training.Status.HELD},
        Training.Status.HELD: set(),
        Training.Status.CANCELLED: set(),
    }
    if status not in allowed[training.status]:
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
    before = training.get_status_display()
    training.status = status
    training.save(update_fields=["status", "updated_at"])
    if status == Training.Status.HELD:
        training.occasions.filter(status=Occasion.Status.PLANNED).update(
            status=Occasion.Status.HELD
        )
    audit_record(
        actor=actor,
        organisation=training.organisation,
        action=AuditEntry.Action.UPDATE,
        instance=training,
        changes={"status": [before, training.get_status_display()]},
    )
    return training


@dataclass(frozen=True)
class SessionInput:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    label: str = ""


def _check_occasion(
    *, sessions: list[SessionInput], capacity, minimum, deadline, completion
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
    *, actor, training: Training, sessions: list[SessionInput], **fields
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
    audit_record(
        actor=actor,
        organisation=training.organisation,
        action=AuditEntry.Action.CREATE,
        instance=occasion,
        changes=diff({}, snapshot(occasion, OCCASION_FIELDS)),
    )
    return occasion


@transaction.atomic
def occasion_update(
    *,
    actor,
    occasion: Occasion,
    sessions: list[SessionInput] | None = None,
    move_reason: str = "",
    **fields,
) -> Occasion:
    """Change an occasion. New times move it: the move and its reason are
    recorded, registrations are kept, and everyone registered or waiting gets
    the change with an updated calendar entry."""
    occasion = Occasion.objects.select_for_update().get(pk=occasion.pk)
    if occasion.status == Occasion.Status.CANCELLED:
        raise ApplicationError(_("A cancelled occasion cannot be changed."))
    current = [
        SessionInput(s.starts_at, s.ends_at, s.label) for s in occasion.sessions.all()
    ]
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
    moved = [
        (s.starts_at, s.ends_at) for s in sorted(sessions, key=lambda s: s.starts_at)
    ] != [(s.starts_at, s.ends_at) for s in current]
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
    if moved:
        _store_sessions(occasion, sessions)
    calendar_fields = {"location", "meeting_url", "format", "label"}
    changes = diff(before, snapshot(occasion, OCCASION_FIELDS))
    if moved or calendar_fields & set(changes):
        occasion.sequence += 1
    occasion.save()
    if moved:
        changes["starts_at"] = [old_start.isoformat(), occasion.starts_at.isoformat()]
        if move_reason.strip():
            OccasionMove.objects.create(
                occasion=occasion,
                old_starts_at=old_start,
                new_starts_at=occasion.starts_at,
                reason=move_reason.strip(),
                moved_by=actor,
            )
    if changes:
        audit_record(
            actor=actor,
            organisation=occasion.organisation,
            action=AuditEntry.Action.UPDATE,
            instance=occasion,
            changes=changes,
            message=move_reason.strip(),
        )
    if moved or calendar_fields & set(changes):
        transaction.on_commit(
            lambda: _notify_change(occasion.pk, occasion.sequence, move_reason.strip())
        )
        # A place may have opened if the capacity grew.
    if "capacity" in changes:
        _promote_waiting(occasion, actor=actor)
    return occasion


@transaction.atomic
def occasion_cancel(*, actor, occasion: Occasion, reason: str) -> Occasion:
    """Cancel an occasion: everyone registered or waiting is told and their
    calendar entries are removed. The registrations stay as history."""
    if not reason.strip():
        raise ApplicationError(_("Give the reason for cancelling."), field="reason")
    occasion = Occasion.objects.select_for_update().get(pk=occasion.pk)
    if occasion.status == Occasion.Status.CANCELLED:
        return occasion
    occasion.status = Occasion.Status.CANCELLED
    occasion.cancel_reason = reason.strip()
    occasion.sequence += 1
    occasion.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    audit_record(
        actor=actor,
        organisation=occasion.organisation,
        action=AuditEntry.Action.UPDATE,
        instance=occasion,
        changes={
            "status": [
                str(Occasion.Status.PLANNED.label),
                str(occasion.get_status_display()),
            ]
        },
        message=occasion.cancel_reason,
    )
    training = occasion.training
    if not training.occasions.exclude(status=Occasion.Status.CANCELLED).exists():
        training.status = Training.Status.CANCELLED
        training.cancel_reason = occasion.cancel_reason
        training.save(update_fields=["status", "cancel_reason", "updated_at"])
    transaction.on_commit(lambda: _notify_cancel(occasion.pk))
    return occasion


# Contributors and documents -----------------------------------------------------


@transaction.atomic
def contributor_add(
    *, actor, occasion: Occasion, person: Person, role: str
) -> Contributor:
    """Make someone course leader, speaker or moderator of an occasion."""
    if person.organisation_id != occasion.organisation_id:
        raise ApplicationError(
            _("The person belongs to another organisation."), field="person"
        )
    contributor, created = Contributor.objects.get_or_create(
        occasion=occasion, person=person, role=role
    )
    if created:
        audit_record(
            actor=actor,
            organisation=occasion.organisation,
            action=AuditEntry.Action.CREATE,
            instance=contributor,
        )
    return contributor


@transaction.atomic
def document_add(
    *, actor, training: Training, title: str, upload, content_type: str
) -> TrainingDocument:
    """Attach a checked document (see documents.check_upload) to a training."""
    document = TrainingDocument.objects.create(
        training=training,
        title=title,
        file=upload,
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    audit_record(
        actor=actor,
        organisation=training.organisation,
        action=AuditEntry.Action.CREATE,
        instance=document,
    )
    return document


@transaction.atomic
def contributor_remove(*, actor, contributor: Contributor) -> None:
    audit_record(
        actor=actor,
        organisation=contributor.occasion.organisation,
        action=AuditEntry.Action.DELETE,
        instance=contributor,
    )
    contributor.delete()


# Invitations ---------------------------------------------------------------------


@transaction.atomic
def target_rule_add(*, actor, training: Training, **fields) -> TargetRule:
    """Add a rule to the training's target group, creating the group first."""
    rule = TargetRule(**fields)
    try:
        rule.full_clean(exclude=["group"])
    except ValidationError as error:
        field, problems = next(iter(error.message_dict.items()))
        raise ApplicationError(problems[0], field=field) from error
    for name in ("body", "person"):
        value = fields.get(name)
        if value is not None and value.organisation_id != training.organisation_id:
            raise ApplicationError(
                _("That belongs to another organisation."), field=name
            )
    group = training.target_group
    if group is None:
        group = TargetGroup.objects.create(
            organisation=training.organisation,
            name=_("Target group of %(training)s") % {"training": training.title},
        )
        training.target_group = group
        training.save(update_fields=["target_group", "updated_at"])
    rule.group = group
    rule.save()
    audit_record(
        actor=actor,
        organisation=training.organisation,
        action=AuditEntry.Action.CREATE,
        instance=rule,
        message=str(training),
    )
    return rule


@transaction.atomic
def target_rule_remove(*, actor, training: Training, rule_id: int) -> None:
    """Take a rule out of the training's target group."""
    rule = TargetRule.objects.filter(pk=rule_id, group=training.target_group).first()
    if rule is None:
        return
    audit_record(
        actor=actor,
        organisation=training.organisation,
        action=AuditEntry.Action.DELETE,
        instance=rule,
        message=str(training),
    )
    rule.delete()


@transaction.atomic
def invitation_send(
    *, actor, training: Training, group: TargetGroup | None = None, people=None
) -> InvitationBatch:
    """Invite the target group as it stands now (or the given people). Those
    already invited are not invited twice; each new invitee gets an e-mail
    with a personal link. Returns the sending with its count."""
    if training.status not in (Training.Status.OPEN,):
        raise ApplicationError(_("Open registration before sending invitations."))
    group = group or training.target_group
    if people is None:
        if group is None:
            raise ApplicationError(_("Choose a target group first."), field="group")
        people = target_group_people(group=group, on=timezone.localdate())
    people = list(people)
    already = set(
        Invitation.objects.filter(training=training).values_list("person_id", flat=True)
    )
    new_people = [p for p in people if p.pk not in already]
    batch = InvitationBatch.objects.create(
        training=training,
        sent_by=actor,
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
    transaction.on_commit(lambda: _queue_invitations(batch_id))
    return batch


def _queue_invitations(batch_id: int) -> int:
    batch = InvitationBatch.objects.select_related("training__organisation").get(
        pk=batch_id
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
    return message_queue_bulk(
        organisation=training.organisation,
        event="trainings.invitation",
        items=items,
        about=training,
    )


# Registration --------------------------------------------------------------------


def _lock_occasion(occasion_id: int) -> Occasion:
    """Lock the occasion's row for the rest of the transaction, so two
    registrations cannot both take the last place (checked after the lock)."""
    return (
        Occasion.objects.select_for_update()
        .select_related("training", "organisation")
        .get(pk=occasion_id)
    )


def _registered_count(occasion: Occasion) -> int:
    return occasion.registrations.filter(status=Registration.Status.REGISTERED).count()


def registration_create(
    *,
    actor,
    occasion: Occasion,
    person: Person,
    invitation: Invitation | None = None,
    on_behalf: bool = False,
    dietary_needs: str = "",
    accessibility_needs: str = "",
) -> Registration:
    """Register ``person`` for ``occasion``, or put them on its waiting list
    when it is full. A second registration for the same training (a double
    click, or another of its alternatives) is refused or returns the first."""
    try:
        with transaction.atomic():
            return _registration_create(
                actor=actor,
                occasion=occasion,
                person=person,
                invitation=invitation,
                on_behalf=on_behalf,
                dietary_needs=dietary_needs,
                accessibility_needs=accessibility_needs,
            )
    except IntegrityError:
        existing = Registration.objects.filter(
            training_id=occasion.training_id, person=person, status__in=ACTIVE_STATUSES
        ).first()
        if existing is not None and existing.occasion_id == occasion.pk:
            return existing
        raise ApplicationError(
            _("You are already registered for this training.")
        ) from None


def _registration_create(
    *,
    actor,
    occasion,
    person,
    invitation,
    on_behalf,
    dietary_needs,
    accessibility_needs,
) -> Registration:
    occasion = _lock_occasion(occasion.pk)
    training = occasion.training
    if person.organisation_id != occasion.organisation_id:
        raise ApplicationError(_("The person belongs to another organisation."))
    if occasion.status != Occasion.Status.PLANNED:
        raise ApplicationError(_("The occasion is cancelled or already held."))
    if occasion.has_started:
        raise ApplicationError(_("The occasion has already started."))
    if not on_behalf:
        if training.status != Training.Status.OPEN:
            raise ApplicationError(_("Registration for this training is not open."))
        if occasion.deadline_passed:
            raise ApplicationError(
                _("The last day to register was %(day)s.")
                % {
                    "day": timezone.localtime(occasion.registration_deadline).strftime(
                        "%Y-%m-%d"
                    )
                }
            )
        invitation = (
            invitation
            or Invitation.objects.filter(training=training, person=person).first()
        )
        if invitation is None or invitation.person_id != person.pk:
            raise ApplicationError(
                _("Only those invited can register for this training.")
            )
    existing = Registration.objects.filter(
        training=training, person=person, status__in=ACTIVE_STATUSES
    ).first()
    if existing is not None:
        if existing.occasion_id == occasion.pk:
            return existing  # a double click: the first registration stands
        raise ApplicationError(
            _(
                "You are already registered for another occasion of this "
                "training: %(occasion)s. Cancel it first."
            )
            % {"occasion": existing.occasion}
        )
    full = (
        occasion.capacity is not None
        and _registered_count(occasion) >= occasion.capacity
    )
    registration = Registration.objects.create(
        organisation=occasion.organisation,
        training=training,
        occasion=occasion,
        person=person,
        invitation=invitation,
        status=Registration.Status.WAITING if full else Registration.Status.REGISTERED,
        registered_by=actor if on_behalf else None,
        dietary_needs=dietary_needs.strip(),
        accessibility_needs=accessibility_needs.strip(),
    )
    audit_record(
        actor=actor,
        organisation=occasion.organisation,
        action=AuditEntry.Action.CREATE,
        instance=registration,
        changes=diff({}, snapshot(registration, REGISTRATION_FIELDS)),
        message=_("on behalf of the person") if on_behalf else "",
    )
    registration_id = registration.pk
    if registration.status == Registration.Status.REGISTERED:
        transaction.on_commit(
            lambda: _notify_registration(registration_id, "confirmed")
        )
        transaction.on_commit(lambda: _notify_filling(occasion.pk))
    else:
        transaction.on_commit(
            lambda: _notify_registration(registration_id, "waitlisted")
        )
    return registration


@transaction.atomic
def registration_update_needs(
    *, actor, registration: Registration, dietary_needs: str, accessibility_needs: str
) -> Registration:
    """Change the dietary and accessibility needs of a registration."""
    before = snapshot(registration, REGISTRATION_FIELDS)
    registration.dietary_needs = dietary_needs.strip()
    registration.accessibility_needs = accessibility_needs.strip()
    registration.save(update_fields=["dietary_needs", "accessibility_needs"])
    changes = diff(before, snapshot(registration, REGISTRATION_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            organisation=registration.organisation,
            action=AuditEntry.Action.UPDATE,
            instance=registration,
            changes=changes,
        )
    return registration


@transaction.atomic
def registration_cancel(
    *, actor, registration: Registration, reason: str = ""
) -> Registration:
    """Cancel a registration or leave the waiting list. A freed place goes to
    the first on the waiting list, unless the occasion has started."""
    occasion = _lock_occasion(registration.occasion_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        return registration
    if occasion.has_started:
        raise ApplicationError(
            _("The occasion has started; ask the coordinator to record your absence.")
        )
    was = registration.status
    before = snapshot(registration, REGISTRATION_FIELDS)
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.status_reason = reason.strip()
    registration.save(update_fields=["status", "cancelled_at", "status_reason"])
    audit_record(
        actor=actor,
        organisation=registration.organisation,
        action=AuditEntry.Action.UPDATE,
        instance=registration,
        changes=diff(before, snapshot(registration, REGISTRATION_FIELDS)),
        message=reason.strip(),
    )
    registration_id = registration.pk
    transaction.on_commit(lambda: _notify_registration(registration_id, "cancelled"))
    if was == Registration.Status.REGISTERED:
        _promote_waiting(occasion, actor=actor)
    return registration


def _promote_waiting(occasion: Occasion, *, actor) -> list[Registration]:
    """Give free places to the waiting list in order of arrival (the caller
    holds the occasion's lock). Nobody is promoted once the occasion started."""
    if occasion.has_started or occasion.status != Occasion.Status.PLANNED:
        return []
    free = (
        None
        if occasion.capacity is None
        else occasion.capacity - _registered_count(occasion)
    )
    waiting = occasion.registrations.filter(
        status=Registration.Status.WAITING
    ).order_by("created_at", "id")
    if free is not None:
        waiting = waiting[: max(free, 0)]
    promoted = []
    for registration in waiting:
        registration.status = Registration.Status.REGISTERED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        audit_record(
            actor=actor,
            organisation=registration.organisation,
            action=AuditEntry.Action.UPDATE,
            instance=registration,
            changes={
                "status": [
                    str(Registration.Status.WAITING.label),
                    str(Registration.Status.REGISTERED.label),
                ]
            },
            message=_("moved up from the waiting list"),
        )
        registration_id = registration.pk
        transaction.on_commit(
            lambda registration_id=registration_id: _notify_registration(
                registration_id, "promoted"
            )
        )
        promoted.append(registration)
    if promoted:
        transaction.on_commit(lambda: _notify_filling(occasion.pk))
    return promoted


@transaction.atomic
def registration_set_status(
    *, actor, registration: Registration, status: str, reason: str
) -> Registration:
    """The coordinator moves someone by hand, e.g. from the waiting list to a
    place beyond the capacity; the reason is recorded."""
    if not reason.strip():
        raise ApplicationError(_("Give the reason for the change."), field="reason")
    occasion = _lock_occasion(registration.occasion_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if status == registration.status:
        return registration
    if status == Registration.Status.CANCELLED:
        return registration_cancel(
            actor=actor, registration=registration, reason=reason
        )
    before = snapshot(registration, REGISTRATION_FIELDS)
    was = registration.status
    registration.status = status
    registration.status_reason = reason.strip()
    if was == Registration.Status.WAITING and status == Registration.Status.REGISTERED:
        registration.promoted_at = timezone.now()
    registration.save()
    audit_record(
        actor=actor,
        organisation=registration.organisation,
        action=AuditEntry.Action.UPDATE,
        instance=registration,
        changes=diff(before, snapshot(registration, REGISTRATION_FIELDS)),
        message=reason.strip(),
    )
    event = "promoted" if status == Registration.Status.REGISTERED else "waitlisted"
    registration_id = registration.pk
    transaction.on_commit(lambda: _notify_registration(registration_id, event))
    if was == Registration.Status.REGISTERED:
        _promote_waiting(occasion, actor=actor)
    return registration


# Attendance ----------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *, actor, registration: Registration, session: Session, status: str
) -> SessionAttendance:
    """Mark one registered person attended, partly or absent at one session."""
    if session.occasion_id != registration.occasion_id:
        raise ApplicationError(_("The session belongs to another occasion."))
    if registration.status != Registration.Status.REGISTERED:
        raise ApplicationError(_("Only registered participants can be checked in."))
    if status not in SessionAttendance.Status.values:
        raise ApplicationError(_("Unknown attendance."))
    attendance, created = SessionAttendance.objects.update_or_create(
        registration=registration,
        session=session,
        defaults={"status": status, "recorded_by": actor},
    )
    audit_record(
        actor=actor,
        organisation=registration.organisation,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        instance=attendance,
        changes={"status": [None, attendance.get_status_display()]},
    )
    return attendance


# Messages ------------------------------------------------------------------------


def registration_link(registration: Registration) -> str:
    """The address where the person sees and changes their registration."""
    if registration.invitation_id:
        path = reverse("trainings:personal", args=[registration.invitation.token])
    else:
        path = reverse("trainings:my-trainings", args=[registration.organisation.slug])
    return absolute_url(path)


def registration_calendar(
    registration: Registration, *, cancelled: bool = False
) -> str:
    """The iCalendar file of a registration: one event per session."""
    occasion = registration.occasion
    training = occasion.training
    person = registration.person
    link = registration_link(registration)
    location = occasion.location
    if occasion.meeting_url:
        location = f"{location} {occasion.meeting_url}".strip()
    events = [
        CalendarEvent(
            uid=uid_for(f"registration-{registration.pk}-session", session.pk),
            sequence=occasion.sequence + (1 if cancelled else 0),
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            summary=" – ".join(p for p in (training.title, session.label) if p),
            description=f"{training.description}\n\n{link}".strip(),
            location=location,
            url=link,
            cancelled=cancelled or occasion.status == Occasion.Status.CANCELLED,
            attendees=((person.email, person.full_name),) if person.email else (),
        )
        for session in occasion.sessions.all()
    ]
    return calendar_build(events, method="CANCEL" if cancelled else "REQUEST")


def _message_context(registration: Registration) -> dict:
    occasion = registration.occasion
    return {
        "person": registration.person,
        "training": occasion.training,
        "occasion": occasion,
        "sessions": list(occasion.sessions.all()),
        "registration": registration,
        "link": registration_link(registration),
        "position": registration.occasion.registrations.filter(
            status=Registration.Status.WAITING,
            created_at__lte=registration.created_at,
        ).count(),
    }


def _notify_registration(registration_id: int, what: str) -> None:
    registration = (
        Registration.objects.select_related(
            "person__account", "occasion__training", "organisation", "invitation"
        )
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    calendars, method = [], ""
    if what in ("confirmed", "promoted"):
        calendars, method = [registration_calendar(registration)], "REQUEST"
    elif what == "cancelled":
        calendars, method = (
            [registration_calendar(registration, cancelled=True)],
            "CANCEL",
        )
    message_queue(
        organisation=registration.organisation,
        event=f"trainings.registration_{what}",
        recipient=Recipient.for_person(registration.person),
        dedupe_key=f"registration-{what}:{registration.pk}",
        context=_message_context(registration),
        about=registration.occasion.training,
        calendars=calendars,
        calendar_method=method,
    )


def _active_registrations(occasion: Occasion):
    return occasion.registrations.filter(status__in=ACTIVE_STATUSES).select_related(
        "person__account", "invitation", "occasion__training", "organisation"
    )


def _notify_change(occasion_id: int, sequence: int, reason: str) -> None:
    occasion = Occasion.objects.get(pk=occasion_id)
    for registration in _active_registrations(occasion):
        registered = registration.status == Registration.Status.REGISTERED
        message_queue(
            organisation=occasion.organisation,
            event="trainings.occasion_changed",
            recipient=Recipient.for_person(registration.person),
            dedupe_key=f"occasion-changed:{registration.pk}:{sequence}",
            context={**_message_context(registration), "reason": reason},
            about=occasion.training,
            calendars=[registration_calendar(registration)] if registered else [],
            calendar_method="REQUEST" if registered else "",
        )


def _notify_cancel(occasion_id: int) -> None:
    occasion = Occasion.objects.get(pk=occasion_id)
    for registration in _active_registrations(occasion):
        registered = registration.status == Registration.Status.REGISTERED
        message_queue(
            organisation=occasion.organisation,
            event="trainings.occasion_cancelled",
            recipient=Recipient.for_person(registration.person),
            dedupe_key=f"occasion-cancelled:{registration.pk}",
            context={
                **_message_context(registration),
                "reason": occasion.cancel_reason,
            },
            about=occasion.training,
            calendars=[registration_calendar(registration, cancelled=True)]
            if registered
            else [],
            calendar_method="CANCEL" if registered else "",
        )


def coordinator_recipients(organisation: Organisation) -> list[Recipient]:
    users = User.objects.filter(
        memberships__organisation=organisation,
        memberships__role=Role.COORDINATOR,
        is_active=True,
    ).distinct()
    return [
        Recipient(email=user.email, name=user.get_full_name(), language=user.language)
        for user in users
    ]


def _notify_filling(occasion_id: int) -> None:
    """Tell the coordinators when an occasion reaches 80 % and 100 % of its places."""
    occasion = Occasion.objects.select_related("training", "organisation").get(
        pk=occasion_id
    )
    if not occasion.capacity:
        return
    count = _registered_count(occasion)
    for threshold in (80, 100):
        if count * 100 < threshold * occasion.capacity:
            continue
        for recipient in coordinator_recipients(occasion.organisation):
            message_queue(
                organisation=occasion.organisation,
                event="trainings.occasion_filling",
                recipient=recipient,
                dedupe_key=f"occasion-filling:{occasion.pk}:{occasion.capacity}:{threshold}:{recipient.email}",
                context={
                    "training": occasion.training,
                    "occasion": occasion,
                    "threshold": threshold,
                    "count": count,
                    "link": absolute_url(
                        reverse(
                            "trainings:training-detail",
                            args=[occasion.organisation.slug, occasion.training_id],
                        )
                    ),
                },
                about=occasion.training,
            )


# Periodic checks (run by the worker's tick) ---------------------------------------


def reminders_due() -> int:
    """Queue the reminders whose time has come: the training's number of days
    before the occasion starts. The key names the start, so an occasion that
    moves gets its reminder at the new time."""
    now = timezone.now()
    horizon = now + datetime.timedelta(days=31)
    registrations = Registration.objects.filter(
        status=Registration.Status.REGISTERED,
        occasion__status=Occasion.Status.PLANNED,
        occasion__starts_at__gt=now,
        occasion__starts_at__lte=horizon,
    ).select_related(
        "person__account", "occasion__training", "organisation", "invitation"
    )
    queued = 0
    for registration in registrations:
        occasion = registration.occasion
        days = occasion.training.reminder_days_before
        if occasion.starts_at - datetime.timedelta(days=days) > now:
            continue
        message = message_queue(
            organisation=registration.organisation,
            event="trainings.reminder",
            recipient=Recipient.for_person(registration.person),
            dedupe_key=f"reminder:{registration.pk}:{occasion.starts_at.isoformat()}",
            context=_message_context(registration),
            about=occasion.training,
        )
        queued += message is not None
    return queued


def occasions_under_minimum() -> int:
    """At the deadline, tell the coordinators which occasions have fewer
    registered than their minimum, with the link to cancel or move them."""
    now = timezone.now()
    occasions = (
        Occasion.objects.filter(
            status=Occasion.Status.PLANNED,
            minimum_participants__isnull=False,
            registration_deadline__lte=now,
            starts_at__gt=now,
        )
        .annotate(
            registered=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.REGISTERED),
            )
        )
        .select_related("training", "organisation")
    )
    told = 0
    for occasion in occasions:
        if occasion.registered >= occasion.minimum_participants:
            continue
        for recipient in coordinator_recipients(occasion.organisation):
            message_queue(
                organisation=occasion.organisation,
                event="trainings.occasion_under_minimum",
                recipient=recipient,
                dedupe_key=(
                    f"under-minimum:{occasion.pk}:"
                    f"{occasion.registration_deadline.isoformat()}:{recipient.email}"
                ),
                context={
                    "training": occasion.training,
                    "occasion": occasion,
                    "count": occasion.registered,
                    "link": absolute_url(
                        reverse(
                            "trainings:occasion-decide",
                            args=[occasion.organisation.slug, occasion.pk],
                        )
                    ),
                },
                about=occasion.training,
            )
            told += 1
    return told
