"""Meetings: one meeting of a group, from its notice to its approved
minutes."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mandat.core.uploads import stored_path

from .groups import MeetingGroup


class Meeting(models.Model):
    """One meeting of a group, from its notice to its approved minutes."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        NOTICE_SENT = "notice_sent", _("Notice sent")
        HELD = "held", pgettext_lazy("meeting", "Held")
        CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")

    class Minutes(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINALISED = "finalised", _("Finalised")
        APPROVED = "approved", _("Approved")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    group = models.ForeignKey(
        MeetingGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("room"), max_length=200, blank=True)
    meeting_url = models.URLField(_("meeting link"), max_length=500, blank=True)
    host = models.CharField(
        _("host"),
        max_length=120,
        blank=True,
        help_text=_("For a network: the member organisation that hosts the meeting."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        help_text=_("Rises with every change, so calendars update the entry."),
    )
    notice_sent_at = models.DateTimeField(_("notice sent"), null=True, blank=True)
    cancel_reason = models.CharField(
        _("reason for cancelling"), max_length=300, blank=True
    )
    quorate = models.BooleanField(
        _("quorate"),
        null=True,
        blank=True,
        help_text=_("Empty until the attendance is recorded."),
    )
    serving_chair = models.ForeignKey(
        "directory.Person",
        verbose_name=_("chairing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    secretary = models.ForeignKey(
        "directory.Person",
        verbose_name=_("keeps the minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes_status = models.CharField(
        _("minutes"), max_length=20, choices=Minutes.choices, default=Minutes.DRAFT
    )
    minutes_finalised_at = models.DateTimeField(
        _("minutes finalised"), null=True, blank=True
    )
    minutes_approved_at = models.DateTimeField(
        _("minutes approved"), null=True, blank=True
    )
    approved_at_meeting = models.ForeignKey(
        "self",
        verbose_name=_("approved at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_minutes",
    )
    minutes_frozen = models.JSONField(
        _("minutes as finalised"),
        default=dict,
        blank=True,
        help_text=_(
            "What the minutes say that comes from other meetings (the follow-up "
            "and the next meeting), as it was when they were finalised."
        ),
    )
    registry_number = models.CharField(
        _("registry number"),
        max_length=60,
        blank=True,
        help_text=_("The diarienummer when the minutes are registered."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["group", "starts_at"]),
            # The overview's minutes still to write or approve: a handful
            # of meetings, not every meeting held.
            models.Index(
                fields=["organisation", "ends_at"],
                condition=Q(status="held") & ~Q(minutes_status="approved"),
                name="meeting_minutes_pending",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self):
        from django.utils import timezone

        day = timezone.localtime(self.starts_at).date().isoformat()
        return f"{self.group.body.name} {day}"

    @property
    def is_planned(self) -> bool:
        """Planned, its notice not yet sent."""
        return self.status == self.Status.PLANNED

    @property
    def is_notice_sent(self) -> bool:
        """The notice has gone out, so a change or a cancellation is sent too."""
        return self.status == self.Status.NOTICE_SENT

    @property
    def is_held(self) -> bool:
        """Its attendance is recorded: the meeting has minutes."""
        return self.status == self.Status.HELD

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def minutes_locked(self) -> bool:
        """Finalised and approved minutes change only by a recorded correction."""
        return self.minutes_status != self.Minutes.DRAFT

    @property
    def minutes_can_be_finalised(self) -> bool:
        """A held meeting's draft minutes may be finalised (minutes_finalise)."""
        return self.is_held and not self.minutes_locked

    @property
    def minutes_await_approval(self) -> bool:
        """Finalised, not yet approved: by the next meeting or by e-mail."""
        return self.minutes_status == self.Minutes.FINALISED


# The migrations name this function here; MeetingDocument (items.py) uses it.
def document_path(instance, filename: str) -> str:
    return stored_path(f"meetings/{instance.meeting_id}", filename)
