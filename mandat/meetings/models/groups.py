import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandat.directory.models import BodyKind

GROUP_KINDS = (BodyKind.STEERING_GROUP, BodyKind.NETWORK, BodyKind.OTHER)


class QuorumRule(models.TextChoices):
    NONE = "none", _("No quorum rule")
    CHAIR = "chair", _("The chair or a vice chair attends")
    MAJORITY = "majority", _("More than half of the members attend")
    CHAIR_AND_MAJORITY = (
        "chair_and_majority",
        _("The chair or a vice chair and more than half of the members attend"),
    )


class MeetingGroup(models.Model):
    """The meeting settings of a steering group, network or working group."""

    class MinutesKind(models.TextChoices):
        NOTES = "notes", _("Meeting notes (minnesanteckningar)")
        FORMAL = "formal", _("Formal minutes (protokoll)")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="meeting_groups",
    )
    body = models.OneToOneField(
        "directory.Body",
        verbose_name=_("body"),
        on_delete=models.CASCADE,
        related_name="meeting_group",
    )
    notice_days = models.PositiveSmallIntegerField(
        _("notice days before"),
        default=7,
        help_text=_("The notice goes out this many days before each meeting."),
    )
    quorum_rule = models.CharField(
        _("quorum rule"),
        max_length=30,
        choices=QuorumRule.choices,
        default=QuorumRule.CHAIR_AND_MAJORITY,
    )
    default_location = models.CharField(_("usual room"), max_length=200, blank=True)
    default_meeting_url = models.URLField(
        _("usual meeting link"), max_length=500, blank=True
    )
    remote_label = models.CharField(
        _("remote meetings are held in"),
        max_length=40,
        blank=True,
        default="Teams",
        help_text=_('Shown in the minutes as "Via Teams". Leave empty for "remote".'),
    )
    minutes_kind = models.CharField(
        _("the minutes are"),
        max_length=10,
        choices=MinutesKind.choices,
        default=MinutesKind.NOTES,
        help_text=_(
            "Formal minutes are approved only by a quorate meeting; meeting "
            "notes are approved at any meeting."
        ),
    )
    reports_to = models.CharField(
        _("reports to"),
        max_length=120,
        blank=True,
        help_text=_("e.g. the executive board (kommunstyrelsen)"),
    )

    class Meta:
        verbose_name = _("meeting group")
        verbose_name_plural = _("meeting groups")
        ordering = ["body__name"]

    def __str__(self):
        return self.body.name

    def clean(self):
        if self.body_id and self.body.organisation_id != self.organisation_id:
            raise ValidationError({"body": _("The body must be in this organisation.")})
        if self.body_id and self.body.kind not in GROUP_KINDS:
            raise ValidationError(
                {
                    "body": _(
                        "Meetings are kept for steering groups, networks and "
                        "working groups; statutory bodies use their meeting-papers "
                        "system."
                    )
                }
            )

    @property
    def is_network(self) -> bool:
        return self.body.kind == BodyKind.NETWORK

    @property
    def keeps_formal_minutes(self) -> bool:
        return self.minutes_kind == self.MinutesKind.FORMAL


class GroupParticipant(models.Model):
    """Someone from the office who regularly takes part without being a member,
    such as the coordinator and the secretary (*övriga deltagare*)."""

    group = models.ForeignKey(
        MeetingGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="group_participations",
    )
    affiliation = models.CharField(
        _("from"),
        max_length=120,
        blank=True,
        help_text=_("e.g. stadsledningskontoret; the minutes group people by it."),
    )
    is_secretary = models.BooleanField(
        _("keeps the minutes"),
        default=False,
        help_text=_("Signs the minutes and gets the reminders when they are late."),
    )
    starts_on = models.DateField(_("from"), default=datetime.date.today)
    ends_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("regular participant")
        verbose_name_plural = _("regular participants")
        ordering = ["-is_secretary", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"], name="participant_once_per_group"
            )
        ]

    def __str__(self):
        return str(self.person)


class NetworkMember(models.Model):
    """A member organisation of a network (a municipality of the county):
    the hosts are chosen among them, and each member's home organisation is
    one of them."""

    group = models.ForeignKey(
        MeetingGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="member_organisations",
    )
    name = models.CharField(_("name"), max_length=120)
    joined_on = models.DateField(_("member from"), null=True, blank=True)
    left_on = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("group", Lower("name"), name="network_member_once"),
        ]

    def __str__(self):
        return self.name


class HostTurn(models.Model):
    """Which member organisation hosts a network's meetings in a year; a
    meeting can still name another host for itself. A change keeps the
    earlier plan, marked replaced."""

    group = models.ForeignKey(
        MeetingGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="host_turns",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    host = models.CharField(_("host"), max_length=120)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("planned"), default=timezone.now)
    replaced_at = models.DateTimeField(_("replaced"), null=True, blank=True)

    class Meta:
        verbose_name = _("host turn")
        verbose_name_plural = _("host turns")
        ordering = ["year", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year"],
                condition=models.Q(replaced_at__isnull=True),
                name="host_once_a_year",
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.host}"
