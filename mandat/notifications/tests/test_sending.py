"""Sending: through a real SMTP server on loopback, exactly once, retried on
failure, and never twice after a crash in the middle of sending."""

import datetime
import socket

import pytest
from django.utils import timezone

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


def test_a_message_being_sent_by_another_worker_is_left_alone(
    organisation, smtp_server
):
    message = queued_message(organisation)
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENDING,
        lease_until=timezone.now() + datetime.timedelta(minutes=5),
    )

    services.message_send(message_id=message.pk)

    message.refresh_from_db()
    assert smtp_server.messages == []
    assert message.status == Message.Status.SENDING


def test_a_message_cut_off_while_sending_goes_again_with_the_same_message_id(
    organisation, smtp_server
):
    message = queued_message(organisation)
    services.message_send(message_id=message.pk)
    # The worker died after the SMTP server took the message and before it
    # could mark it sent; its lease has run out.
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENDING,
        lease_until=timezone.now() - datetime.timedelta(seconds=1),
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1),
    )

    assert services.message_retry_due() == 1

    message.refresh_from_db()
    [(_to, first), (_to2, second)] = smtp_server.messages
    assert message.status == Message.Status.SENT
    # Mail programs show one message per Message-ID.
    assert first["Message-ID"] == second["Message-ID"]


def test_a_queued_message_whose_task_was_lost_is_sent_by_the_next_tick(
    organisation, smtp_server
):
    message = queued_message(organisation)
    Message.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    services.message_retry_due()

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert len(smtp_server.messages) == 1
    assert services.message_retry_due() == 0


def test_a_stuck_message_can_be_sent_again_from_the_outbox(organisation, run_on_commit):
    message = queued_message(organisation)
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENDING,
        lease_until=timezone.now() - datetime.timedelta(minutes=1),
    )
    message.refresh_from_db()

    assert message.is_stuck and message.can_send_again
    run_on_commit(services.message_resend, message=message)

    message.refresh_from_db()
    assert message.status == Message.Status.SENT


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
        actor=None,
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

    with pytest.raises(ApplicationError, match="Mallen innehåller ett fel:") as error:
        services.message_template_save(
            actor=None,
            organisation=organisation,
            event="trainings.reminder",
            language="sv",
            subject="Hej",
            body="{% if %}",
        )

    assert error.value.field == "body"


def test_a_message_carrying_a_way_into_an_account_keeps_the_built_in_wording(
    organisation,
):
    from mandat.core.exceptions import ApplicationError
    from mandat.notifications.models import MessageTemplate

    with pytest.raises(
        ApplicationError, match=r"Texten i det här meddelandet kan inte ändras\."
    ):
        services.message_template_save(
            actor=None,
            organisation=organisation,
            event="accounts.login_link",
            language="sv",
            subject="Logga in",
            body="Logga in på https://evil.example/?t={{ link }}",
        )
    # Even a wording stored some other way is not used.
    MessageTemplate.objects.create(
        organisation=organisation,
        event="accounts.login_link",
        language="sv",
        subject="Logga in",
        body="https://evil.example/?t={{ link }}",
    )

    _subject, body = services.message_render(
        organisation=organisation,
        event="accounts.login_link",
        language="sv",
        context={
            "link": "https://mandat.example/login/abc/",
            "recipient": None,
            "valid_minutes": 20,
        },
    )

    assert "evil.example" not in body


def test_the_outbox_shows_stuck_messages_and_offers_to_send_them_again(
    organisation, coordinator_client
):
    from django.urls import reverse

    stuck = queued_message(organisation)
    Message.objects.filter(pk=stuck.pk).update(
        status=Message.Status.SENDING,
        lease_until=timezone.now() - datetime.timedelta(minutes=1),
    )
    queued_message(organisation, key="test:2")  # on its way, not stuck
    outbox = reverse("notifications:outbox", args=[organisation.slug])

    listed = coordinator_client.get(outbox, {"status": "stuck"})
    detail = coordinator_client.get(
        reverse("notifications:message-detail", args=[organisation.slug, stuck.pk])
    )

    assert listed.context["counts"]["stuck"] == 1
    assert [m.pk for m in listed.context["page"].object_list] == [stuck.pk]
    assert (
        "message-resend" in str(detail.content) or "/resend/" in detail.content.decode()
    )
