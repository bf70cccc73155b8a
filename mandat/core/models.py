import contextlib
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Field, ForeignObjectRel
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.contenttypes.fields import GenericForeignKey


class Organisation(models.Model):
    """A municipality, a region or a network: the owner of every other record."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "kommun", _("Municipality")
        REGION = "region", _("Region")
        NETWORK = "natverk", _("Network")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    organisation_number = models.CharField(
        _("organisation number"), max_length=20, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """One change to a record, kept for the audit trail's retention time
    (``privacy.retention``). The table refuses updates and deletes at the
    database level (see migration 0002); only the retention's disposal of
    old entries may delete (migration 0005, ``audit_entries_dispose``)."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        END = "end", _("Ended")
        LOGIN = "login", _("Logged in")
        # A person's register extract handed out as a file, and a person
        # anonymised: entries that name what happened, never the values.
        EXTRACT = "extract", _("Register extract made")
        ANONYMISE = "anonymise", _("Anonymised")

    # No database-level foreign keys: an append-only row must survive the
    # deletion of what it points at, and deleting must not try to update it.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(_("changed by"), max_length=254, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    message = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    @property
    def object_type_label(self) -> str:
        """The record type's translated name ("person", "registration")."""
        return object_type_label(self.object_type)

    @property
    def readable_changes(self) -> list[tuple[str, str | None, str | None]]:
        """Return (field label, old, new) with the fields' translated names.

        Never fails, whatever the entry holds: an entry outlives the fields
        it names (a field renamed, a reverse relation such as an occasion's
        sessions, a model removed), and old rows may hold other shapes than
        ``{field: [old, new]}``."""
        try:
            model = apps.get_model(self.object_type)
        except (LookupError, ValueError):
            model = None
        changes = self.changes
        if not isinstance(changes, dict):
            if changes in (None, "", [], {}):
                return []
            return [("", None, _readable(changes))]
        rows = []
        for name, values in changes.items():
            label = str(name)
            if model is not None:
                with contextlib.suppress(FieldDoesNotExist, TypeError):
                    label = _field_label(model._meta.get_field(label))
            if isinstance(values, list | tuple) and len(values) <= 2:
                old, new = (list(values) + [None, None])[:2]
            else:
                old, new = None, values
            rows.append((label, _readable(old), _readable(new)))
        return rows


def object_type_label(object_type: str) -> str:
    """The translated name of a model named "app.model", or the name itself
    for a model that no longer exists."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def _field_label(
    field: "Field[Any, Any] | ForeignObjectRel | GenericForeignKey",
) -> str:
    """A field's translated name; a reverse relation (an occasion's
    sessions) has none, so it is named by the related records."""
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    related = field.related_model
    # "self" only names a field's own model before the models are loaded.
    assert not isinstance(related, str)
    return str(related._meta.verbose_name_plural)


def _readable(value: object, depth: int = 0) -> str | None:
    """A changed value as text for the audit page (None stays None)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if depth > 3:
        return "…"
    if isinstance(value, list | tuple):
        text = ", ".join(_readable(item, depth + 1) or "–" for item in value)
    elif isinstance(value, dict):
        text = "; ".join(
            f"{key}: {_readable(item, depth + 1) or '–'}" for key, item in value.items()
        )
    else:
        text = str(value)
    return text if len(text) <= 500 else text[:499] + "…"


class WorkerHeartbeat(models.Model):
    """A running `mandat worker`, as it last said it was alive. A task left
    running by a worker that has stopped saying so was cut off with it."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    seen_at = models.DateTimeField(_("last seen"), db_index=True)
    started_at = models.DateTimeField(_("started"))

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return self.worker_id


class StoredDocument(models.Model):
    """An uploaded document (a training's programme, a meeting's papers):
    its title, type, size, who uploaded it and when. The subclass adds the
    ``file`` with the folder it is stored in, and what it belongs to."""

    title = models.CharField(_("title"), max_length=200)
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
        abstract = True

    def __str__(self) -> str:
        return self.title
