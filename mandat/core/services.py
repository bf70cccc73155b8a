"""Writers for the core app: the audit trail."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import models

from .models import AuditEntry, Organisation


def _plain(value):
    """Turn a field value into something JSON can hold and a person can read."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict:
    """Return the readable values of ``fields`` on ``instance``."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.is_relation:
            values[name] = _plain(getattr(instance, name))
        elif getattr(field, "choices", None):
            raw = getattr(instance, name)
            values[name] = str(dict(field.flatchoices).get(raw, raw)) if raw else raw
        else:
            values[name] = _plain(getattr(instance, name))
    return values


def diff(before: dict, after: dict) -> dict:
    """Return ``{field: [old, new]}`` for the fields whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def audit_entry_build(
    *,
    actor,
    organisation: Organisation | None,
    action: str,
    instance: models.Model,
    changes: dict | None = None,
    message: str = "",
) -> AuditEntry:
    """Build an unsaved audit entry (for bulk writers such as the import)."""
    return AuditEntry(
        organisation=organisation,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes or {},
        message=message[:300],
    )


def audit_record(
    *,
    actor,
    organisation: Organisation | None,
    action: str,
    instance: models.Model,
    changes: dict | None = None,
    message: str = "",
) -> AuditEntry:
    """Append one entry to the audit trail."""
    entry = audit_entry_build(
        actor=actor,
        organisation=organisation,
        action=action,
        instance=instance,
        changes=changes,
        message=message,
    )
    entry.save()
    return entry


def _actor_label(actor) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "system"
    return actor.email
