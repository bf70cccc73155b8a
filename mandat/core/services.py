"""Writers for the core app: the audit trail."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _

from .models import AuditEntry, Organisation


@dataclass(frozen=True)
class LinkActor:
    """Someone acting from the personal link in their e-mail (an invitation,
    an approval): the audit trail names the person the link belongs to, and
    the signed-in user too when someone else opened the link."""

    person: models.Model
    user: object = None

    @property
    def account(self):
        """The user the entry points at: the one signed in, else the person's."""
        if getattr(self.user, "pk", None):
            return self.user
        return self.person.account if self.person.account_id else None

    @property
    def label(self) -> str:
        person = self.person
        name = person.full_name
        if person.email:
            name = f"{name} <{person.email}>"
        user = self.user if getattr(self.user, "pk", None) else None
        if user is not None and user.pk != person.account_id:
            return _("%(name)s, by personal link, opened by %(user)s") % {
                "name": name,
                "user": user.email,
            }
        return _("%(name)s, by personal link") % {"name": name}


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
        actor=_actor_user(actor),
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
    action: str,
    instance: models.Model,
    organisation: Organisation | None | object = ...,
    changes: dict | None = None,
    message: str = "",
) -> AuditEntry:
    """Append one entry to the audit trail: the one way every service records
    what it changed. The entry belongs to ``instance.organisation`` unless
    ``organisation`` is given (None for the installation's own records)."""
    entry = audit_entry_build(
        actor=actor,
        organisation=instance.organisation if organisation is ... else organisation,
        action=action,
        instance=instance,
        changes=changes,
        message=message,
    )
    entry.save()
    return entry


def _actor_user(actor):
    if isinstance(actor, LinkActor):
        return actor.account
    return actor if getattr(actor, "pk", None) else None


def _actor_label(actor) -> str:
    if isinstance(actor, LinkActor):
        return actor.label[:254]
    if actor is None or not getattr(actor, "pk", None):
        return "system"
    return actor.email


def record_update(*, actor, instance: models.Model, fields: dict) -> dict:
    """Set ``fields`` on ``instance``, save it, and record what changed in
    the audit trail (nothing when nothing did); return the changes, as
    ``{field: [old, new]}``. Call it inside the service's transaction."""
    before = snapshot(instance, fields)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()
    changes = diff(before, snapshot(instance, fields))
    if changes:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            instance=instance,
            changes=changes,
        )
    return changes
