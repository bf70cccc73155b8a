"""Agenda items, the documents of a meeting or an item, and action items."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mandat.core.models import StoredDocument

from .commissions import Commission
from .meetings import Meeting, document_path


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
    def is_previous_minutes(self) -> bool:
        """The item that approves the minutes of an earlier meeting."""
        return self.standard == self.Standard.PREVIOUS_MINUTES

    @property
    def is_follow_up(self) -> bool:
        """The item that lists the open action items of earlier meetings."""
        return self.standard == self.Standard.FOLLOW_UP

    @property
    def is_next_meeting(self) -> bool:
        """The item that announces the next meeting."""
        return self.standard == self.Standard.NEXT_MEETING

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
        return not (self.is_previous_minutes and self.decision)


class MeetingDocument(StoredDocument):
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
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["uploaded_at", "id"]


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
    def is_open(self) -> bool:
        """Still to do: it can be marked done."""
        return self.status == self.Status.OPEN

    @property
    def owner_name(self) -> str:
        return self.owner.full_name if self.owner is not None else self.owner_label
