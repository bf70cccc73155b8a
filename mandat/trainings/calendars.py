"""What trainings put in calendars: a registration as one calendar entry,
shared by the e-mailed invitations and the personal feed so both carry the
same UID and SEQUENCE."""

from django.urls import reverse

from mandat.core.addresses import absolute_url
from mandat.notifications.calendar import (
    CalendarEntry,
    CalendarPerson,
    CalendarSession,
    uid_for,
)

from .models import Registration


def training_page_link(registration: Registration) -> str:
    """The training's page behind the log-in: what calendar entries link to,
    because a calendar can be seen by others and the personal link can
    cancel the place."""
    return absolute_url(
        reverse(
            "trainings:my-training",
            args=[registration.organisation.slug, registration.occasion.training_id],
        )
    )


def registration_entry(
    registration: Registration,
    *,
    cancelled: bool = False,
    contact=None,
    sequence: int | None = None,
) -> CalendarEntry:
    """The registration as one calendar entry with one event per session. Its
    SEQUENCE is the occasion's revision plus the registration's own, so it
    rises whether the occasion changes or the person gains or loses the place."""
    occasion = registration.occasion
    training = occasion.training
    person = registration.person
    return CalendarEntry(
        uid=uid_for("registration", registration.pk),
        sequence=occasion.sequence + registration.calendar_sequence
        if sequence is None
        else sequence,
        summary=training.title,
        sessions=tuple(
            CalendarSession(s.starts_at, s.ends_at, s.label)
            for s in occasion.sessions.all()
        ),
        description=training.description,
        location=occasion.location,
        meeting_url=occasion.meeting_url,
        page_url=training_page_link(registration),
        cancelled=cancelled,
        organizer=contact,
        attendee=CalendarPerson(person.email, person.full_name)
        if person.email
        else None,
    )
