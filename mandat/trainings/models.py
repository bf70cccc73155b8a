"""Training plan, trainings, occasions, invitations, registrations, attendance.

A training has one or more occasions (*tillfällen*), and an occasion is what a
person registers for. An occasion has one or more sessions (*pass* or days).
So "four occasions of two days, each person attends one" is four occasions of
two sessions each, and "a series attended in full, day 1 and day 2" is one
occasion of two sessions; attendance is taken per session, and the occasion's
completion rule (e.g. at least 2 of 3 sessions) says what counts as completed.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mandat.core.uploads import stored_path


def new_token() -> str:
    return secrets.token_urlsafe(24)


class TrainingPlan(models.Model):
    """The training programme of one mandate period (*utbildningsplan*)."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="training_plans",
    )
    period = models.ForeignKey(
        "directory.MandatePeriod",
        verbose_name=_("mandate period"),
        on_delete=models.PROTECT,
        related_name="training_plans",
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    adopted_by = models.CharField(
        _("adopted by decision"),
        max_length=120,
        blank=True,
        help_text=_("The decision that adopted the plan, e.g. KS 2023-02-14 § 45."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-period__starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period"], name="plan_one_per_period"
            )
        ]

    def __str__(self):
        return self.title


class PlanItem(models.Model):
    """One item of the programme: what, when in the period, who is responsible."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")
        MOVED = "moved", _("Moved")

    class Responsible(models.TextChoices):
        COUNCIL = "kf", _("The council (KF)")
        EXECUTIVE = "ks", _("The executive board (KS)")
        COMMITTEES = "committees", _("The committees")
        STEERING_GROUP = "steering_group", _("The steering group")
        OTHER = "other", pgettext_lazy("responsible", "Other")

    class Season(models.TextChoices):
        EARLY_SPRING = "early_spring", _("Early spring")
        SPRING = "spring", _("Spring")
        SUMMER = "summer", _("Summer")
        AUTUMN = "autumn", _("Autumn")
        WINTER = "winter", _("Winter")
        WHOLE_YEAR = "whole_year", _("During the year")

    plan = models.ForeignKey(
        TrainingPlan,
        verbose_name=_("training plan"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    year = models.PositiveSmallIntegerField(
        _("year of the mandate period"), help_text=_("1 to 4.")
    )
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    season = models.CharField(
        _("season"), max_length=20, choices=Season.choices, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    responsible = models.CharField(
        _("responsible"), max_length=20, choices=Responsible.choices
    )
    target_group = models.CharField(
        _("target group"),
        max_length=200,
        blank=True,
        help_text=_("In words, e.g. all elected officials, the presidia."),
    )
    topics = models.TextField(_("topics"), blank=True)
    description = models.TextField(_("description"), blank=True)
    funding_note = models.CharField(
        _("funding"),
        max_length=200,
        blank=True,
        help_text=_("E.g. extra funds in year 1."),
    )
    filmed = models.BooleanField(_("filmed"), default=False)
    is_basic = models.BooleanField(
        _("part of the basic programme"),
        default=False,
        help_text=_(
            "Every elected official should take it; the mandate-period "
            "follow-up shows who has."
        ),
    )
    catch_up = models.BooleanField(
        _("offer to newcomers"),
        default=True,
        help_text=_(
            "People who join during the period get this item on their catch-up "
            "list and are invited to its next occasion."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    status_note = models.CharField(_("note on the status"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["year", "month", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1, year__lte=4), name="plan_item_year_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="plan_item_month_1_to_12",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def calendar_year(self) -> int:
        return self.plan.period.starts_on.year + self.year

    @property
    def timing_label(self) -> str:
        """ "Februari", or the season: when in the year the item is planned."""
        if self.month:
            return date_format(datetime.date(2000, self.month, 1), "F").capitalize()
        return str(self.get_season_display()) if self.season else ""


class Training(models.Model):
    """A training (*utbildning*): one or more occasions of the same content."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for registration")
        CLOSED = "closed", _("Registration closed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

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


class TrainingDocument(models.Model):
    """A document of a training, such as the programme (*bilaga*)."""

    training = models.ForeignKey(
        Training,
        verbose_name=_("training"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.title


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
