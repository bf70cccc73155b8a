"""Sending the outbox: a message as an e-mail, sent once as its recipient
sees it, retried after an error, and sent again on request."""

import datetime
import hashlib
import logging
from email.utils import formataddr

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks, urlize
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.services import Actor

from .. import tasks
from ..calendar import site_host
from ..models import Message
from .queueing import calendar_method_of, message_write, requeue_after

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def lease() -> datetime.timedelta:
    """How long a worker holds a message it sends."""
    return datetime.timedelta(seconds=settings.MESSAGE_LEASE_SECONDS)


def message_id_for(dedupe_key: str) -> str:
    """Return the Message-ID of the message with ``dedupe_key``: the same on
    every attempt, so that a message sent again after a crash in the middle
    of sending is one message to the recipient's program."""
    digest = hashlib.sha256(dedupe_key.encode("utf-8")).hexdigest()[:32]
    return f"<{digest}.mandat@{site_host()}>"


def _email_for(message: Message) -> EmailMultiAlternatives:
    to = formataddr((message.to_name, message.to_email))
    headers = {
        "Auto-Submitted": "auto-generated",
        "Message-ID": message_id_for(message.dedupe_key),
    }
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers=headers,
    )
    with translation.override(message.language):
        html = render_to_string(
            "notifications/email.html",
            {
                "subject": message.subject,
                "body": linebreaks(urlize(escape(message.body_text), autoescape=False)),
                "language": message.language,
            },
        )
    email.attach_alternative(html, "text/html")
    if message.calendar:
        # RFC 6047: the calendar object is an alternative part whose method
        # parameter is the object's METHOD, which Outlook, Gmail and Apple
        # Mail show as an invitation (or update, or cancellation) in place.
        # Django builds a text part of this type string with charset=utf-8.
        method = calendar_method_of(message.calendar) or "PUBLISH"
        email.attach_alternative(message.calendar, f"text/calendar; method={method}")
        # The same bytes as a file, for programs that only import attachments.
        name = "installt.ics" if method == "CANCEL" else "inbjudan.ics"
        email.attach(name, message.calendar.encode("utf-8"), "application/ics")
    for attachment in message.attachments:
        # A document removed after queueing is left out; the message says
        # where the documents are. Opened without asking first whether it
        # exists: with object storage each question is a request.
        try:
            with default_storage.open(attachment["path"], "rb") as handle:
                content = handle.read()
        except FileNotFoundError:
            continue
        email.attach(attachment["name"], content, attachment["type"])
    return email


def message_send(*, message_id: int) -> Message:
    """Send one queued message, exactly once as its recipient sees it.

    The worker takes the message for a lease (``MESSAGE_LEASE_SECONDS``) and
    marks it sent when the SMTP server has accepted it. A second task for
    the same message leaves it alone while the lease runs. A worker that dies
    between the two leaves it "being sent" past the lease: it is then sent
    again with the same Message-ID, which mail programs show once."""
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message_id)
        now = timezone.now()
        if message.status in (Message.Status.SENT, Message.Status.FAILED):
            return message
        if message.status == Message.Status.SENDING:
            if message.lease_until is not None and message.lease_until > now:
                return message  # another worker is sending it now
            logger.warning(
                "Message %s was being sent when its worker stopped; sending "
                "it again with the same Message-ID",
                message.pk,
            )
            if message.attempts >= MAX_ATTEMPTS:
                message.status = Message.Status.FAILED
                message.lease_until = None
                message.next_attempt_at = None
                message.last_error = (
                    "The sending was interrupted again and again; check with the "
                    "recipient and send it again if needed."
                )
                message.save(
                    update_fields=[
                        "status",
                        "lease_until",
                        "next_attempt_at",
                        "last_error",
                    ]
                )
                return message
        if message.render_with:
            try:
                message_write(message)
            except Exception as error:  # a writer's fault: shown in the outbox
                logger.exception("Writing message %s failed", message.pk)
                message.status = Message.Status.FAILED
                message.last_error = f"{type(error).__name__}: {error}"[:2000]
                message.next_attempt_at = None
                message.save(update_fields=["status", "last_error", "next_attempt_at"])
                return message
        message.status = Message.Status.SENDING
        message.attempts += 1
        message.lease_until = now + lease()
        message.next_attempt_at = message.lease_until
        message.save(
            update_fields=["status", "attempts", "lease_until", "next_attempt_at"]
        )
    try:
        _email_for(message).send()
    except Exception as error:  # any transport error: retry, then give up
        logger.warning("Sending message %s failed: %s", message.pk, error)
        retry = message.attempts < MAX_ATTEMPTS
        message.status = Message.Status.QUEUED if retry else Message.Status.FAILED
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.lease_until = None
        # The tick queues it again when this time has come.
        message.next_attempt_at = (
            timezone.now() + datetime.timedelta(minutes=2**message.attempts)
            if retry
            else None
        )
        message.save(
            update_fields=["status", "last_error", "lease_until", "next_attempt_at"]
        )
        return message
    message.status = Message.Status.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.lease_until = None
    message.next_attempt_at = None
    message.save(
        update_fields=[
            "status",
            "sent_at",
            "last_error",
            "lease_until",
            "next_attempt_at",
        ]
    )
    return message


def message_retry_due(*, chunk: int = 200) -> int:
    """Queue again every message whose time has come: retries after an SMTP
    error, messages whose task was lost with a worker, and messages whose
    sending was cut off past its lease. Each is pushed a lease ahead, so a
    slow queue is not queued twice a minute; a second task for a message is
    harmless. Return how many were queued."""
    now = timezone.now()
    due = list(
        Message.objects.filter(
            status__in=(Message.Status.QUEUED, Message.Status.SENDING),
            next_attempt_at__lte=now,
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:2000]
    )
    if not due:
        return 0
    Message.objects.filter(pk__in=due, status=Message.Status.QUEUED).update(
        next_attempt_at=now + requeue_after()
    )
    for start in range(0, len(due), chunk):
        tasks.messages_send_task.enqueue(due[start : start + chunk])
    return len(due)


@transaction.atomic
def message_resend(*, actor: Actor = None, message: Message) -> Message:
    """Send a failed or stuck message again (the coordinator's choice in the
    outbox). A stuck message keeps its Message-ID, so the recipient sees it
    once even if the first attempt did go out."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    if not message.can_send_again:
        raise ApplicationError(_("Only a failed or stuck message can be sent again."))
    message.status = Message.Status.QUEUED
    message.attempts = 0
    message.lease_until = None
    message.next_attempt_at = timezone.now() + requeue_after()
    message.save(update_fields=["status", "attempts", "lease_until", "next_attempt_at"])
    transaction.on_commit(lambda: tasks.message_send_task.enqueue(message.pk))
    return message
