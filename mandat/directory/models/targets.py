"""Target groups: rules over the directory, resolved when used."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .people import Person
from .setup import Body, BodyKind, ReportingCategory


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
