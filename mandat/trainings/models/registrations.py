"""Invitations, registrations with the waiting list, and attendance per
session."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .trainings import Occasion, Session, Training


def new_token() -> str:
    return secrets.token_urlsafe(24)


class InvitationBatch(models.Model):
    """One sending of invitations to a target group, resolved at that moment."""

    training = models.ForeignKey(
        Training,
        verbose_name=_("training"),
        on_delete=models.CASCADE,
        related_name="invitation_batches",
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    description = models.CharField(_("target group as sent"), max_length=500)
    messages_queued_at = models.DateTimeField(
        _("messages queued"),
        null=True,
        blank=True,
        help_text=_(
            "Empty until the invitation e-mails are in the outbox; the worker "
            "queues them again for a sending whose task was lost."
        ),
    )

    class Meta:
        verbose_name = _("invitation sending")
        verbose_name_plural = _("invitation sendings")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.training}: {self.recipient_count} ({self.sent_at:%Y-%m-%d})"


class Invitation(models.Model):
    """One person invited to a training, with their personal link."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    training = models.ForeignKey(
        Training,
        verbose_name=_("training"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="training_invitations",
    )
    batch = models.ForeignKey(
        InvitationBatch,
        verbose_name=_("sending"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    token = models.CharField(
        _("personal link"), max_length=64, unique=True, default=new_token
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    # The answer "no" (*tacka nej*): cleared if the person registers after all.
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    decline_reason = models.CharField(
        _("reason for declining"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["invited_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "person"], name="invitation_once_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.training}"


ACTIVE_STATUSES = ("registered", "waiting")


class Registration(models.Model):
    """A person's registration for an occasion, or their place on its waiting
    list. A cancelled registration stays as history; registering again makes
    a new row, so the waiting list keeps its order of arrival."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    training = models.ForeignKey(
        Training,
        verbose_name=_("training"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    occasion = models.ForeignKey(
        Occasion,
        verbose_name=_("occasion"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="training_registrations",
    )
    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set when the coordinator registered the person."),
    )
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(
        _("accessibility needs"), max_length=300, blank=True
    )
    promoted_at = models.DateTimeField(
        _("moved up from the waiting list"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    status_reason = models.CharField(
        _("reason for a manual change"), max_length=300, blank=True
    )
    calendar_sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        help_text=_(
            "Rises each time the person gets or loses the place, so that added "
            "to the occasion's revision, the calendar entry's SEQUENCE always rises."
        ),
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            # One active registration per person and training: a double click
            # registers once, and a person takes one of several alternatives.
            models.UniqueConstraint(
                fields=["training", "person"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="registration_one_active_per_training",
            )
        ]
        indexes = [models.Index(fields=["occasion", "status", "created_at"])]

    def __str__(self):
        return f"{self.person} – {self.occasion} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_registered(self) -> bool:
        """Holding a place (not waiting, not cancelled)."""
        return self.status == self.Status.REGISTERED

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING


class SessionAttendance(models.Model):
    """Attendance of one registered person at one session."""

    class Status(models.TextChoices):
        ATTENDED = "attended", _("Attended")
        PARTLY = "partly", _("Partly")
        ABSENT = "absent", _("Absent")

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="attendance_once_per_session"
            )
        ]

    def __str__(self):
        return (
            f"{self.registration.person} – {self.session}: {self.get_status_display()}"
        )
