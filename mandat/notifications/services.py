"""The one way Mandat sends e-mail: a row per recipient and event in the
outbox, rendered in the recipient's language, sent by the worker."""

import datetime
import hashlib
import html
import logging
import re
from dataclasses import dataclass
from email.utils import formataddr

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template import Context, Template, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks, urlize
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError

from .calendar import site_host
from .models import Message, MessageTemplate
from .registry import EVENTS

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def lease() -> datetime.timedelta:
    """How long a worker holds a message it sends."""
    return datetime.timedelta(seconds=settings.MESSAGE_LEASE_SECONDS)


def requeue_after() -> datetime.timedelta:
    """How long a queued message waits for its task before the tick queues
    it again (its task may have been lost with a worker)."""
    return datetime.timedelta(seconds=settings.MESSAGE_REQUEUE_SECONDS)


def message_id_for(dedupe_key: str) -> str:
    """Return the Message-ID of the message with ``dedupe_key``: the same on
    every attempt, so that a message sent again after a crash in the middle
    of sending is one message to the recipient's program."""
    digest = hashlib.sha256(dedupe_key.encode("utf-8")).hexdigest()[:32]
    return f"<{digest}.mandat@{site_host()}>"


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""
    language: str = "sv"
    person: object = None

    @classmethod
    def for_person(cls, person) -> "Recipient":
        language = "sv"
        if person.account_id and person.account.language:
            language = person.account.language
        return cls(
            email=person.email, name=person.full_name, language=language, person=person
        )


_NOT_LOOKED_UP = object()

# What a coordinator's own template may read of each record: plain values
# only, so a template cannot walk from a person to their account or to other
# organisations' data.
PLAIN_FIELDS = {
    "person": ("first_name", "last_name", "full_name", "title"),
    "training": ("title", "description"),
    "occasion": (
        "label",
        "location",
        "meeting_url",
        "capacity",
        "starts_at",
        "ends_at",
    ),
    "registration": ("dietary_needs", "accessibility_needs", "status"),
    "recipient": ("name", "email"),
    "session": ("label", "starts_at", "ends_at"),
    "meeting": ("starts_at", "ends_at", "location", "meeting_url", "host"),
    "approval": ("title", "message", "deadline"),
    "questionnaire": ("title", "introduction"),
    "budget": ("year", "amount", "note"),
}


def _plain_value(name: str, value):
    fields = PLAIN_FIELDS.get(name)
    if fields is not None and value is not None:
        return {field: getattr(value, field, "") for field in fields}
    if isinstance(value, str | int | float | datetime.date | datetime.datetime):
        return value
    if value is None:
        return ""
    return str(value)


def plain_context(context: dict) -> dict:
    """Reduce a message's context to the plain values listed in PLAIN_FIELDS."""
    plain = {}
    for name, value in context.items():
        if isinstance(value, list | tuple):
            item = {"sessions": "session", "occasions": "occasion"}.get(name, name)
            plain[name] = [_plain_value(item, element) for element in value]
        else:
            plain[name] = _plain_value(name, value)
    return plain


def render_message(
    *, organisation, event: str, language: str, context: dict, custom=_NOT_LOOKED_UP
):
    """Return (subject, text) of ``event`` in ``language``: the organisation's
    own wording if it has one, else the built-in template. ``custom`` passes
    the organisation's template when the caller looked it up already."""
    spec = EVENTS[event]
    if not spec.editable:
        custom = None  # a way into an account is always worded by Mandat
    with translation.override(language):
        if custom is _NOT_LOOKED_UP:
            custom = MessageTemplate.objects.filter(
                organisation=organisation, event=event, language=language
            ).first()
        if custom is not None:
            plain = plain_context(context)
            try:
                # A subject is shown and searched in the outbox: it never
                # carries the personal link.
                subject = Template(custom.subject).render(
                    Context({k: v for k, v in plain.items() if k != "link"})
                )
                body = Template(custom.body).render(Context(plain, autoescape=False))
            except Exception:  # a coordinator's template must never stop a message
                logger.exception(
                    "Custom template %s is broken; using the built-in", event
                )
                custom = None
        if custom is None:
            subject = render_to_string(f"{spec.template_base}.subject.txt", context)
            body = render_to_string(f"{spec.template_base}.txt", context)
    # Subjects are plain text: undo the HTML escaping of the template ("&amp;").
    return " ".join(html.unescape(subject).split()), body.strip() + "\n"


