"""People, their assignments on bodies, and the roles of an assignment."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .setup import Body, MandatePeriod, Party


class Person(models.Model):
    """Someone in the directory: an elected official, an official, or an
    external speaker. Role and party belong to the assignments, not here."""

    class Kind(models.TextChoices):
        ELECTED = "elected", _("Elected official")
        OFFICIAL = "official", _("Official")
        EXTERNAL = "external", _("External")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", pgettext_lazy("gender", "Other")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="people",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ELECTED
    )
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional. Used only for statistics."),
    )
    title = models.CharField(
        _("title"),
        max_length=120,
        blank=True,
        help_text=_("For officials, e.g. head of administration."),
    )
    home_municipality = models.CharField(
        _("home municipality"),
        max_length=120,
        blank=True,
        help_text=_("For networks that span several municipalities."),
    )
    register_id = models.CharField(
        _("register id"),
        max_length=64,
        blank=True,
        help_text=_("The person's id in the register that imports come from."),
    )
    protected_identity = models.BooleanField(
        _("protected personal data"),
        default=False,
        help_text=_(
            "Skyddad identitet: the name and contact details are shown only in "
            "the coordinator's own views."
        ),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("log-in account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=~models.Q(email=""),
                name="person_unique_email",
            ),
            models.UniqueConstraint(
                fields=["organisation", "register_id"],
                condition=~models.Q(register_id=""),
                name="person_unique_register_id",
            ),
            models.UniqueConstraint(
                fields=["organisation", "account"],
                condition=models.Q(account__isnull=False),
                name="person_unique_account",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "last_name", "first_name"])]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def sort_name(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    @property
    def public_name(self) -> str:
        """The name to show outside the coordinator's own views."""
        if self.protected_identity:
            return str(_("Protected identity"))
        return self.full_name


class AssignmentRole(models.TextChoices):
    CHAIR = "ordforande", _("Chair")
    FIRST_VICE_CHAIR = "vice_ordforande", _("First vice chair")
    SECOND_VICE_CHAIR = "andre_vice_ordforande", _("Second vice chair")
    MEMBER = "ledamot", pgettext_lazy("assignment role", "Member")
    SUBSTITUTE = "ersattare", _("Substitute")
    SECRETARY = "sekreterare", _("Secretary")
    CO_OPTED = "adjungerad", _("Co-opted")


PRESIDIUM_ROLES = (
    AssignmentRole.CHAIR,
    AssignmentRole.FIRST_VICE_CHAIR,
    AssignmentRole.SECOND_VICE_CHAIR,
)
# Seat-holding roles: the presidium are members too.
MEMBER_ROLES = (*PRESIDIUM_ROLES, AssignmentRole.MEMBER)
ROLE_ORDER = {role: index for index, role in enumerate(AssignmentRole.values)}


class Assignment(models.Model):
    """An uppdrag: a person holds a role on a body from one date to another,
    elected for a party."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("role"), max_length=30, choices=AssignmentRole.choices)
    party = models.ForeignKey(
        Party,
        verbose_name=_("elected for party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    left_party_on = models.DateField(
        _("left the party"),
        null=True,
        blank=True,
        help_text=_("From this day the person sits as an independent."),
    )
    substitute_order = models.PositiveSmallIntegerField(
        _("call-in order"),
        null=True,
        blank=True,
        help_text=_("Only for substitutes: the order in which they are called in."),
    )
    period = models.ForeignKey(
        MandatePeriod,
        verbose_name=_("mandate period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["body__name", "role", "substitute_order", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="assignment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(substitute_order__isnull=True)
                | models.Q(role="ersattare", substitute_order__gte=1),
                name="assignment_order_only_for_substitutes",
            ),
            models.UniqueConstraint(
                fields=["person", "body", "role", "starts_on"],
                name="assignment_unique_start",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "body", "role"]),
            models.Index(fields=["organisation", "starts_on", "ends_on"]),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}, {self.body}"

    def clean(self):
        errors = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date is before the start date.")
        if self.substitute_order and self.role != AssignmentRole.SUBSTITUTE:
            errors["substitute_order"] = _("Only substitutes have a call-in order.")
        if self.left_party_on and not self.party_id:
            errors["left_party_on"] = _(
                "Only someone elected for a party can leave it."
            )
        if errors:
            raise ValidationError(errors)

    def is_active_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)

    @property
    def is_active(self) -> bool:
        return self.is_active_on(timezone.localdate())

    @property
    def is_presidium(self) -> bool:
        return self.role in PRESIDIUM_ROLES

    @property
    def sits_as_independent(self) -> bool:
        return bool(self.left_party_on and self.left_party_on <= timezone.localdate())

    @property
    def party_label(self) -> str:
        """The party abbreviation as shown beside the role, e.g. "S" or "-, was SD"."""
        party = self.party
        if party is None:
            return ""
        if self.sits_as_independent:
            return str(_("independent, elected for %(party)s")) % {
                "party": party.abbreviation
            }
        return party.abbreviation
