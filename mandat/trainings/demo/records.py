"""What the demo's trainings are made of: times in Swedish time, the elected
officials and presidia of a day, occasions made through the services, and a
past training's invitations, registrations and attendance written as records."""

import datetime
from zoneinfo import ZoneInfo

from mandat.directory.models import Person
from mandat.directory.selectors import active_on_q

from .. import services
from ..models import (
    Invitation,
    Occasion,
    Registration,
    SessionAttendance,
)

ZONE = ZoneInfo("Europe/Stockholm")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE)


def people_on(organisation, day):
    elected = list(
        Person.objects.filter(organisation=organisation, kind=Person.Kind.ELECTED)
        .filter(active_on_q(day, prefix="assignments__"))
        .distinct()
        .order_by("id")
    )
    presidia = list(
        Person.objects.filter(
            active_on_q(day, prefix="assignments__"),
            organisation=organisation,
            assignments__role__in=[
                "ordforande",
                "vice_ordforande",
                "andre_vice_ordforande",
            ],
        )
        .distinct()
        .order_by("id")
    )
    return elected, presidia


def past_training_record(
    organisation, training, occasions, people, rng, *, attend=0.85
):
    """Write a past training's invitations, registrations and attendance."""
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(organisation=organisation, training=training, person=p)
            for p in people
        ]
    )
    by_person = {i.person_id: i for i in invitations}
    chosen = [p for p in people if rng.random() < 0.45]
    registrations = []
    for index, person in enumerate(chosen):
        occasion = occasions[index % len(occasions)]
        registrations.append(
            Registration(
                organisation=organisation,
                training=training,
                occasion=occasion,
                person=person,
                invitation=by_person[person.pk],
                status=Registration.Status.REGISTERED,
                created_at=occasion.starts_at
                - datetime.timedelta(days=rng.randint(8, 40)),
                dietary_needs=rng.choice(
                    ["", "", "", "Vegetarisk", "Glutenfri", "Laktosfri"]
                ),
            )
        )
    Registration.objects.bulk_create(registrations)
    marks = []
    for registration in registrations:
        if registration.occasion.status != Occasion.Status.HELD:
            continue
        for session in registration.occasion.sessions.all():
            roll = rng.random()
            status = (
                SessionAttendance.Status.ATTENDED
                if roll < attend
                else SessionAttendance.Status.PARTLY
                if roll < attend + 0.04
                else SessionAttendance.Status.ABSENT
            )
            marks.append(
                SessionAttendance(
                    registration=registration, session=session, status=status
                )
            )
    SessionAttendance.objects.bulk_create(marks)


def occasion_seed(
    training,
    days,
    *,
    capacity,
    location,
    format="on_site",
    minimum=None,
    label="",
    deadline_days=10,
    passes=False,
):
    sessions = []
    for day in days:
        if passes:
            sessions += [
                services.SessionInput(at(day, 9), at(day, 12), "Förmiddagspass"),
                services.SessionInput(at(day, 13), at(day, 16), "Eftermiddagspass"),
            ]
        else:
            sessions.append(
                services.SessionInput(
                    at(day, 13, 30) if len(days) == 1 else at(day, 9),
                    at(day, 16, 30),
                    f"Dag {days.index(day) + 1}" if len(days) > 1 else "",
                )
            )
    return services.occasion_create(
        actor=None,
        training=training,
        sessions=sessions,
        label=label,
        format=format,
        location=location if format != "digital" else "",
        meeting_url="https://teams.example/exempelstad/utbildning"
        if format != "on_site"
        else "",
        capacity=capacity,
        minimum_participants=minimum,
        registration_deadline=at(
            days[0] - datetime.timedelta(days=deadline_days), 23, 59
        ),
    )
