"""The messages trainings send, and the periodic checks that find what is
due: reminders and occasions under their minimum."""

import datetime
from email.utils import formataddr
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation

from mandat.accounts.models import User
from mandat.accounts.selectors import coordinator_list
from mandat.core.access import Role
from mandat.core.addresses import absolute_url
from mandat.core.models import Organisation
from mandat.notifications.calendar import CalendarPerson, calendar_build
from mandat.notifications.services import (
    Recipient,
    Writing,
    message_queue,
    message_queue_written_later,
)

from ..calendars import registration_entry
from ..models import (
    ACTIVE_STATUSES,
    Occasion,
    Registration,
    Training,
)
from ..selectors import occasion_registered_count

# Messages ------------------------------------------------------------------------


def registration_link(registration: Registration) -> str:
    """The address where the person sees and changes their registration."""
    invitation = registration.invitation if registration.invitation_id else None
    if invitation is not None:
        path = reverse("trainings:personal", args=[invitation.token])
    else:
        path = reverse("trainings:my-trainings", args=[registration.organisation.slug])
    return absolute_url(path)


def training_contact(training: Training) -> CalendarPerson | None:
    """The person who answers questions about a training: the coordinator
    who made it, else the organisation's first coordinator."""
    user = training.created_by
    if user is not None and user.is_active and user.email:
        return CalendarPerson(email=user.email, name=user.get_full_name())
    coordinator = coordinator_list(organisation=training.organisation).first()
    if coordinator is not None:
        return CalendarPerson(coordinator.email, coordinator.get_full_name())
    return None


def reply_to_of(contact: CalendarPerson | None) -> str:
    return formataddr((contact.name, contact.email)) if contact else ""


def registration_calendar(
    registration: Registration,
    *,
    cancelled: bool = False,
    language: str = "sv",
    sequence: int | None = None,
) -> str:
    """The registration's iTIP message: REQUEST with every session, or CANCEL.
    A REQUEST replaces the whole entry, so sessions taken away disappear.
    ``sequence`` gives the revision as it was when the change was made."""
    contact = training_contact(registration.occasion.training)
    with translation.override(language):
        entry = registration_entry(
            registration, cancelled=cancelled, contact=contact, sequence=sequence
        )
        if not entry.sessions:
            return ""
        return calendar_build([entry], method="CANCEL" if cancelled else "REQUEST")


def registration_calendar_file(registration: Registration, language: str = "sv") -> str:
    """The registration's entry as a file to open or import (no iTIP
    method): the same UID and revision as the e-mailed invitation, so a
    calendar that has both keeps one entry."""
    contact = training_contact(registration.occasion.training)
    with translation.override(language):
        entry = registration_entry(registration, contact=contact)
        return calendar_build([entry], method=None)


def _message_context(registration: Registration) -> dict[str, Any]:
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


def _registration_with_related(registration_id: int) -> Registration | None:
    return (
        Registration.objects.select_related(
            "person__account",
            "occasion__training__created_by",
            "organisation",
            "invitation",
        )
        .filter(pk=registration_id)
        .first()
    )


def calendar_revision(registration: Registration) -> int:
    """The SEQUENCE of the registration's calendar entry now."""
    return registration.occasion.sequence + registration.calendar_sequence


def registration_message_write(
    *,
    registration_id: int,
    calendar: str,
    sequence: int,
    reason: str = "",
    language: str = "sv",
) -> Writing:
    """Write a message about a registration (run by the worker): its context,
    and its calendar file, ``calendar`` being "REQUEST", "CANCEL" or "" and
    ``sequence`` the entry's revision when the change was made."""
    registration = _registration_with_related(registration_id)
    if registration is None:  # never deleted; the outbox would show this
        raise ValueError(f"Registration {registration_id} is gone.")
    context = _message_context(registration)
    if reason:
        context["reason"] = reason
    return Writing(
        context=context,
        calendar=registration_calendar(
            registration,
            cancelled=calendar == "CANCEL",
            language=language,
            sequence=sequence,
        )
        if calendar
        else "",
        reply_to=reply_to_of(training_contact(registration.occasion.training)),
    )


def _queue_registration_message(
    registration: Registration,
    *,
    event: str,
    dedupe_key: str,
    calendar: str = "",
    reason: str = "",
    new_key: bool = False,
) -> None:
    """Queue a message about ``registration`` in the current transaction; the
    worker writes it (text and calendar file) when it sends it."""
    message_queue_written_later(
        organisation=registration.organisation,
        event=event,
        recipient=Recipient.for_person(registration.person),
        dedupe_key=dedupe_key,
        writer="mandat.trainings.services.messages.registration_message_write",
        arguments={
            "registration_id": registration.pk,
            "calendar": calendar,
            "sequence": calendar_revision(registration),
            "reason": reason,
        },
        about=registration.occasion.training,
        new_key=new_key,
    )


