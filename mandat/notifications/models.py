import secrets

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    """One e-mail to one recipient about one event: the outbox.

    ``dedupe_key`` names the event and the recipient (and, for calendar
    updates, the revision), so queueing the same message twice, or a worker
    retrying after a crash, never sends it twice."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    event = models.CharField(_("event"), max_length=60, db_index=True)
    dedupe_key = models.CharField(_("message key"), max_length=200, unique=True)
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    to_email = models.EmailField(_("e-mail address"))
    to_name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, default="sv")
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    calendar_method = models.CharField(_("calendar method"), max_length=20, blank=True)
    calendar = models.TextField(
        _("calendar file"),
        blank=True,
        help_text=_(
            "The iCalendar object sent with the message: one entry with one "
            "event per session."
        ),
    )
    render_with = models.JSONField(
        _("made by"),
        default=dict,
        blank=True,
        help_text=_(
            "For a message written by the worker: the function that writes it "
            "and what it needs. Empty once the message is written."
        ),
    )
    reply_to = models.CharField(
        _("replies to"),
        max_length=320,
        blank=True,
        help_text=_("The person who answers replies: a coordinator or secretary."),
    )
    attachments = models.JSONField(
        _("attachments"),
        default=list,
        blank=True,
        help_text=_(
            "Stored files sent with the message: name, storage path and file type."
        ),
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt"),
        null=True,
        blank=True,
        help_text=_(
            "When the worker's tick queues the message again if it is still "
            "not sent, whatever happened to its first task."
        ),
    )
    lease_until = models.DateTimeField(
        _("being sent until"),
        null=True,
        blank=True,
        help_text=_(
            "A worker sending the message holds it until then; after that the "
            "sending is taken as cut off and is done again, with the same "
            "Message-ID, so the recipient's program shows it once."
        ),
    )
    created_at = models.DateTimeField(_("queued"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "-created_at"]),
            # The outbox, newest first, a page at a time.
            models.Index(fields=["organisation", "-created_at", "-id"]),
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"

    @property
    def is_stuck(self) -> bool:
        """Whether the message waits past its time: queued beyond its next
        attempt, or being sent past the lease of the worker that took it."""
        now = timezone.now()
        if self.status == self.Status.QUEUED:
            return self.next_attempt_at is not None and self.next_attempt_at <= now
        if self.status == self.Status.SENDING:
            return self.lease_until is None or self.lease_until <= now
        return False

    @property
    def is_written(self) -> bool:
        """Whether the subject and text are there (the worker writes some
        messages after the change they tell of is saved)."""
        return not self.render_with

    @property
    def can_send_again(self) -> bool:
        """Whether the coordinator may send it again from the outbox."""
        return self.status == self.Status.FAILED or self.is_stuck


class MessageTemplate(models.Model):
    """A coordinator's own wording of one kind of message, replacing the
    built-in template for that organisation and language."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="message_templates",
    )
    event = models.CharField(_("message"), max_length=60)
    language = models.CharField(_("language"), max_length=8, default="sv")
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "event", "language"],
                name="message_template_unique",
            )
        ]

    def __str__(self):
        return f"{self.event} ({self.language})"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's calendar subscription: a secret address that can be revoked."""

    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.person} ({'revoked' if self.revoked_at else 'active'})"