def _message_build(
    *, organisation, event, recipient, dedupe_key, context, about, custom=_NOT_LOOKED_UP
) -> Message:
    """An unsaved outbox row with the message rendered for its recipient."""
    subject, body = render_message(
        organisation=organisation,
        event=event,
        language=recipient.language,
        context={**context, "recipient": recipient},
        custom=custom,
    )
    return Message(
        organisation=organisation,
        event=event,
        dedupe_key=dedupe_key,
        person=recipient.person,
        to_email=recipient.email,
        to_name=recipient.name,
        language=recipient.language,
        subject=subject[:300],
        body_text=body,
        content_type=ContentType.objects.get_for_model(about) if about else None,
        object_id=about.pk if about else None,
    )


def message_queue(
    *,
    organisation,
    event: str,
    recipient: Recipient,
    dedupe_key: str,
    context: dict,
    about=None,
    calendar: str = "",
    reply_to: str = "",
    attachments: list[dict] | None = None,
) -> Message | None:
    """Queue one message; return it, or None when the recipient has no address.

    ``calendar`` is one iCalendar object (an iTIP REQUEST or CANCEL) sent
    with the message; ``reply_to`` the coordinator or secretary who answers
    replies, as "Name <address>". Queueing the same ``dedupe_key`` again
    returns the existing message and sends nothing new."""
    if not recipient.email:
        return None
    existing = Message.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing
    message = _message_build(
        organisation=organisation,
        event=event,
        recipient=recipient,
        dedupe_key=dedupe_key,
        context=context,
        about=about,
    )
    message.calendar = calendar
    message.calendar_method = calendar_method_of(calendar)
    message.reply_to = reply_to
    # Should the task never run (a worker killed with its queue), the tick
    # queues the message again at this time.
    message.next_attempt_at = timezone.now() + requeue_after()
    message.attachments = list(attachments or [])
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # Queued at the same moment by another process.
        return Message.objects.get(dedupe_key=dedupe_key)
    from .tasks import message_send_task

    transaction.on_commit(lambda: message_send_task.enqueue(message.pk))
    return message


def message_queue_written_later(
    *,
    organisation,
    event: str,
    recipient: Recipient,
    dedupe_key: str,
    writer: str,
    arguments: dict,
    about=None,
    new_key: bool = False,
) -> Message | None:
    """Queue one message that the worker writes when it sends it: in the
    request only a small row is saved, in the same transaction as the change
    it tells of, so that the message is never lost and the page does not wait
    for the text and the calendar file to be made.

    ``writer`` is the dotted path of a function taking ``arguments`` as
    keywords and returning a ``Writing``; ``arguments`` must be JSON (ids,
    and what must be as it was when the change was made, such as a calendar
    revision).

    ``new_key`` says that no message can have the key yet (it names a row
    made in this transaction): the message is then saved without looking
    for one first, in one statement."""
    if not recipient.email:
        return None
    if not new_key:
        existing = Message.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    message = Message(
        organisation=organisation,
        event=event,
        dedupe_key=dedupe_key,
        person=recipient.person,
        to_email=recipient.email,
        to_name=recipient.name,
        language=recipient.language,
        subject="",
        body_text="",
        render_with={"writer": writer, "arguments": arguments},
        content_type=ContentType.objects.get_for_model(about) if about else None,
        object_id=about.pk if about else None,
        next_attempt_at=timezone.now() + requeue_after(),
    )
    if new_key:
        message.save()
    else:
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:
            return Message.objects.get(dedupe_key=dedupe_key)
    from .tasks import message_send_task

    transaction.on_commit(lambda: message_send_task.enqueue(message.pk))
    return message


@dataclass(frozen=True)
class Writing:
    """What a message's writer returns: the template context, and what goes
    with the text."""

    context: dict
    calendar: str = ""
    reply_to: str = ""
    attachments: tuple = ()


