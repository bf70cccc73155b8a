"""The personal calendar feed as a subscribing program fetches it: valid
when empty, one entry per training with its sessions, offered as webcal."""

import pytest
from django.test import Client
from django.urls import reverse

from mandat.directory.tests.factories import PersonFactory
from mandat.notifications.services import calendar_feed_create
from mandat.testing.received import parse_calendar
from mandat.trainings.models import Session
from mandat.trainings.tests.factories import (
    InvitationFactory,
    OccasionFactory,
    RegistrationFactory,
    later,
)

pytestmark = pytest.mark.django_db


def fetch(feed) -> bytes:
    response = Client().get(reverse("notifications:feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def test_an_empty_feed_is_a_valid_calendar_that_says_how_often_to_refresh(
    organisation,
):
    feed = calendar_feed_create(
        actor=None, person=PersonFactory(organisation=organisation)
    )

    content = fetch(feed)

    parsed = parse_calendar(content)
    assert parsed.events == []
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in content
    assert b"BEGIN:VTIMEZONE" in content


def test_the_feed_holds_a_training_as_one_entry_with_its_sessions_and_no_link_to_act(
    organisation,
):
    person = PersonFactory(organisation=organisation, first_name="Åsa")
    occasion = OccasionFactory(organisation=organisation, starts_at=later(20))
    Session.objects.create(
        occasion=occasion,
        starts_at=later(21, 13),
        ends_at=later(21, 16),
        label="Dag 2",
    )
    invitation = InvitationFactory(training=occasion.training, person=person)
    RegistrationFactory(occasion=occasion, person=person, invitation=invitation)
    feed = calendar_feed_create(actor=None, person=person)

    content = fetch(feed)

    parsed = parse_calendar(content)
    [uid] = parsed.occurrences
    assert len(parsed.occurrences[uid]) == 2
    assert invitation.token.encode() not in content


def test_the_feed_is_offered_as_a_webcal_address(client, organisation, make_user):
    from mandat.core.access import Role

    user = make_user(Role.ELECTED, organisation)
    PersonFactory(organisation=organisation, account=user, email=user.email)
    client.force_login(user)
    page = reverse("trainings:my-trainings", args=[organisation.slug])
    client.post(
        reverse("trainings:my-feed", args=[organisation.slug]), {"action": "create"}
    )

    response = client.get(page)

    webcal = response.context["feed_subscribe_url"]
    assert webcal.startswith("webcal://")
    assert f'href="{webcal}"' in response.content.decode()
