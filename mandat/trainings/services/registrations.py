"""Writers for registrations with their waiting list, and attendance. Every
change lands in the audit trail; messages are queued after the commit."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.services import (
    Actor,
    actor_user,
    audit_created,
    audit_saved,
    audit_status,
    audit_updated,
    changed,
    diff,
    snapshot,
)
from mandat.directory.models import Person

from ..models import (
    ACTIVE_STATUSES,
    Invitation,
    Occasion,
    Registration,
    Session,
    SessionAttendance,
    Training,
)
from ..selectors import occasion_registered_count
from .messages import occasion_notify_filling, registration_notify

REGISTRATION_FIELDS = ("status", "occasion", "dietary_needs", "accessibility_needs")


# Registration --------------------------------------------------------------------


def _lock_occasion(occasion_id: int) -> Occasion:
    """Lock the occasion's row for the rest of the transaction, so two
    registrations cannot both take the last place (checked after the lock)."""
    return (
        Occasion.objects.select_for_update()
        .select_related("training", "organisation")
        .get(pk=occasion_id)
    )


def registration_create(
    *,
    actor: Actor,
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
    actor: Actor,
    occasion: Occasion,
    person: Person,
    invitation: Invitation | None,
    on_behalf: bool,
    dietary_needs: str,
    accessibility_needs: str,
) -> Registration:
    occasion = _lock_occasion(occasion.pk)
    training = occasion.training
    if person.organisation_id != occasion.organisation_id:
        raise ApplicationError(_("The person belongs to another organisation."))
    if occasion.status == Occasion.Status.CANCELLED:
        raise ApplicationError(_("The occasion is cancelled."))
    # The coordinator records who came to an occasion already held (a past
    # year entered afterwards, a walk-in); the person registers only ahead.
    past = occasion.is_past
    if past and not on_behalf:
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
        if on_behalf:
            # The coordinator registers someone: name them, not "you".
            raise ApplicationError(
                _(
                    "%(name)s is already registered for another occasion of this "
                    "training: %(occasion)s. Cancel that registration first."
                )
                % {"name": person.full_name, "occasion": existing.occasion},
                field="person",
            )
        raise ApplicationError(
            _(
                "You are already registered for another occasion of this "
                "training: %(occasion)s. Cancel it first."
            )
            % {"occasion": existing.occasion}
        )
    registered = (
        occasion_registered_count(occasion)
        if occasion.capacity is not None and not past
        else 0
    )
    # Who was there was there: a held occasion has no waiting list.
    full = (
        not past and occasion.capacity is not None and registered >= occasion.capacity
    )
    registration = Registration.objects.create(
        organisation=occasion.organisation,
        training=training,
        occasion=occasion,
        person=person,
        invitation=invitation,
        status=Registration.Status.WAITING if full else Registration.Status.REGISTERED,
        registered_by=actor_user(actor) if on_behalf else None,
        dietary_needs=dietary_needs.strip(),
        accessibility_needs=accessibility_needs.strip(),
    )
    audit_created(
        actor,
        registration,
        REGISTRATION_FIELDS,
        message=_("on behalf of the person") if on_behalf else "",
    )
    if invitation is not None and invitation.declined_at is not None:
        # Declined, then registered after all: the answer is now yes.
        Invitation.objects.filter(pk=invitation.pk).update(
            declined_at=None, decline_reason=""
        )
    if past:
        return registration  # no confirmation or invitation for what is over
    if registration.status == Registration.Status.REGISTERED:
        registration_notify(registration, "confirmed", new=True)
        occasion_notify_filling(occasion, registered + 1)
    else:
        registration_notify(registration, "waitlisted", new=True)
    return registration


@dataclass(frozen=True)
class ManyRegistered:
    """What registering several people at once did."""

    registered: list[Registration]
    waiting: list[Registration]
    already: list[Registration]


@transaction.atomic
def registration_create_many(
    *, actor: Actor, occasion: Occasion, people: list[Person], attended: bool = False
) -> ManyRegistered:
    """Register several people on their behalf, all or none: a pasted list,
    a target group, or those who came to an occasion already held. Those
    already registered for the occasion stay as they are. With ``attended``
    (only for an occasion that has started), each registered person is
    also marked attended at every session.

    Raises ApplicationError listing every person who could not be
    registered (``extra["rows"]``), and nothing is saved."""
    if attended and not occasion.is_past:
        raise ApplicationError(
            _("Attendance can be recorded only once the occasion has started."),
            field="attended",
        )
    done: dict[str, list[Registration]] = {
        "registered": [],
        "waiting": [],
        "already": [],
    }
    errors = []
    before = set(
        Registration.objects.filter(
            occasion=occasion, status__in=ACTIVE_STATUSES
        ).values_list("person_id", flat=True)
    )
    for person in dict.fromkeys(people):  # each person once, in order
        try:
            with transaction.atomic():
                registration = _registration_create(
                    actor=actor,
                    occasion=occasion,
                    person=person,
                    invitation=None,
                    on_behalf=True,
                    dietary_needs="",
                    accessibility_needs="",
                )
        except ApplicationError as error:
            errors.append(f"{person.full_name}: {error.message}")
            continue
        if person.pk in before:
            done["already"].append(registration)
        elif registration.status == Registration.Status.WAITING:
            done["waiting"].append(registration)
        else:
            done["registered"].append(registration)
    if errors:
        raise ApplicationError(
            _("No one was registered: correct the list and try again."),
            field="people",
            extra={"rows": errors},
        )
    if attended:
        sessions = list(occasion.sessions.all())
        for registration in done["registered"] + done["already"]:
            if registration.status != Registration.Status.REGISTERED:
                continue
            for session in sessions:
                attendance_record(
                    actor=actor,
                    registration=registration,
                    session=session,
                    status=SessionAttendance.Status.ATTENDED,
                )
    return ManyRegistered(**done)


@transaction.atomic
def invitation_decline(
    *, actor: Actor, invitation: Invitation, reason: str = ""
) -> Invitation:
    """Answer an invitation "no" (*tacka nej*), with an optional reason the
    coordinator sees; the annual report counts invited, registered,
    declined and no answer. Someone registered cancels instead."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if Registration.objects.filter(
        training_id=invitation.training_id,
        person_id=invitation.person_id,
        status__in=ACTIVE_STATUSES,
    ).exists():
        raise ApplicationError(
            _("You are registered: cancel your registration instead.")
        )
    before = snapshot(invitation, ("declined_at", "decline_reason"))
    invitation.declined_at = timezone.now()
    invitation.decline_reason = reason.strip()[:300]
    invitation.save(update_fields=["declined_at", "decline_reason"])
    audit_updated(actor, invitation, changed(before, invitation), message=_("declined"))
    return invitation


