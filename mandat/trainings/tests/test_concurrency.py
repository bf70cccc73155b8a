"""No overbooking when many register for the same occasion at the same moment,
proved against a real PostgreSQL with one connection per thread."""

import threading

import pytest
from django.db import connection

from mandat.directory.tests.factories import PersonFactory
from mandat.trainings import services
from mandat.trainings.models import Invitation, Registration

from .factories import OccasionFactory, TrainingFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 60
CAPACITY = 10


def test_capacity_is_filled_exactly_and_the_waiting_list_keeps_arrival_order(
    organisation,
):
    training = TrainingFactory(organisation=organisation)
    occasion = OccasionFactory(training=training, capacity=CAPACITY)
    people = [
        PersonFactory(organisation=organisation, email=f"p{n}@example.se")
        for n in range(PEOPLE)
    ]
    Invitation.objects.bulk_create(
        [
            Invitation(organisation=organisation, training=training, person=p)
            for p in people
        ]
    )
    start = threading.Barrier(PEOPLE)
    errors = []

    def register(person):
        try:
            start.wait()
            services.registration_create(actor=None, occasion=occasion, person=person)
            # A double click from the same person at the same moment.
            services.registration_create(actor=None, occasion=occasion, person=person)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    registrations = list(occasion.registrations.order_by("created_at", "id"))
    assert len(registrations) == PEOPLE
    registered = [
        r for r in registrations if r.status == Registration.Status.REGISTERED
    ]
    waiting = [r for r in registrations if r.status == Registration.Status.WAITING]
    assert len(registered) == CAPACITY
    assert len(waiting) == PEOPLE - CAPACITY
    # First come, first served: every place went to someone who arrived before
    # everyone on the waiting list, and the list is in order of arrival.
    assert max(r.created_at for r in registered) <= min(r.created_at for r in waiting)
    assert [r.pk for r in waiting] == sorted(r.pk for r in waiting)
