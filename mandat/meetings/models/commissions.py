"""Assignments from the executive board (*uppdrag*) and their history."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .groups import MeetingGroup


class Commission(models.Model):
    """An assignment from the executive board (*uppdrag från kommunstyrelsen*),
    e.g. "KS 2021-11-17 § 312": what was asked and what became of it."""

    class Status(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        REPORTED = "reported", _("Reported back")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="commissions",
    )
    group = models.ForeignKey(
        MeetingGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="commissions",
    )
    reference = models.CharField(
        _("decision"), max_length=80, help_text=_("e.g. KS 2008-03-12 § 126")
    )
    decided_on = models.DateField(_("decided on"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("what was asked"))
    proposing_parties = models.ManyToManyField(
        "directory.Party",
        verbose_name=_("proposed by"),
        blank=True,
        related_name="+",
    )
    trainings = models.ManyToManyField(
        "trainings.Training",
        verbose_name=_("trainings that carry it out"),
        blank=True,
        related_name="commissions",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ONGOING
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment from the executive board")
        verbose_name_plural = _("assignments from the executive board")
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"{self.reference}: {self.title}"


class CommissionEvent(models.Model):
    """One step in a commission's history."""

    commission = models.ForeignKey(
        Commission,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Commission.Status.choices
    )
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    actor_label = models.CharField(_("by"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment event")
        verbose_name_plural = _("assignment events")
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.on} {self.get_status_display()}"
