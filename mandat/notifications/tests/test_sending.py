"""Sending: through a real SMTP server on loopback, exactly once, retried on
failure, and never twice after a crash in the middle of sending."""

import email
import email.policy
import socket

import icalendar
import pytest
import vobject
from aiosmtpd.controller import Controller

from mandat.notifications import services
from mandat.notifications.calendar import CalendarEvent, calendar_build
from mandat.notifications.models import Message
from mandat.trainings.tests.factories import later

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (
                envelope.rcpt_tos,
                email.message_from_bytes(envelope.content, policy=email.policy.default),
            )
        )
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


def queued_message(organisation, *, key="test:1", calendars=()):
    event = CalendarEvent(
        uid="mandat-test-1@mandat.example",
        sequence=0,
        starts_at=later(10),
        ends_at=later(10, 12),
        summary="Presidieutbildning",
        location="Vargö",
        url="https://mandat.example/t/abc/",
        attendees=(("anna@example.se", "Anna Andersson"),),
    )
    return Message.objects.create(
        organisation=organisation,
        event="trainings.registration_confirmed",
        dedupe_key=key,
        to_email="anna@example.se",
        to_name="Anna Andersson",
        subject="Du är anmäld: Presidieutbildning",
        body_text="Hej Anna,\n\nDu är anmäld.\nhttps://mandat.example/t/abc/\n",
        calendars=list(calendars) or [calendar_build([event], method="REQUEST")],
        calendar_method="REQUEST",
    )


def test_a_message_arrives_through_smtp_with_its_calendar_invitation(
    organisation, smtp_server
):
    message = queued_message(organisation)

    services.message_send(message_id=message.pk)

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    [(recipients, received)] = smtp_server.messages
    assert recipients == ["anna@example.se"]
    assert received["Subject"] == "Du är anmäld: Presidieutbildning"
    assert received["To"] == "Anna Andersson <anna@example.se>"
    parts = {part.get_content_type(): part for part in received.walk()}
    assert "Du är anmäld." in parts["text/plain"].get_content()
    assert 'href="https://mandat.example/t/abc/"' in parts["text/html"].get_content()
    invitation = parts["text/calendar"]
    assert invitation.get_param("method") == "REQUEST"
    content = invitation.get_content()
    parsed = icalendar.Calendar.from_ical(content)
    assert parsed.walk("VEVENT")[0]["SUMMARY"] == "Presidieutbildning"
    assert vobject.readOne(content).vevent.location.value == "Vargö"
    attachment = parts["application/ics"]
    assert attachment.get_filename() == "invitation.ics"


def test_sending_twice_sends_once(organisation, smtp_server):
    message = queued_message(organisation)

    services.message_send(message_id=message.pk)
    services.message_send(message_id=message.pk)

    assert len(smtp_server.messages) == 1


def test_queueing_the_same_key_twice_queues_one_message(organisation):
    from mandat.notifications.services import Recipient

    first = services.message_queue(
        organisation=organisation,
        event="trainings.reminder",
        recipient=Recipient(email="anna@example.se", name="Anna"),
        dedupe_key="reminder:1",
        context={},
    )
    second = services.message_queue(
        organisation=organisation,
        event="trainings.reminder",
        recipient=Recipient(email="anna@example.se", name="Anna"),
        dedupe_key="reminder:1",
        context={},
    )

    assert first.pk == second.pk
    assert Message.objects.count() == 1


def test_a_message_cut_off_while_sending_is_not_sent_again(organisation, smtp_server):
    message = queued_message(organisation)
    # A worker crashed after it had started to send this message.
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENDING)

    services.message_send(message_id=message.pk)

    message.refresh_from_db()
    assert smtp_server.messages == []
    assert message.status == Message.Status.FAILED
    assert "interrupted" in message.last_error


def test_a_refused_connection_is_retried_and_then_shown_as_failed(
    organisation, settings
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    settings.EMAIL_TIMEOUT = 2
    message = queued_message(organisation)

    services.message_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED
    assert message.next_attempt_at is not None
    assert "ConnectionRefusedError" in message.last_error

    for _attempt in range(services.MAX_ATTEMPTS):
        services.message_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.attempts == services.MAX_ATTEMPTS


def test_the_coordinators_own_wording_is_used(organisation):
    from mandat.notifications.services import Recipient

    services.message_template_save(
        organisation=organisation,
        event="trainings.reminder",
        language="sv",
        subject="Snart dags: {{ training.title }}",
        body="Hej {{ person.first_name }}! Välkommen.",
    )

    class Obj:
        title = "Presidieutbildning"
        first_name = "Anna"

    message = services.message_queue(
        organisation=organisation,
        event="trainings.reminder",
        recipient=Recipient(email="anna@example.se"),
        dedupe_key="x",
        context={"training": Obj(), "person": Obj()},
    )

    assert message.subject == "Snart dags: Presidieutbildning"
    assert message.body_text == "Hej Anna! Välkommen.\n"


def test_a_broken_template_is_refused_with_a_message(organisation):
    from mandat.core.exceptions import ApplicationError

    with pytest.raises(ApplicationError) as error:
        services.message_template_save(
            organisation=organisation,
            event="trainings.reminder",
            language="sv",
            subject="Hej",
            body="{% if %}",
        )

    assert error.value.field == "body"
