"""Helpers of the registration tests: an invited person, a message's
calendar."""

import icalendar

from mandat.directory.tests.factories import PersonFactory
from mandat.trainings import services


def invited(occasion, name):
    person = PersonFactory(
        organisation=occasion.organisation,
        first_name=name,
        email=f"{name.lower()}@example.se",
    )
    services.invitation_send(actor=None, training=occasion.training, people=[person])
    return person


def calendar_of(message) -> icalendar.Calendar:
    assert message.calendar
    return icalendar.Calendar.from_ical(message.calendar)