def registration_notify(
    registration: int | Registration,
    what: str,
    *,
    key: str = "",
    lost_place: bool = False,
    new: bool = False,
) -> None:
    """Tell a person what happened to their registration (an id, or the row
    with its person, occasion and training at hand). ``key`` tells apart
    repeated events of the same kind (manual moves); ``lost_place`` removes
    the calendar entries of someone moved to the waiting list; ``new`` says
    the registration was made in this transaction, so nothing has been told
    of it yet."""
    row = (
        registration
        if isinstance(registration, Registration)
        else _registration_with_related(registration)
    )
    if row is None:
        return
    calendar = ""
    if what in ("confirmed", "promoted"):
        calendar = "REQUEST"
    elif what == "cancelled" or lost_place:
        calendar = "CANCEL"
    _queue_registration_message(
        row,
        event=f"trainings.registration_{what}",
        dedupe_key=f"registration-{what}:{row.pk}{key}",
        calendar=calendar,
        new_key=new,
    )


def occasion_notify_change(occasion_id: int, sequence: int, reason: str) -> None:
    """Tell everyone registered or waiting that an occasion changed; the
    registered get their calendar entry replaced by the new sessions."""
    occasion = Occasion.objects.get(pk=occasion_id)
    active = occasion.registrations.filter(status__in=ACTIVE_STATUSES).select_related(
        "person__account", "occasion", "organisation"
    )
    for registration in active:
        registered = registration.status == Registration.Status.REGISTERED
        _queue_registration_message(
            registration,
            event="trainings.occasion_changed",
            dedupe_key=f"occasion-changed:{registration.pk}:{sequence}",
            calendar="REQUEST" if registered else "",
            reason=reason,
        )


def occasion_notify_cancel(occasion_id: int, had_places: dict[int, bool]) -> None:
    """Tell those whose registrations an occasion's cancellation ended; those
    who had places get their calendar entries cancelled."""
    occasion = Occasion.objects.get(pk=occasion_id)
    registrations = Registration.objects.filter(pk__in=list(had_places)).select_related(
        "person__account", "occasion", "organisation"
    )
    for registration in registrations:
        _queue_registration_message(
            registration,
            event="trainings.occasion_cancelled",
            dedupe_key=f"occasion-cancelled:{registration.pk}",
            calendar="CANCEL" if had_places[registration.pk] else "",
            reason=occasion.cancel_reason,
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


def occasion_notify_filling(occasion: int | Occasion, count: int | None = None) -> None:
    """Tell the coordinators when an occasion reaches 80 % and 100 % of its
    places. ``occasion`` is an id or the locked row with its training and
    organisation; ``count`` how many hold a place now, when known."""
    if not isinstance(occasion, Occasion):
        occasion = Occasion.objects.select_related("training", "organisation").get(
            pk=occasion
        )
    if not occasion.capacity:
        return
    if count is None:
        count = occasion_registered_count(occasion)
    reached = [t for t in (80, 100) if count * 100 >= t * occasion.capacity]
    # Only the highest threshold passed: the place that fills an occasion of
    # two passes 80 % and 100 % at once, and one e-mail says it.
    for threshold in reached[-1:]:
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
        starts_at = occasion.starts_at
        # The query took occasions with a start only.
        if starts_at is None or starts_at - datetime.timedelta(days=days) > now:
            continue
        message = message_queue(
            organisation=registration.organisation,
            event="trainings.reminder",
            recipient=Recipient.for_person(registration.person),
            dedupe_key=f"reminder:{registration.pk}:{starts_at.isoformat()}",
            context=_message_context(registration),
            about=occasion.training,
            reply_to=reply_to_of(training_contact(occasion.training)),
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
        deadline = occasion.registration_deadline
        # The query took occasions with a deadline and a minimum only.
        if deadline is None or occasion.registered >= occasion.minimum_participants:
            continue
        for recipient in coordinator_recipients(occasion.organisation):
            message_queue(
                organisation=occasion.organisation,
                event="trainings.occasion_under_minimum",
                recipient=recipient,
                dedupe_key=(
                    f"under-minimum:{occasion.pk}:"
                    f"{deadline.isoformat()}:{recipient.email}"
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
