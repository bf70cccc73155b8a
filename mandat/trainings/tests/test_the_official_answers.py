"""The elected official answers an invitation: declines from the e-mail's
link with a reason, or registers and finds the meeting link and the
calendar file on the confirmation; Mina utbildningar groups what is theirs."""

import datetime
import re

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from mandat.core.access import Role
from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.directory.tests.factories import PersonFactory
from mandat.notifications.models import Message
from mandat.notifications.services import message_send as send_message
from mandat.reports.annual import annual_report
from mandat.testing.received import parse_calendar
from mandat.trainings import services
from mandat.trainings.models import Invitation, Occasion, SessionAttendance

from .factories import OccasionFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def _link_in_invitation(person) -> str:
    message = Message.objects.get(person=person, event="trainings.invitation")
    return re.search(r"https?://\S+/t/[\w-]+/", message.body_text).group()


def _invite(organisation, *, title="Presidieutbildning", **occasion):
    training = TrainingFactory(organisation=organisation, title=title)
    occasion = OccasionFactory(training=training, **occasion)
    person = PersonFactory(organisation=organisation, first_name="Elin")
    services.invitation_send(actor=None, training=training, people=[person])
    return occasion, person


def test_the_official_declines_from_the_e_mail_with_a_reason(
    client, organisation, run_on_commit, smtp_server
):
    occasion, person = run_on_commit(_invite, organisation)
    message = Message.objects.get(person=person, event="trainings.invitation")
    assert "Kan du inte delta? Tacka nej med samma länk:" in message.body_text
    url = _link_in_invitation(person).split("://", 1)[1].split("/", 1)[1]
    # As received from the SMTP server: both parts lead to the decline form.
    send_message(message_id=message.pk)
    [(_recipients, received)] = smtp_server.messages
    parts = {part.get_content_type(): part for part in received.walk()}
    plain, html = parts["text/plain"].get_content(), parts["text/html"].get_content()
    declining = re.search(r"https?://\S+/t/[\w-]+/#tacka-nej", plain).group()
    assert declining.split("://", 1)[1].split("/", 1)[1] == url + "#tacka-nej"
    assert f'href="{declining}"' in html

    page = client.get("/" + url)
    assert "Tacka nej till inbjudan" in page.text
    response = client.post(
        "/" + url,
        {"action": "decline", "decline-reason": "Krockar med nämndens sammanträde"},
        follow=True,
    )

    assert "du har tackat nej" in response.text
    invitation = Invitation.objects.get(person=person)
    assert invitation.declined_at is not None
    assert invitation.decline_reason == "Krockar med nämndens sammanträde"
    assert AuditEntry.objects.filter(
        object_type="trainings.invitation", object_id=str(invitation.pk)
    ).exists()


def test_registering_after_declining_is_a_yes(client, organisation, run_on_commit):
    occasion, person = run_on_commit(_invite, organisation)
    invitation = Invitation.objects.get(person=person)
    services.invitation_decline(actor=None, invitation=invitation, reason="")
    url = reverse("trainings:personal", args=[invitation.token])

    client.post(url, {"action": "register", "occasion": occasion.pk})

    invitation.refresh_from_db()
    assert invitation.declined_at is None
    with pytest.raises(ApplicationError, match="avboka"):
        services.invitation_decline(actor=None, invitation=invitation)


def test_the_annual_report_counts_invited_registered_declined_and_no_answer(
    organisation,
):
    training = TrainingFactory(organisation=organisation)
    occasion = OccasionFactory(
        training=training,
        starts_at=datetime.datetime(2025, 3, 4, 8, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 3, 4, 11, tzinfo=datetime.UTC),
        status=Occasion.Status.HELD,
    )
    people = [PersonFactory(organisation=organisation) for _ in range(6)]
    services.invitation_send(actor=None, training=training, people=people)
    for person in people[:2]:
        registration = RegistrationFactory(occasion=occasion, person=person)
        SessionAttendance.objects.create(
            registration=registration,
            session=occasion.sessions.get(),
            status="attended",
        )
    for person in people[2:5]:
        services.invitation_decline(
            actor=None, invitation=Invitation.objects.get(person=person)
        )

    row = annual_report(organisation=organisation, year=2025)["trainings_outside_plan"][
        0
    ]

    assert (row["invited"], row["registered"], row["declined"], row["no_answer"]) == (
        6,
        2,
        3,
        1,
    )


def test_the_confirmation_of_a_digital_occasion_has_its_link_and_a_calendar_file(
    client, organisation, run_on_commit
):
    occasion, person = run_on_commit(
        _invite,
        organisation,
        format=Occasion.Format.DIGITAL,
        location="",
        meeting_url="https://teams.example/utbildning",
    )
    invitation = Invitation.objects.get(person=person)
    url = reverse("trainings:personal", args=[invitation.token])

    run_on_commit(client.post, url, {"action": "register", "occasion": occasion.pk})
    page = client.get(url).text
    calendar_url = reverse("trainings:personal-calendar", args=[invitation.token])
    download = Client().get(calendar_url)

    assert 'href="https://teams.example/utbildning"' in page
    assert calendar_url in page
    assert download["Content-Type"] == "text/calendar; charset=utf-8"
    event = icalendar.Calendar.from_ical(download.content).walk("VEVENT")[0]
    assert "METHOD" not in icalendar.Calendar.from_ical(download.content)
    mailed = Message.objects.get(
        person=person, event="trainings.registration_confirmed"
    )
    mailed_event = icalendar.Calendar.from_ical(mailed.calendar).walk("VEVENT")[0]
    # One entry in a calendar that gets both the e-mail and the file.
    assert event["UID"] == mailed_event["UID"]
    assert "teams.example/utbildning" in download.content.decode()
    # The bytes as downloaded, in the four strict parsers (icalendar,
    # vobject, ics, ical.js): one entry, no iTIP method, the mailed UID.
    parsed = parse_calendar(download.content)
    [seen] = parsed.events
    assert parsed.method == ""
    assert seen.uid == str(mailed_event["UID"])


def test_mina_utbildningar_lists_a_registered_training_only_as_coming(
    client, organisation, make_user
):
    user = make_user(Role.ELECTED, organisation)
    person = PersonFactory(organisation=organisation, account=user)
    registered = OccasionFactory(
        training=TrainingFactory(organisation=organisation, title="Grundutbildning")
    )
    open_one = OccasionFactory(
        training=TrainingFactory(organisation=organisation, title="Medborgardialog")
    )
    services.invitation_send(actor=None, training=registered.training, people=[person])
    services.invitation_send(actor=None, training=open_one.training, people=[person])
    services.registration_create(actor=None, occasion=registered, person=person)
    client.force_login(user)

    page = client.get(reverse("trainings:my-trainings", args=[organisation.slug]))

    assert [i.training.title for i in page.context["invitations"]] == [
        "Medborgardialog"
    ]
    assert [r.occasion for r in page.context["upcoming"]] == [registered]
