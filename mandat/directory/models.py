import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
KIND_DEFAULTS = {
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
        if not self.party_id:
            return ""
        if self.sits_as_independent:
            return str(_("independent, elected for %(party)s")) % {
                "party": self.party.abbreviation
            }
        return self.party.abbreviation


class ImportJob(models.Model):
    """An upload of the register of elected officials: checked first (a dry
    run), then applied in one transaction when the coordinator confirms."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking the file")
        CHECKED = "checked", _("Checked, ready to import")
        REJECTED = "rejected", _("The file has errors")
        APPLYING = "applying", _("Importing")
        APPLIED = "applied", _("Imported")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file content"))
    end_missing = models.BooleanField(
        _("end assignments missing from the file"),
        default=False,
        help_text=_(
            "Assignments on the bodies in the file that the file no longer "
            "lists are ended."
        ),
    )
    end_date = models.DateField(_("end them on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CHECKING
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows handled"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.APPLYING)

    @property
    def progress_percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))


class TargetGroup(models.Model):
    """A group of people described by rules over the directory, resolved when
    it is used: "all presidia of committees and boards plus their chief
    executives", "all members of KS", named people."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="target_groups",
    )
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TargetRule(models.Model):
    """One rule of a target group; the group is the union of its rules."""

    class Kind(models.TextChoices):
        ALL_ELECTED = "all_elected", _("All elected officials")
        BODY = "body", _("A body")
        CATEGORY = "category", _("A reporting category of bodies")
        BODY_KIND = "body_kind", _("A kind of body")
        OFFICIALS_TITLE = "officials_title", _("Officials with a title")
        PERSON = "person", _("A named person")

    class RoleGroup(models.TextChoices):
        EVERYONE = "everyone", _("Members and substitutes")
        PRESIDIUM = "presidium", _("Presidium (chair and vice chairs)")
        MEMBERS = "members", _("Members, presidium included")
        SUBSTITUTES = "substitutes", _("Substitutes")

    group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("target group"),
        on_delete=models.CASCADE,
        related_name="rules",
    )
    kind = models.CharField(_("rule"), max_length=20, choices=Kind.choices)
    body = models.ForeignKey(
        Body, verbose_name=_("body"), null=True, blank=True, on_delete=models.CASCADE
    )
    category = models.CharField(
        _("reporting category"),
        max_length=20,
        choices=ReportingCategory.choices,
        blank=True,
    )
    body_kind = models.CharField(
        _("kind of body"), max_length=20, choices=BodyKind.choices, blank=True
    )
    roles = models.CharField(
        _("roles"),
        max_length=20,
        choices=RoleGroup.choices,
        default=RoleGroup.EVERYONE,
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("target rule")
        verbose_name_plural = _("target rules")
        ordering = ["id"]

    def __str__(self):
        match self.kind:
            case self.Kind.BODY:
                return f"{self.get_roles_display()}: {self.body}"
            case self.Kind.CATEGORY:
                return f"{self.get_roles_display()}: {self.get_category_display()}"
            case self.Kind.BODY_KIND:
                return f"{self.get_roles_display()}: {self.get_body_kind_display()}"
            case self.Kind.OFFICIALS_TITLE:
                return f"{self.get_kind_display()}: {self.title}"
            case self.Kind.PERSON:
                return str(self.person)
        return str(self.get_kind_display())

    def clean(self):
        required = {
            self.Kind.BODY: ("body", self.body_id),
            self.Kind.CATEGORY: ("category", self.category),
            self.Kind.BODY_KIND: ("body_kind", self.body_kind),
            self.Kind.OFFICIALS_TITLE: ("title", self.title),
            self.Kind.PERSON: ("person", self.person_id),
        }
        if self.kind in required:
            name, value = required[self.kind]
            if not value:
                raise ValidationError({name: _("This rule needs a value here.")})
