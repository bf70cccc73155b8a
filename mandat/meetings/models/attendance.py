"""Attendance: who took part in a meeting and how."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mandat.directory.models import AssignmentRole

from .meetings import Meeting


class Attendance(models.Model):
    """Who took part in a meeting and how; the role and party are copied from
    the assignment on the day, so the minutes keep them if they change later."""

    class Status(models.TextChoices):
        UNRECORDED = "unrecorded", _("Not recorded")
        PRESENT = "present", _("Present on site")
        REMOTE = "remote", _("Present remotely")
        EXCUSED = "excused", _("Absent with notice")
        ABSENT = "absent", _("Absent")

    class Capacity(models.TextChoices):
        MEMBER = "member", pgettext_lazy("capacity", "Member")
        SUBSTITUTE = "substitute", _("Substitute")
        PARTICIPANT = "participant", _("Other participant")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="meeting_attendances",
    )
    capacity = models.CharField(_("as"), max_length=20, choices=Capacity.choices)
    role = models.CharField(_("role"), max_length=30, blank=True)
    party = models.ForeignKey(
        "directory.Party",
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    home_municipality = models.CharField(
        _("home municipality"), max_length=120, blank=True
    )
    affiliation = models.CharField(_("from"), max_length=120, blank=True)
    status = models.CharField(
        _("attendance"),
        max_length=20,
        choices=Status.choices,
        default=Status.UNRECORDED,
    )
    serving_for = models.ForeignKey(
        "self",
        verbose_name=_("serving for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="served_by",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_once_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.get_status_display()}"

    @property
    def is_recorded(self) -> bool:
        return self.status != self.Status.UNRECORDED

    @property
    def is_participant(self) -> bool:
        """Takes part without a seat (an official, a guest): shown with their
        affiliation rather than a party or a role."""
        return self.capacity == self.Capacity.PARTICIPANT

    @property
    def attends(self) -> bool:
        return self.status in (self.Status.PRESENT, self.Status.REMOTE)

    @property
    def role_label(self) -> str:
        """The role as people read it ("Ordförande"), or the capacity."""
        if self.role in AssignmentRole.values:
            return str(AssignmentRole(self.role).label)
        return self.get_capacity_display()
