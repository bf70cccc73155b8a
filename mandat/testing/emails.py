"""E-mails as their recipients read them, for the snapshot tests of every
e-mail Mandat sends (``emails`` fixture in ``mandat/conftest.py``).

Each message is taken as the bytes Django hands to the SMTP server, parsed
as a mail program parses them, and written as text: the templates it was
made from, To, Reply-To, Subject, the names of its attachments and the
plain-text body. What differs from run to run is replaced: tokens in links
by ``<token>`` and row ids in addresses by ``<id>``. Names, dates and times
are the tests' own (fixed names, a fixed clock)."""

import re
from collections import defaultdict
from contextlib import contextmanager

from django.test.signals import template_rendered

from .received import parse_mail

# Every address in a message, and the parts of its path that are row ids or
# random tokens (secrets.token_urlsafe: 32 characters and more).
_URL = re.compile(r"https?://[^\s<>\"]+")
_ID = re.compile(r"(?<=/)\d+(?=/)")
_TOKEN = re.compile(r"(?<=/)[A-Za-z0-9_-]{24,}(?=[/.#?]|$)")


def normalise(text: str) -> str:
    """Replace the tokens and row ids in every address of ``text``."""

    def clean(match: re.Match) -> str:
        return _ID.sub("<id>", _TOKEN.sub("<token>", match[0]))

    return _URL.sub(clean, text)


def is_email_template(name: str | None) -> bool:
    """Whether ``name`` is an e-mail template (``<app>/emails/<name>``)."""
    return bool(name) and "/emails/" in name


class SentEmails:
    """What Mandat sends during a test, and the e-mail templates rendered for
    each recipient (Django's ``template_rendered`` signal, sent in tests for
    every template and every template it includes)."""

    def __init__(self, outbox, capture_on_commit):
        self._outbox = outbox
        self._capture_on_commit = capture_on_commit
        self._templates: dict[str, set[str]] = defaultdict(set)

    def record(self, sender, template, context, **kwargs):
        if not is_email_template(template.name):
            return
        # Every message is rendered with its recipient in the context (the
        # outbox adds it), which an included template shares.
        recipient = context.get("recipient")
        self._templates[getattr(recipient, "email", "")].add(template.name)

    @contextmanager
    def sending(self):
        """Run what the code inside defers to its commit, as in production:
        the outbox's tasks write and send the messages then."""
        with self._capture_on_commit(execute=True):
            yield

    def clear(self) -> None:
        """Forget what was sent and rendered so far (the set-up's messages)."""
        self._outbox.clear()
        self._templates.clear()

    def to(self, address: str) -> list[str]:
        """Return every message sent to ``address`` since the last clear, as
        its recipient reads it."""
        return [
            self._as_read(email, address)
            for email in self._outbox
            if any(address in to for to in email.to)
        ]

    def one(self, address: str) -> str:
        """Return the one message sent to ``address`` since the last clear."""
        [message] = self.to(address)
        return message

    def _as_read(self, email, address: str) -> str:
        message = parse_mail(email.message().as_bytes())
        # A long or non-ASCII subject is folded after "Subject:"; mail
        # programs drop the space that unfolding leaves in front of it.
        subject = message["Subject"].strip()
        lines = [
            "Templates: " + ", ".join(sorted(self._templates[address])),
            f"To: {message['To']}",
        ]
        if message["Reply-To"]:
            lines.append(f"Reply-To: {message['Reply-To']}")
        lines.append(f"Subject: {subject}")
        attachments = [part.get_filename() for part in message.iter_attachments()]
        if attachments:
            lines.append("Attachments: " + ", ".join(attachments))
        body = message.get_body(preferencelist=("plain",)).get_content()
        return normalise("\n".join(lines) + "\n\n" + body)


@contextmanager
def emails_recorded(outbox, capture_on_commit):
    """Yield a ``SentEmails`` that records e-mail templates while it lasts."""
    sent = SentEmails(outbox, capture_on_commit)
    template_rendered.connect(sent.record)
    try:
        yield sent
    finally:
        template_rendered.disconnect(sent.record)
