"""Knowledge: the film library of recorded trainings and the politicians'
handbook (*politikerhandbok*)."""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mandat.core.uploads import stored_path


def caption_path(instance, filename: str) -> str:
    return stored_path(f"films/{instance.organisation_id}", filename)


class Topic(models.Model):
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="knowledge_topics",
    )
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="topic_unique_name"
            )
        ]

    def __str__(self):
        return self.name


class Film(models.Model):
    """A recorded training: the video lives on the municipality's video
    platform; Mandat holds what makes it findable and its captions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Visibility(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed-in users")
        PUBLIC = "public", _("Everyone")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="films",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    recorded_on = models.DateField(
        pgettext_lazy("film", "recorded"), null=True, blank=True
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"), null=True, blank=True
    )
    video_url = models.URLField(
        _("video address"),
        max_length=500,
        help_text=_("The film on the video platform, e.g. https://…"),
    )
    captions = models.FileField(
        _("captions (WebVTT)"), upload_to=caption_path, max_length=300, blank=True
    )
    captions_url = models.URLField(_("or captions address"), max_length=500, blank=True)
    chapters = models.JSONField(
        _("chapters"),
        default=list,
        blank=True,
        help_text=_("Start (minutes:seconds) and title of each part."),
    )
    training = models.ForeignKey(
        "trainings.Training",
        verbose_name=_("from the training"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="films",
    )
    plan_item = models.ForeignKey(
        "trainings.PlanItem",
        verbose_name=_("programme item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="films",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="films"
    )
    visibility = models.CharField(
        _("who may watch"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.SIGNED_IN,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("film")
        verbose_name_plural = _("films")
        ordering = ["-recorded_on", "title"]

    def __str__(self):
        return self.title

    @property
    def has_captions(self) -> bool:
        return bool(self.captions) or bool(self.captions_url)

    @property
    def is_draft(self) -> bool:
        """Not yet published: only those who manage the library see it."""
        return self.status == self.Status.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_public(self) -> bool:
        """Published for everyone, at an address that needs no log-in."""
        return self.is_published and self.visibility == self.Visibility.PUBLIC


class FilmView(models.Model):
    """That a person watched a film: catch-up in their history, not attendance."""

    film = models.ForeignKey(
        Film, verbose_name=_("film"), on_delete=models.CASCADE, related_name="views"
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="film_views",
    )
    watched_on = models.DateField(_("watched"), default=datetime.date.today)

    class Meta:
        verbose_name = _("watched film")
        verbose_name_plural = _("watched films")
        constraints = [
            models.UniqueConstraint(fields=["film", "person"], name="film_watched_once")
        ]

    def __str__(self):
        return f"{self.person} – {self.film}"


class HandbookSection(models.Model):
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="handbook_sections",
    )
    title = models.CharField(_("title"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("handbook section")
        verbose_name_plural = _("handbook sections")
        ordering = ["position", "title"]

    def __str__(self):
        return self.title


class HandbookPage(models.Model):
    """A page of the politicians' handbook, in Markdown, with an owner who
    reviews it at set intervals."""

    section = models.ForeignKey(
        HandbookSection,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="pages",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"))
    owner = models.ForeignKey(
        "directory.Person",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handbook_pages",
        help_text=_("Keeps the page current and is reminded when it is due."),
    )
    reviewed_on = models.DateField(_("last reviewed"), default=datetime.date.today)
    review_months = models.PositiveSmallIntegerField(
        _("review every (months)"), default=12
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    trainings = models.ManyToManyField(
        "trainings.Training",
        verbose_name=_("trainings"),
        blank=True,
        related_name="handbook_pages",
    )
    films = models.ManyToManyField(
        Film, verbose_name=_("films"), blank=True, related_name="handbook_pages"
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("handbook page")
        verbose_name_plural = _("handbook pages")
        ordering = ["section__position", "position", "title"]

    def __str__(self):
        return self.title

    @property
    def organisation(self):
        return self.section.organisation

    @property
    def review_due_on(self) -> datetime.date:
        months = self.reviewed_on.month - 1 + self.review_months
        year = self.reviewed_on.year + months // 12
        month = months % 12 + 1
        day = min(self.reviewed_on.day, 28)
        return datetime.date(year, month, day)


class HandbookRevision(models.Model):
    """A page as it was before a change: its version history."""

    page = models.ForeignKey(
        HandbookPage,
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("handbook revision")
        verbose_name_plural = _("handbook revisions")
        ordering = ["-edited_at", "-id"]

    def __str__(self):
        return f"{self.page} {self.edited_at:%Y-%m-%d}"


class SearchEntry(models.Model):
    """One thing search can find: a training, an occasion, a film, a handbook
    page or an item of finalised minutes, as plain text. Kept current by the
    services that change those things (see ``knowledge/search.py``)."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        FILM = "film", _("Film")
        PAGE = "page", _("Handbook page")
        MINUTES = "minutes", _("Minutes")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone in the organisation")
        MANAGERS = "managers", _("Coordinators")
        GROUP = "group", _("The group's members")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="search_entries",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    stemmed = models.TextField(_("stemmed text"), blank=True)
    # PostgreSQL's full-text vector with the swedish configuration; unused on
    # SQLite, which searches an FTS5 table instead (see search.py).
    vector = SearchVectorField(null=True, editable=False)
    url = models.CharField(_("address"), max_length=300)
    audience = models.CharField(
        _("who may find it"), max_length=20, choices=Audience.choices
    )
    group = models.ForeignKey(
        "meetings.MeetingGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "key"], name="search_entry_once"
            )
        ]

    def __str__(self):
        return self.title
