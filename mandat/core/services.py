"""Writers for the core app: the audit trail."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from types import EllipsisType
from typing import Any, Protocol, TypeAlias

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext as _

from .models import AuditEntry, Organisation


class LinkPerson(Protocol):
    """What the audit trail reads of the person a personal link belongs to
    (``directory.Person``, in an app above this one)."""

    @property
    def full_name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def account(self) -> AbstractBaseUser | None: ...
    @property
    def account_id(self) -> int | None: ...


@dataclass(frozen=True)
class LinkActor:
    """Someone acting from the personal link in their e-mail (an invitation,
    an approval): the audit trail names the person the link belongs to, and
    the signed-in user too when someone else opened the link."""

    person: LinkPerson
    user: AbstractBaseUser | AnonymousUser | None = None

    @property
    def account(self) -> AbstractBaseUser | None:
        """The user the entry points at: the one signed in, else the person's."""
        if isinstance(self.user, AbstractBaseUser) and self.user.pk:
            return self.user
        return self.person.account if self.person.account_id else None

    @property
    def label(self) -> str:
        person = self.person
        name = person.full_name
        if person.email:
            name = f"{name} <{person.email}>"
        user = self.user
        if (
            isinstance(user, AbstractBaseUser)
            and user.pk
            and user.pk != person.account_id
        ):
            return _("%(name)s, by personal link, opened by %(user)s") % {
                "name": name,
                "user": user_email(user),
            }
        return _("%(name)s, by personal link") % {"name": name}


# Who changed a record, as every service takes it: the signed-in user, someone
# from a personal link, or None for Mandat itself (a task, a command).
Actor: TypeAlias = AbstractBaseUser | AnonymousUser | LinkActor | None


def _plain(value: object) -> object:
    """Turn a field value into something JSON can hold and a person can read."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, object]:
    """Return the readable values of ``fields`` on ``instance``."""
    values: dict[str, object] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        # Every field that is not a relation is a models.Field.
        if isinstance(field, models.Field) and not field.is_relation and field.choices:
            raw = getattr(instance, name)
            values[name] = str(dict(field.flatchoices).get(raw, raw)) if raw else raw
        else:
            values[name] = _plain(getattr(instance, name))
    return values


def diff(
    before: dict[str, object], after: dict[str, object]
) -> dict[str, list[object]]:
    """Return ``{field: [old, new]}`` for the fields whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def audit_entry_build(
    *,
    actor: Actor,
    organisation: Organisation | None,
    action: str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    message: str = "",
) -> AuditEntry:
    """Build an unsaved audit entry (for bulk writers such as the import)."""
    user = actor.account if isinstance(actor, LinkActor) else actor
    return AuditEntry(
        organisation=organisation,
        # The installation's user model, which an app above core defines.
        actor=user if isinstance(user, get_user_model()) and user.pk else None,
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
    actor: Actor,
    action: str,
    instance: models.Model,
    organisation: Organisation | None | EllipsisType = ...,
    changes: dict[str, Any] | None = None,
    message: str = "",
) -> AuditEntry:
    """Append one entry to the audit trail: the one way every service records
    what it changed. The entry belongs to ``instance.organisation`` unless
    ``organisation`` is given (None for the installation's own records)."""
    if isinstance(organisation, EllipsisType):
        # Every model but the installation's own has an organisation, which
        # Model itself does not declare.
        owner = instance.organisation  # type: ignore[attr-defined]
    else:
        owner = organisation
    entry = audit_entry_build(
        actor=actor,
        organisation=owner,
        action=action,
        instance=instance,
        changes=changes,
        message=message,
    )
    entry.save()
    return entry


def _actor_label(actor: Actor) -> str:
    if isinstance(actor, LinkActor):
        return actor.label[:254]
    if not isinstance(actor, AbstractBaseUser) or not actor.pk:
        return "system"
    return user_email(actor)


def user_email(user: AbstractBaseUser) -> str:
    """Return the e-mail address of ``user``, whichever field holds it."""
    return str(getattr(user, user.get_email_field_name()))


def record_update(
    *, actor: Actor, instance: models.Model, fields: dict[str, Any]
) -> dict[str, list[object]]:
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
