"""Follow-up: what trainings cost against their budget."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CostLine(models.Model):
    """One cost of a training or one of its occasions, in whole kronor."""

    class Category(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        VENUE = "venue", _("Venue")
        CATERING = "catering", _("Catering")
        MODERATOR = "moderator", _("Moderator")
        FILMING = "filming", _("Filming")
        MATERIAL = "material", _("Material")
        TRAVEL = "travel", _("Travel")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="cost_lines",
    )
    training = models.ForeignKey(
        "trainings.Training",
        verbose_name=_("training"),
        on_delete=models.CASCADE,
        related_name="cost_lines",
    )
    occasion = models.ForeignKey(
        "trainings.Occasion",
        verbose_name=_("occasion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cost_lines",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    description = models.CharField(_("what"), max_length=300, blank=True)
    amount = models.PositiveIntegerField(_("amount (kr)"))
    incurred_on = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("costs")
        ordering = ["-incurred_on", "-id"]
        indexes = [models.Index(fields=["organisation", "incurred_on"])]

    def __str__(self):
        return f"{self.get_category_display()} {self.amount} kr"


class Budget(models.Model):
    """The money for trainings in one year, for the whole organisation or for
    one responsible body (KF, KS, a committee)."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="training_budgets",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    body = models.ForeignKey(
        "directory.Body",
        verbose_name=_("responsible body"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="training_budgets",
        help_text=_("Empty for the organisation's whole training budget."),
    )
    amount = models.PositiveIntegerField(_("budget (kr)"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "body"], name="budget_once_per_body"
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=Q(body__isnull=True),
                name="budget_once_for_the_whole",
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.amount} kr"


class ReportNarrative(models.Model):
    """The words of a year's annual report, written by the coordinator; the
    figures around them are computed."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="report_narratives",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    introduction = models.TextField(_("introduction"), blank=True)
    trainings = models.TextField(_("about the trainings"), blank=True)
    evaluations = models.TextField(_("about the evaluations"), blank=True)
    economy = models.TextField(_("about the economy"), blank=True)
    outlook = models.TextField(_("the year ahead"), blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("annual report text")
        verbose_name_plural = _("annual report texts")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="narrative_once_a_year"
            )
        ]

    def __str__(self):
        return f"{self.organisation} {self.year}"
