from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mandat.core.uploads import stored_path
from mandat.directory.models import AssignmentRole

from .groups import MeetingGroup


class Meeting(models.Model):
    """One meeting of a group, from its notice to its approved minutes."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        NOTICE_SENT = "notice_sent", _("Notice sent")
        HELD = "held", pgettext_lazy("meeting", "Held")
        CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")

    class Minutes(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINALISED = "finalised", _("Finalised")
        APPROVED = "approved", _("Approved")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    group = models.ForeignKey(
        MeetingGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("room"), max_length=200, blank=True)
    meeting_url = models.URLField(_("meeting link"), max_length=500, blank=True)
    host = models.CharField(
        _("host"),
        max_length=120,
        blank=True,
        help_text=_("For a network: the member organisation that hosts the meeting."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        help_text=_("Rises with every change, so calendars update the entry."),
    )
    notice_sent_at = models.DateTimeField(_("notice sent"), null=True, blank=True)
    cancel_reason = models.CharField(
        _("reason for cancelling"), max_length=300, blank=True
    )
    quorate = models.BooleanField(
        _("quorate"),
        null=True,
        blank=True,
        help_text=_("Empty until the attendance is recorded."),
    )
    serving_chair = models.ForeignKey(
        "directory.Person",
        verbose_name=_("chairing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    secretary = models.ForeignKey(
        "directory.Person",
        verbose_name=_("keeps the minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes_status = models.CharField(
        _("minutes"), max_length=20, choices=Minutes.choices, default=Minutes.DRAFT
    )
    minutes_finalised_at = models.DateTimeField(
        _("minutes finalised"), null=True, blank=True
    )
    minutes_approved_at = models.DateTimeField(
        _("minutes approved"), null=True, blank=True
    )
    approved_at_meeting = models.ForeignKey(
        "self",
        verbose_name=_("approved at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_minutes",
    )
    minutes_frozen = models.JSONField(
        _("minutes as finalised"),
        default=dict,
        blank=True,
        help_text=_(
            "What the minutes say that comes from other meetings (the follow-up "
            "and the next meeting), as it was when they were finalised."
        ),
    )
    registry_number = models.CharField(
        _("registry number"),
        max_length=60,
        blank=True,
        help_text=_("The diarienummer when the minutes are registered."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["group", "starts_at"]),
            # The overview's minutes still to write or approve: a handful
            # of meetings, not every meeting held.
            models.Index(
                fields=["organisation", "ends_at"],
                condition=Q(status="held") & ~Q(minutes_status="approved"),
                name="meeting_minutes_pending",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self):
        from django.utils import timezone

        day = timezone.localtime(self.starts_at).date().isoformat()
        return f"{self.group.body.name} {day}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def minutes_locked(self) -> bool:
        """Finalised and approved minutes change only by a recorded correction."""
        return self.minutes_status != self.Minutes.DRAFT


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


class AgendaItem(models.Model):
    """A point on the agenda (*dagordningspunkt*) and what was said and decided."""

    class Standard(models.TextChoices):
        OPENING = "opening", _("Opening of the meeting")
        PREVIOUS_MINUTES = "previous_minutes", _("Previous minutes")
        FOLLOW_UP = "follow_up", _("Follow-up of action items")
        OTHER_BUSINESS = "other_business", _("Other business")
        NEXT_MEETING = "next_meeting", _("Next meeting")

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        INFORMATION = "information", _("Information")
        DISCUSSION = "discussion", _("Discussion")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    standard = models.CharField(
        _("standard item"), max_length=20, choices=Standard.choices, blank=True
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.INFORMATION
    )
    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    presenter = models.ForeignKey(
        "directory.Person",
        verbose_name=_("presented by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    trainings = models.ManyToManyField(
        "trainings.Training",
        verbose_name=_("trainings"),
        blank=True,
        related_name="agenda_items",
    )
    commissions = models.ManyToManyField(
        Commission,
        verbose_name=_("assignments from the executive board"),
        blank=True,
        related_name="items",
    )
    minutes_of = models.ForeignKey(
        Meeting,
        verbose_name=_("minutes to approve"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approving_items",
    )
    next_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("next meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announcing_items",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title

    @property
    def is_decision(self) -> bool:
        """Whether the item is minuted as a decision ("Beslut: …"); the
        approval of an informal group's notes at a meeting without quorum
        is minuted as a plain sentence."""
        return self.kind == self.Kind.DECISION

    @property
    def removable(self) -> bool:
        """Any item can go from a draft agenda, except the previous minutes
        once their approval is recorded in it."""
        return not (self.standard == self.Standard.PREVIOUS_MINUTES and self.decision)


def document_path(instance, filename: str) -> str:
    return stored_path(f"meetings/{instance.meeting_id}", filename)


class MeetingDocument(models.Model):
    """A document sent with the notice (*handling*), of the meeting or one item."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.title


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
    def attends(self) -> bool:
        return self.status in (self.Status.PRESENT, self.Status.REMOTE)

    @property
    def role_label(self) -> str:
        """The role as people read it ("Ordförande"), or the capacity."""
        if self.role in AssignmentRole.values:
            return AssignmentRole(self.role).label
        return self.get_capacity_display()


class ActionItem(models.Model):
    """Something someone is to do before a later meeting (*att göra*)."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("action item", "Open")
        DONE = "done", pgettext_lazy("action item", "Done")
        DROPPED = "dropped", _("Dropped")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="action_items",
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("from item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    what = models.CharField(_("what"), max_length=500)
    owner = models.ForeignKey(
        "directory.Person",
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    owner_label = models.CharField(
        _("or who, in words"),
        max_length=120,
        blank=True,
        help_text=_("e.g. Stadsledningskontoret, when no one person owns it."),
    )
    owner_organisation = models.CharField(
        _("organisation"),
        max_length=120,
        blank=True,
        help_text=_(
            "Where the owner works, e.g. the member municipality in a network; "
            "empty: their home municipality."
        ),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_note = models.CharField(_("how it went"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_on"]),
            models.Index(fields=["organisation", "closed_on"]),
        ]

    def __str__(self):
        return self.what

    @property
    def owner_name(self) -> str:
        return self.owner.full_name if self.owner_id else self.owner_label


class MinutesCorrection(models.Model):
    """A change to minutes after they were finalised: recorded, never silent."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
    )
    field = models.CharField(_("what"), max_length=40)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    actor_label = models.CharField(_("by"), max_length=200)
    created_at = models.DateTimeField(_("corrected"), auto_now_add=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.meeting}: {self.field}"
