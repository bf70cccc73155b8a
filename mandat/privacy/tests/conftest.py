"""A person with something in every app, another person beside them, and
a past year whose annual report counts them."""

import datetime

import pytest
from django.utils import timezone

from mandat.accounts.tests.factories import UserFactory
from mandat.core.services import audit_created
from mandat.directory.tests.factories import AssignmentFactory, PersonFactory
from mandat.evaluations.models import Questionnaire, Recipient
from mandat.notifications.models import CalendarFeed, Message
from mandat.trainings.models import SessionAttendance
from mandat.trainings.tests.factories import (
    InvitationFactory,
    OccasionFactory,
    RegistrationFactory,
)

LAST_YEAR = timezone.localdate().year - 1


def last_year(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(LAST_YEAR, month, day, hour))


@pytest.fixture
def world(organisation):
    """Lena left last year; Olle, beside her, still sits."""
    lena = PersonFactory(
        organisation=organisation,
        first_name="Lena",
        last_name="Lämnadsson",
        email="lena@example.se",
        phone="070-111 22 33",
        home_municipality="Exempelby",
        register_id="R-1001",
        gender="woman",
        account=UserFactory(email="lena.konto@example.se"),
    )
    olle = PersonFactory(
        organisation=organisation,
        first_name="Olle",
        last_name="Kvarsittare",
        email="olle@example.se",
    )
    ended = AssignmentFactory(
        person=lena,
        starts_on=datetime.date(LAST_YEAR - 3, 1, 1),
        ends_on=datetime.date(LAST_YEAR, 12, 31),
    )
    AssignmentFactory(person=olle, body=ended.body, party=ended.party)
    occasion = OccasionFactory(
        training__organisation=organisation,
        training__title="Grundutbildning i kommunallagen",
        starts_at=last_year(3, 10),
        ends_at=last_year(3, 10, 16),
    )
    invitation = InvitationFactory(training=occasion.training, person=lena)
    registration = RegistrationFactory(
        occasion=occasion,
        person=lena,
        invitation=invitation,
        dietary_needs="Glutenfri kost",
        accessibility_needs="Hörslinga",
    )
    other = RegistrationFactory(occasion=occasion, person=olle)
    for row in (registration, other):
        SessionAttendance.objects.create(
            registration=row,
            session=occasion.sessions.get(),
            status=SessionAttendance.Status.ATTENDED,
        )
    questionnaire = Questionnaire.objects.create(
        organisation=organisation,
        title="Utvärdering av grundutbildningen",
        training=occasion.training,
    )
    Recipient.objects.create(
        questionnaire=questionnaire,
        person=lena,
        occasion=occasion,
        closes_at=last_year(4, 1),
        has_answered=True,
    )
    Recipient.objects.create(
        questionnaire=questionnaire,
        person=olle,
        occasion=occasion,
        closes_at=last_year(4, 1),
    )
    feed = CalendarFeed.objects.create(person=lena)
    Message.objects.create(
        organisation=organisation,
        event="trainings.invitation",
        dedupe_key="lena-invitation",
        person=lena,
        to_email=lena.email,
        to_name=lena.full_name,
        subject="Inbjudan till Grundutbildning i kommunallagen",
        body_text="Hej Lena",
        status=Message.Status.SENT,
    )
    Message.objects.create(
        organisation=organisation,
        event="trainings.invitation",
        dedupe_key="olle-invitation",
        person=olle,
        to_email=olle.email,
        to_name=olle.full_name,
        subject="Inbjudan till Olles särskilda utbildning",
        body_text="Hej Olle",
        status=Message.Status.SENT,
    )
    audit_created(None, lena, ["first_name", "last_name", "email", "phone"])
    audit_created(None, olle, ["first_name", "last_name", "email"])
    return {
        "lena": lena,
        "olle": olle,
        "occasion": occasion,
        "registration": registration,
        "invitation": invitation,
        "feed": feed,
    }
