"""Mandate periods, parties, and the bodies of the organisation with the
defaults of each kind of body."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class MandatePeriod(models.Model):
    """A four-year term of office, e.g. 2026–2030."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="mandate_periods",
    )
    name = models.CharField(_("name"), max_length=40)
    election_date = models.DateField(_("election day"), null=True, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    class Meta:
        verbose_name = _("mandate period")
        verbose_name_plural = _("mandate periods")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="period_unique_name"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="period_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def contains(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class Party(models.Model):
    """A political party as it stands in this organisation's elections."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    name = models.CharField(_("name"), max_length=120)
    abbreviation = models.CharField(_("abbreviation"), max_length=12)
    is_local = models.BooleanField(
        _("local party"),
        default=False,
        help_text=_("Stands only in this municipality or region."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("abbreviation"), name="party_unique_abbreviation"
            ),
            models.UniqueConstraint(
                "organisation", Lower("name"), name="party_unique_name"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})"


class BodyKind(models.TextChoices):
    COUNCIL = "kf", _("Council (fullmäktige)")
    EXECUTIVE = "ks", _("Executive board (styrelse)")
    COMMITTEE = "namnd", _("Committee (nämnd)")
    SUBCOMMITTEE = "utskott", _("Subcommittee (utskott)")
    COMPANY = "bolag", _("Company board")
    FOUNDATION = "stiftelse", _("Foundation board")
    DRAFTING = "beredning", _("Drafting committee (beredning)")
    STEERING_GROUP = "styrgrupp", _("Steering group")
    NETWORK = "natverk", _("Network")
    OTHER = "ovrigt", _("Other")


class ReportingCategory(models.TextChoices):
    """How reports group bodies when they break participation down."""

    COUNCIL_AND_EXECUTIVE = "kf_ks", _("Council and executive board")
    DISTRICT_COMMITTEE = "stadsdelsnamnd", _("District committee")
    SPECIALIST_COMMITTEE = "facknamnd", _("Specialist committee")
    COMPANY = "bolag", _("Company")
    FOUNDATION = "stiftelse", _("Foundation")
    OTHER = "ovrigt", _("Other")


class TermRule(models.TextChoices):
    """When a body's terms begin, which differs between bodies."""

    COUNCIL = "council", _("15 October in the election year")
    CALENDAR_YEAR_AFTER_ELECTION = "january", _("1 January after the election")
    ANNUAL_MEETING = "agm", _("From the annual general meeting")
    CALENDAR_YEAR = "calendar_year", _("One calendar year at a time")
    CUSTOM = "custom", _("Set on each assignment")


# Defaults a coordinator would pick; each can be changed on the body.
# A kind's reporting category, whether it is statutory, and its term rule.
KIND_DEFAULTS: dict[str, tuple[str, bool, str]] = {
    BodyKind.COUNCIL: (ReportingCategory.COUNCIL_AND_EXECUTIVE, True, TermRule.COUNCIL),
    BodyKind.EXECUTIVE: (
        ReportingCategory.COUNCIL_AND_EXECUTIVE,
        True,
        TermRule.CALENDAR_YEAR_AFTER_ELECTION,
    ),
    BodyKind.COMMITTEE: (
        ReportingCategory.SPECIALIST_COMMITTEE,
        True,
        TermRule.CALENDAR_YEAR_AFTER_ELECTION,
    ),
    BodyKind.SUBCOMMITTEE: (
        ReportingCategory.SPECIALIST_COMMITTEE,
        True,
        TermRule.CALENDAR_YEAR_AFTER_ELECTION,
    ),
    BodyKind.COMPANY: (ReportingCategory.COMPANY, False, TermRule.ANNUAL_MEETING),
    BodyKind.FOUNDATION: (ReportingCategory.FOUNDATION, False, TermRule.ANNUAL_MEETING),
    BodyKind.DRAFTING: (
        ReportingCategory.COUNCIL_AND_EXECUTIVE,
        False,
        TermRule.COUNCIL,
    ),
    BodyKind.STEERING_GROUP: (
        ReportingCategory.OTHER,
        False,
        TermRule.CALENDAR_YEAR_AFTER_ELECTION,
    ),
    BodyKind.NETWORK: (ReportingCategory.OTHER, False, TermRule.CUSTOM),
    BodyKind.OTHER: (ReportingCategory.OTHER, False, TermRule.CUSTOM),
}


class Body(models.Model):
    """An organ: the council, the executive board, a committee, a subcommittee,
    a company or foundation board, a steering group or a network."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="bodies",
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    reporting_category = models.CharField(
        _("reporting category"), max_length=20, choices=ReportingCategory.choices
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("For a subcommittee: the committee or board it belongs to."),
    )
    is_statutory = models.BooleanField(
        _("statutory body"),
        default=True,
        help_text=_(
            "A body under the Local Government Act: formal minutes with "
            "adjustment and a quorum of more than half. Informal groups keep "
            "notes instead."
        ),
    )
    term_rule = models.CharField(
        _("terms begin"), max_length=20, choices=TermRule.choices
    )
    seats = models.PositiveSmallIntegerField(
        _("number of members"), null=True, blank=True
    )
    founded_on = models.DateField(_("formed"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("name"), name="body_unique_name"
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="body_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent_id and self.parent.organisation_id != self.organisation_id:
            raise ValidationError(
                {
                    "parent": _(
                        "The body it belongs to must be in the same organisation."
                    )
                }
            )
        if self.kind == BodyKind.SUBCOMMITTEE and not self.parent_id:
            raise ValidationError(
                {"parent": _("A subcommittee must belong to a committee or board.")}
            )

    @property
    def keeps_formal_minutes(self) -> bool:
        return self.is_statutory
