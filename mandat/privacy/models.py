"""What the privacy app keeps: which people were anonymised, and the log of
the retention task."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonAnonymisation(models.Model):
    """That a person's record was anonymised, and when: the mark that keeps
    the retention task from doing it twice. It names no old value."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.OneToOneField(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="anonymisation",
    )
    anonymised_at = models.DateTimeField(_("anonymised"), auto_now_add=True)
    by_retention = models.BooleanField(
        _("by the retention task"),
        default=False,
        help_text=_("Set when the nightly task did it, not a person."),
    )

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        ordering = ["-anonymised_at"]

    def __str__(self):
        return f"{self.person_id} ({self.anonymised_at:%Y-%m-%d})"


class RetentionRun(models.Model):
    """One run of the retention task for one organisation (or, with no
    organisation, for the installation's own records): what it did, as a
    count per retention class."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), db_index=True)
    finished_at = models.DateTimeField(_("finished"))
    started_by = models.CharField(_("started by"), max_length=254)
    counts = models.JSONField(
        _("what it did"),
        default=dict,
        blank=True,
        help_text=_("The number of records per retention class."),
    )

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-started_at"])]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} ({sum(self.counts.values())})"

    @property
    def total(self) -> int:
        """How many records the run changed or removed in all."""
        return sum(self.counts.values())