def message_write(message: Message) -> None:
    """Write a message queued by ``message_queue_written_later`` with its
    writer, in the recipient's language, and save it (the caller holds the
    row's lock)."""
    spec = message.render_with
    writer = import_string(spec["writer"])
    recipient = Recipient(
        email=message.to_email,
        name=message.to_name,
        language=message.language,
        person=message.person,
    )
    with translation.override(message.language):
        writing = writer(**spec["arguments"], language=message.language)
    subject, body = render_message(
        organisation=message.organisation,
        event=message.event,
        language=message.language,
        context={**writing.context, "recipient": recipient},
    )
    message.subject = subject[:300]
    message.body_text = body
    message.calendar = writing.calendar
    message.calendar_method = calendar_method_of(writing.calendar)
    message.reply_to = writing.reply_to
    message.attachments = list(writing.attachments)
    message.render_with = {}
    message.save(
        update_fields=[
            "subject",
            "body_text",
            "calendar",
            "calendar_method",
            "reply_to",
            "attachments",
            "render_with",
        ]
    )


def message_queue_bulk(
    *,
    organisation,
    event: str,
    items: list[tuple[Recipient, str, dict]],
    about=None,
    chunk: int = 200,
) -> int:
    """Queue many messages of one event at once (e.g. invitations to 5,000
    people); keys already queued are skipped. Returns how many were queued."""
    keys = [key for recipient, key, _context in items if recipient.email]
    existing = set(
        Message.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    custom = {
        template.language: template
        for template in MessageTemplate.objects.filter(
            organisation=organisation, event=event
        )
    }
    rows = []
    safety_net = timezone.now() + requeue_after()
    for recipient, key, context in items:
        if not recipient.email or key in existing:
            continue
        row = _message_build(
            organisation=organisation,
            event=event,
            recipient=recipient,
            dedupe_key=key,
            context=context,
            about=about,
            custom=custom.get(recipient.language),
        )
        row.next_attempt_at = safety_net
        rows.append(row)
    Message.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    ids = list(
        Message.objects.filter(
            dedupe_key__in=[row.dedupe_key for row in rows],
            status=Message.Status.QUEUED,
        ).values_list("pk", flat=True)
    )
    from .tasks import messages_send_task

    def enqueue():
        for start in range(0, len(ids), chunk):
            messages_send_task.enqueue(ids[start : start + chunk])

    transaction.on_commit(enqueue)
    return len(ids)


def calendar_method_of(calendar: str) -> str:
    """Return the METHOD of an iCalendar object ("" when it has none)."""
    match = _METHOD.search(calendar)
    return match[1].upper() if match else ""


_METHOD = re.compile(r"^METHOD:([A-Za-z-]+)\r?$", re.MULTILINE)


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
    from .tasks import messages_send_task

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
        messages_send_task.enqueue(due[start : start + chunk])
    return len(due)


@transaction.atomic
def message_resend(*, actor=None, message: Message) -> Message:
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
    from .tasks import message_send_task

    transaction.on_commit(lambda: message_send_task.enqueue(message.pk))
    return message


@transaction.atomic
def message_template_save(
    *, organisation, event: str, language: str, subject: str, body: str
) -> MessageTemplate:
    """Save the organisation's own wording of a message, after checking it renders."""
    spec = EVENTS.get(event)
    if spec is None or not spec.editable:
        raise ApplicationError(_("This message cannot be reworded."))
    for field, text in (("subject", subject), ("body", body)):
        try:
            Template(text)
        except TemplateSyntaxError as error:
            raise ApplicationError(
                _("The template has an error: %(error)s") % {"error": error},
                field=field,
            ) from error
    template, _created = MessageTemplate.objects.update_or_create(
        organisation=organisation,
        event=event,
        language=language,
        defaults={"subject": subject, "body": body},
    )
    return template


@transaction.atomic
def message_template_reset(*, organisation, event: str, language: str) -> None:
    """Go back to the built-in wording."""
    MessageTemplate.objects.filter(
        organisation=organisation, event=event, language=language
    ).delete()
