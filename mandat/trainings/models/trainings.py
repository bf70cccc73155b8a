"""Trainings, their occasions and sessions, moves between occasions, the
people who lead them and their documents (the package's docstring tells how
a training, its occasions and their sessions fit together)."""

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandat.core.models import StoredDocument
from mandat.core.uploads import stored_path

from .plan import PlanItem


class Training(models.Model):
    """A training (*utbildning*): one or more occasions of the same content."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for registration")
        CLOSED = "closed", _("Registration closed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    # The statuses a training may go to from each; training_set_status keeps
    # to it, and the training's page offers these steps only.
    NEXT_STATUSES: ClassVar[dict[str, set[str]]] = {
        Status.DRAFT: {Status.OPEN},
        Status.OPEN: {Status.CLOSED, Status.DRAFT},
        Status.CLOSED: {Status.OPEN, Status.HELD},
        Status.HELD: set(),
        Status.CANCELLED: set(),
    }

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="trainings",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    plan_item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
        help_text=_("Empty for a training outside the plan."),
    )
    responsible_body = models.ForeignKey(
        "directory.Body",
        verbose_name=_("responsible body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_group = models.ForeignKey(
        "directory.TargetGroup",
        verbose_name=_("target group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    cancel_reason = models.CharField(
        _("reason for cancelling"), max_length=300, blank=True
    )
    recording_url = models.URLField(_("recording"), blank=True)
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder, days before"),
        default=3,
        help_text=_("Registered participants get a reminder this many days before."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def accepts_registrations(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def may_open_registration(self) -> bool:
        """A draft, or a training whose registration was closed, may open."""
        return self.Status.OPEN in self.NEXT_STATUSES.get(self.status, ())

    @property
    def may_be_marked_held(self) -> bool:
        """Registration is closed, so the training may be marked held."""
        return self.Status.HELD in self.NEXT_STATUSES.get(self.status, ())


class Occasion(models.Model):
    """One occasion (*tillfälle*) of a training: what a person registers for."""

    class Format(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        DIGITAL = "digital", _("Digital")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

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
        related_name="occasions",
    )
    label = models.CharField(
        _("name of the occasion"),
        max_length=120,
        blank=True,
        help_text=_("E.g. Occasion 1, or the place."),
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.ON_SITE
    )
    location = models.CharField(_("room and address"), max_length=300, blank=True)
    meeting_url = models.URLField(_("meeting link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    minimum_participants = models.PositiveIntegerField(
        _("minimum number of participants"), null=True, blank=True
    )
    registration_deadline = models.DateTimeField(
        _("last day to register"), null=True, blank=True
    )
    completion_min_sessions = models.PositiveSmallIntegerField(
        _("sessions needed to complete"),
        null=True,
        blank=True,
        help_text=_("Empty: every session must be attended."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    cancel_reason = models.CharField(
        _("reason for cancelling"), max_length=300, blank=True
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True, db_index=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        help_text=_("Rises with every change that calendars must pick up."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("occasion")
        verbose_name_plural = _("occasions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="occasion_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(minimum_participants__isnull=True)
                | Q(capacity__isnull=True)
                | Q(minimum_participants__lte=models.F("capacity")),
                name="occasion_minimum_within_capacity",
            ),
        ]

    def __str__(self):
        when = (
            timezone.localtime(self.starts_at).strftime("%Y-%m-%d")
            if self.starts_at
            else ""
        )
        return " ".join(
            part for part in (self.training.title, self.label, when) if part
        )

    @property
    def is_planned(self) -> bool:
        """Neither held nor cancelled: it may still be changed, moved or cancelled."""
        return self.status == self.Status.PLANNED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_on_site(self) -> bool:
        """In a room only, with no meeting link."""
        return self.format == self.Format.ON_SITE

    @property
    def has_started(self) -> bool:
        return self.starts_at is not None and self.starts_at <= timezone.now()

    @property
    def is_past(self) -> bool:
        """Started or marked held: the coordinator records who came, and
        nobody registers themselves any more."""
        return self.has_started or self.status == self.Status.HELD

    @property
    def deadline_passed(self) -> bool:
        return (
            self.registration_deadline is not None
            and self.registration_deadline < timezone.now()
        )

    @property
    def hours(self) -> float:
        return round(sum(s.hours for s in self.sessions.all()), 2)


class Session(models.Model):
    """A dated part of an occasion: a day, or a morning or afternoon pass."""

    occasion = models.ForeignKey(
        Occasion,
        verbose_name=_("occasion"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    label = models.CharField(
        _("name"), max_length=120, blank=True, help_text=_("E.g. Day 1, Morning.")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        label = f"{self.label} " if self.label else ""
        return f"{label}{start:%Y-%m-%d %H:%M}–{end:%H:%M}"

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at) / datetime.timedelta(hours=1)


class OccasionMove(models.Model):
    """An occasion moved to new dates, with the reason, for the annual report."""

    occasion = models.ForeignKey(
        Occasion,
        verbose_name=_("occasion"),
        on_delete=models.CASCADE,
        related_name="moves",
    )
    old_starts_at = models.DateTimeField(_("was to start"))
    new_starts_at = models.DateTimeField(_("starts now"))
    reason = models.CharField(_("reason"), max_length=300)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moved_at = models.DateTimeField(_("moved"), auto_now_add=True)

    class Meta:
        verbose_name = _("move")
        verbose_name_plural = _("moves")
        ordering = ["-moved_at"]

    def __str__(self):
        return f"{self.occasion}: {self.reason}"


class Contributor(models.Model):
    """A course leader, speaker or moderator of an occasion."""

    class Role(models.TextChoices):
        COURSE_LEADER = "course_leader", _("Course leader")
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")

    occasion = models.ForeignKey(
        Occasion,
        verbose_name=_("occasion"),
        on_delete=models.CASCADE,
        related_name="contributors",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        ordering = ["role", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["occasion", "person", "role"], name="contributor_unique"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


def document_path(instance, filename: str) -> str:
    return stored_path(f"trainings/{instance.training_id}", filename)


class TrainingDocument(StoredDocument):
    """A document of a training, such as the programme (*bilaga*)."""

    training = models.ForeignKey(
        Training,
        verbose_name=_("training"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at"]
