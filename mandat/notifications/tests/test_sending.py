"""Sending: through a real SMTP server on loopback, exactly once, retried on
failure, and never twice after a crash in the middle of sending."""

import socket

import pytest

from mandat.notifications import services
from mandat.notifications.calendar import (
    CalendarEntry,
    CalendarPerson,
    CalendarSession,
    calendar_build,
)
from mandat.notifications.models import Message
from mandat.testing.received import parse_calendar, received_calendar
from mandat.trainings.tests.factories import later

pytestmark = pytest.mark.django_db


def queued_message(organisation, *, key="test:1", reply_to=""):
    entry = CalendarEntry(
        uid="mandat-test-1@mandat.example",
        sequence=0,
        summary="Presidieutbildning – för förtroendevalda",
        sessions=(CalendarSession(later(10), later(10, 12)),),
        location="Vargö",
        page_url="https://mandat.example/o/x/trainings/1/",
        attendee=CalendarPerson("anna@example.se", "Åsa Öberg"),
    )
    return Message.objects.create(
        organisation=organisation,
        event="trainings.registration_confirmed",
        dedupe_key=key,
        to_email="anna@example.se",
        to_name="Åsa Öberg",
        subject="Du är anmäld: Presidieutbildning",
        body_text="Hej Åsa,\n\nDu är anmäld.\nhttps://mandat.example/t/abc/\n",
        calendar=calendar_build([entry], method="REQUEST"),
        calendar_method="REQUEST",
        reply_to=reply_to,
    )


def test_a_message_arrives_through_smtp_with_its_calendar_invitation(
    organisation, smtp_server, settings
):
    settings.SITE_URL = "https://mandat.exempelstad.se"
    message = queued_message(
        organisation, reply_to="Sam Ordning <samordnare@exempelstad.se>"
    )

    services.message_send(message_id=message.pk)

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    [(recipients, received)] = smtp_server.messages
    assert recipients == ["anna@example.se"]
    assert received["Subject"] == "Du är anmäld: Presidieutbildning"
    assert received["To"] == "Åsa Öberg <anna@example.se>"
    assert received["Reply-To"] == "Sam Ordning <samordnare@exempelstad.se>"
    assert received["Message-ID"].endswith("@mandat.exempelstad.se>")
    parts = {part.get_content_type(): part for part in received.walk()}
    assert "Du är anmäld." in parts["text/plain"].get_content()
    assert 'href="https://mandat.example/t/abc/"' in parts["text/html"].get_content()
    calendar = received_calendar(received)
    assert calendar.method == "REQUEST"
    assert len(calendar.attachments) == 1
    parsed = parse_calendar(calendar.data)
    [event] = parsed.events
    assert event.summary == "Presidieutbildning – för förtroendevalda"
    assert parsed.raw["events"][0]["location"] == "Vargö"


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
