"""The messages trainings send, and the periodic checks that find what is
due: reminders and occasions under their minimum."""

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from mandat.accounts.models import Role, User
from mandat.core.models import Organisation
from mandat.notifications.calendar import CalendarEvent, calendar_build, uid_for
from mandat.notifications.services import (
    Recipient,
    message_queue,
)

from ..models import (
    ACTIVE_STATUSES,
    Occasion,
    Registration,
)
from ..selectors import occasion_registered_count


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


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
    count = occasion_registered_count(occasion)
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
