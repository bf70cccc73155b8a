"""Readers for the outbox."""

import datetime
import re
from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.template import Engine
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Message

# An address in a message: absolute (https://…, webcal://…) or a path that
# stands on its own ("/t/…/").
_ADDRESS = re.compile(
    r"\b(?:https?|webcal)://[^\s<>\"']+|(?<![^\s(<\"'\[])/[^\s<>\"']*",
    re.IGNORECASE,
)
# Punctuation that ends a sentence rather than the address.
_TRAILING = ".,;:!?)]>\"'"
# Address parts that are the key of a personal link, whatever the view.
_KEY_NAMES = {"token", "uidb64", "key", "secret"}


def message_list(*, organisation, filters: dict) -> QuerySet:
    """Return the organisation's messages, newest first, filtered."""
    messages = Message.objects.filter(organisation=organisation).defer(
        "body_text", "calendar"
    )
    if query := filters.get("q"):
        messages = messages.filter(
            Q(to_email__icontains=query)
            | Q(to_name__icontains=query)
            | Q(subject__icontains=query)
        )
    if (status := filters.get("status")) == STUCK:
        messages = messages.filter(stuck_q())
    elif status:
        messages = messages.filter(status=status)
    if event := filters.get("event"):
        messages = messages.filter(event=event)
    return messages.order_by("-created_at", "-id")


STUCK = "stuck"


def stuck_q() -> Q:
    """Messages waiting past their time (see ``Message.is_stuck``)."""
    now = timezone.now()
    return Q(status=Message.Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=Message.Status.SENDING, lease_until__lte=now
    )


# The outbox counts what was sent over this many days: all that was ever
# sent grows with the organisation's history.
SENT_DAYS = 30


def message_counts(*, organisation) -> dict:
    """Return how many messages wait, failed and are stuck, and how many were
    sent in the last ``SENT_DAYS`` days: one query over those rows only
    (by the index on organisation, status and time), not the history."""
    since = timezone.now() - datetime.timedelta(days=SENT_DAYS)
    Status = Message.Status
    return Message.objects.filter(
        Q(status__in=[Status.QUEUED, Status.SENDING, Status.FAILED])
        | Q(status=Status.SENT, created_at__gte=since),
        organisation=organisation,
    ).aggregate(
        queued=Count("id", filter=Q(status=Status.QUEUED)),
        sent=Count("id", filter=Q(status=Status.SENT)),
        failed=Count("id", filter=Q(status=Status.FAILED)),
        **{STUCK: Count("id", filter=stuck_q())},
    )


def builtin_template_source(spec) -> dict:
    """The built-in template's source, as a starting point for editing."""
    # The one template engine of settings.TEMPLATES, Django's.
    engine = Engine.get_default()
    subject = engine.get_template(f"{spec.template_base}.subject.txt").source
    body = engine.get_template(f"{spec.template_base}.txt").source
    return {"subject": subject.strip(), "body": body.strip()}


def message_example(*, organisation, event: str) -> dict | None:
    """The last message of ``event`` the organisation sent, as the outbox
    shows it (personal links masked): what a fixed wording reads like."""
    message = (
        Message.objects.filter(organisation=organisation, event=event)
        .order_by("-created_at")
        .first()
    )
    if message is None:
        return None
    return {
        "subject": text_without_personal_links(message.subject),
        "body": text_without_personal_links(message.body_text),
    }


def is_personal_link(address: str) -> bool:
    """Whether ``address`` is someone's personal action link: a page of Mandat
    whose address carries a key (``<token>`` by convention): an invitation,
    an approval, a questionnaire, a calendar feed, a password or log-in
    link, and any such page added later."""
    parts = urlsplit(address)
    if set(parse_qs(parts.query)) & _KEY_NAMES:
        return True
    path = unquote(parts.path or "/")
    prefix = urlsplit(settings.SITE_URL).path.rstrip("/")
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix) :]
    try:
        match = resolve(path)
    except (Resolver404, ValueError):
        return False
    return bool(set(match.kwargs) & _KEY_NAMES)


def text_without_personal_links(text: str) -> str:
    """Return ``text`` with every personal action link replaced by a note
    that one was there: the outbox shows that a link was sent, never the
    link, which would let the reader act in the recipient's name."""

    def mask(match):
        address = match.group(0)
        trailing = ""
        while address and address[-1] in _TRAILING:
            address, trailing = address[:-1], address[-1] + trailing
        if address and is_personal_link(address):
            return _("[personal link]") + trailing
        return match.group(0)

    return _ADDRESS.sub(mask, text or "")