@transaction.atomic
def registration_update_needs(
    *,
    actor: Actor,
    registration: Registration,
    dietary_needs: str,
    accessibility_needs: str,
) -> Registration:
    """Change the dietary and accessibility needs of a registration."""
    before = snapshot(registration, REGISTRATION_FIELDS)
    registration.dietary_needs = dietary_needs.strip()
    registration.accessibility_needs = accessibility_needs.strip()
    registration.save(update_fields=["dietary_needs", "accessibility_needs"])
    changes = changed(before, registration)
    if changes:
        audit_updated(actor, registration, changes)
    return registration


@transaction.atomic
def registration_cancel(
    *, actor: Actor, registration: Registration, reason: str = ""
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
    registration.calendar_sequence += 1
    registration.save(
        update_fields=["status", "cancelled_at", "status_reason", "calendar_sequence"]
    )
    audit_updated(
        actor, registration, changed(before, registration), message=reason.strip()
    )
    registration_id = registration.pk
    registration_notify(registration_id, "cancelled")
    if was == Registration.Status.REGISTERED:
        waiting_list_promote(occasion, actor=actor)
    return registration


def waiting_list_promote(occasion: Occasion, *, actor: Actor) -> list[Registration]:
    """Give free places to the waiting list in order of arrival (the caller
    holds the occasion's lock). Nobody is promoted once the occasion started."""
    if occasion.has_started or occasion.status != Occasion.Status.PLANNED:
        return []
    free = (
        None
        if occasion.capacity is None
        else occasion.capacity - occasion_registered_count(occasion)
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
        registration.calendar_sequence += 1
        registration.save(update_fields=["status", "promoted_at", "calendar_sequence"])
        audit_status(
            actor,
            registration,
            Registration.Status.WAITING,
            Registration.Status.REGISTERED,
            message=_("moved up from the waiting list"),
        )
        registration_id = registration.pk
        registration_notify(registration_id, "promoted")
        promoted.append(registration)
    if promoted:
        occasion_notify_filling(occasion.pk)
    return promoted


@transaction.atomic
def registration_set_status(
    *, actor: Actor, registration: Registration, status: str, reason: str
) -> Registration:
    """The coordinator moves someone by hand, e.g. from the waiting list to a
    place beyond the capacity; the reason is recorded."""
    if not reason.strip():
        raise ApplicationError(_("Give the reason for the change."), field="reason")
    _lock_occasion(registration.occasion_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if status == registration.status:
        return registration
    if not registration.is_active:
        raise ApplicationError(
            _("A cancelled registration cannot be changed; register the person again.")
        )
    if status == Registration.Status.CANCELLED:
        return registration_cancel(
            actor=actor, registration=registration, reason=reason
        )
    if status not in (Registration.Status.REGISTERED, Registration.Status.WAITING):
        raise ApplicationError(_("Unknown status."), field="status")
    before = snapshot(registration, REGISTRATION_FIELDS)
    was = registration.status
    registration.status = status
    registration.status_reason = reason.strip()
    if status == Registration.Status.REGISTERED:
        registration.promoted_at = timezone.now()
    # The calendar entry is added or removed: its SEQUENCE must rise.
    registration.calendar_sequence += 1
    registration.save()
    entry = audit_updated(
        actor, registration, changed(before, registration), message=reason.strip()
    )
    # The place someone was moved from stays free for the coordinator to give
    # away; promoting the waiting list here would hand it straight back.
    event = "promoted" if status == Registration.Status.REGISTERED else "waitlisted"
    registration_id, key = registration.pk, f":manual-{entry.pk}"
    lost_place = was == Registration.Status.REGISTERED
    registration_notify(registration_id, event, key=key, lost_place=lost_place)
    return registration


# Attendance ----------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *, actor: Actor, registration: Registration, session: Session, status: str
) -> SessionAttendance:
    """Mark one registered person attended, partly or absent at one session."""
    if session.occasion_id != registration.occasion_id:
        raise ApplicationError(_("The session belongs to another occasion."))
    if registration.status != Registration.Status.REGISTERED:
        raise ApplicationError(_("Only registered participants can be checked in."))
    if status not in SessionAttendance.Status.values:
        raise ApplicationError(_("Unknown attendance."))
    earlier = SessionAttendance.objects.filter(
        registration=registration, session=session
    ).first()
    before = snapshot(earlier, ("status",)) if earlier else {}
    attendance, created = SessionAttendance.objects.update_or_create(
        registration=registration,
        session=session,
        defaults={"status": status, "recorded_by": actor_user(actor)},
    )
    audit_saved(
        actor,
        attendance,
        created,
        diff(before, snapshot(attendance, ("status",))),
        organisation=registration.organisation,
    )
    return attendance
