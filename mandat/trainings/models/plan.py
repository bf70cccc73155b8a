"""The training plan of a mandate period and its items."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
