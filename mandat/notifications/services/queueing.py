"""Queueing messages in the outbox: one, many at once, or one the worker
writes when it sends it, each a row per recipient and event saved in the
transaction of the change it tells of."""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from mandat.core.models import Organisation
from mandat.directory.models import Person

from .. import tasks
from ..models import Message, MessageTemplate
from .texts import NOT_LOOKED_UP, NotLookedUp, message_render


def requeue_after() -> datetime.timedelta:
    """How long a queued message waits for its task before the tick queues
    it again (its task may have been lost with a worker)."""
    return datetime.timedelta(seconds=settings.MESSAGE_REQUEUE_SECONDS)


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""
    language: str = "sv"
    person: Person | None = None

    @classmethod
    def for_person(cls, person: Person) -> "Recipient":
        language = "sv"
        account = person.account if person.account_id else None
        if account is not None and account.language:
            language = account.language
        return cls(
            email=person.email, name=person.full_name, language=language, person=person
        )


class Attachment(TypedDict):
    """A stored file sent with a message: its path in the storage, the name
    it is sent under and its content type."""

    path: str
    name: str
    type: str


def _message_build(
    *,
    organisation: Organisation,
    event: str,
    recipient: Recipient,
    dedupe_key: str,
    context: dict[str, Any],
    about: Model | None,
    custom: MessageTemplate | None | NotLookedUp = NOT_LOOKED_UP,
) -> Message:
    """An unsaved outbox row with the message rendered for its recipient."""
    subject, body = message_render(
        organisation=organisation,
        event=event,
        language=recipient.language,
        context={**context, "recipient": recipient},
        custom=custom,
    )
    return _message_row(
        organisation,
        event,
        recipient,
        dedupe_key,
        about,
        subject=subject[:300],
        body_text=body,
    )


def _message_row(
    organisation: Organisation,
    event: str,
    recipient: Recipient,
    dedupe_key: str,
    about: Model | None,
    **fields: Any,
) -> Message:
    """An unsaved outbox row for ``recipient``; ``fields`` as for Message."""
    return Message(
        organisation=organisation,
        event=event,
        dedupe_key=dedupe_key,
        person=recipient.person,
        to_email=recipient.email,
        to_name=recipient.name,
        language=recipient.language,
        content_type=ContentType.objects.get_for_model(about) if about else None,
        object_id=about.pk if about else None,
        **fields,
    )


def _message_queued(dedupe_key: str) -> Message | None:
    """The message already queued with ``dedupe_key``, if any."""
    return Message.objects.filter(dedupe_key=dedupe_key).first()


def _message_save(message: Message, *, new_key: bool = False) -> Message:
    """Save ``message`` and send it once the transaction commits; return
    it, or the message another process queued with the same key at the
    same moment. ``new_key``: no message can have the key yet, so it is
    saved in one statement, without a savepoint."""
    if new_key:
        message.save()
    else:
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:
            # Queued at the same moment by another process.
            return Message.objects.get(dedupe_key=message.dedupe_key)
    transaction.on_commit(lambda: tasks.message_send_task.enqueue(message.pk))
    return message


def message_queue(
    *,
    organisation: Organisation,
    event: str,
    recipient: Recipient,
    dedupe_key: str,
    context: dict[str, Any],
    about: Model | None = None,
    calendar: str = "",
    reply_to: str = "",
    attachments: Sequence[Attachment] | None = None,
) -> Message | None:
    """Queue one message; return it, or None when the recipient has no address.

    ``calendar`` is one iCalendar object (an iTIP REQUEST or CANCEL) sent
    with the message; ``reply_to`` the coordinator or secretary who answers
    replies, as "Name <address>". Queueing the same ``dedupe_key`` again
    returns the existing message and sends nothing new."""
    if not recipient.email:
        return None
    existing = _message_queued(dedupe_key)
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
    return _message_save(message)


def message_queue_written_later(
    *,
    organisation: Organisation,
    event: str,
    recipient: Recipient,
    dedupe_key: str,
    writer: str,
    arguments: dict[str, Any],
    about: Model | None = None,
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
        existing = _message_queued(dedupe_key)
        if existing is not None:
            return existing
    message = _message_row(
        organisation,
        event,
        recipient,
        dedupe_key,
        about,
        render_with={"writer": writer, "arguments": arguments},
        next_attempt_at=timezone.now() + requeue_after(),
    )
    return _message_save(message, new_key=new_key)


@dataclass(frozen=True)
class Writing:
    """What a message's writer returns: the template context, and what goes
    with the text."""

    context: dict[str, Any]
    calendar: str = ""
    reply_to: str = ""
    attachments: tuple[Attachment, ...] = ()


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
    subject, body = message_render(
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
    organisation: Organisation,
    event: str,
    items: list[tuple[Recipient, str, dict[str, Any]]],
    about: Model | None = None,
    reply_to: str = "",
    chunk: int = 200,
) -> int:
    """Queue many messages of one event at once (e.g. invitations to 5,000
    people); keys already queued are skipped. Returns how many were queued.
    ``reply_to`` as for ``message_queue``."""
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
    rows: list[Message] = []
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
        row.reply_to = reply_to
        rows.append(row)
    Message.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    ids = list(
        Message.objects.filter(
            dedupe_key__in=[row.dedupe_key for row in rows],
            status=Message.Status.QUEUED,
        ).values_list("pk", flat=True)
    )

    def enqueue() -> None:
        for start in range(0, len(ids), chunk):
            tasks.messages_send_task.enqueue(ids[start : start + chunk])

    transaction.on_commit(enqueue)
    return len(ids)


def calendar_method_of(calendar: str) -> str:
    """Return the METHOD of an iCalendar object ("" when it has none)."""
    match = _METHOD.search(calendar)
    return match[1].upper() if match else ""


_METHOD = re.compile(r"^METHOD:([A-Za-z-]+)\r?$", re.MULTILINE)
