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
from django.db import connection, models, transaction
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


@dataclass(frozen=True)
class TokenActor:
    """Another system acting through the REST API with one of the
    organisation's API tokens: the audit trail names the token."""

    token_id: int
    name: str

    @property
    def account(self) -> None:
        return None

    @property
    def label(self) -> str:
        return _("API token %(name)s") % {"name": self.name}


# Who changed a record, as every service takes it: the signed-in user, someone
# from a personal link, another system through the API, or None for Mandat
# itself (a task, a command).
Actor: TypeAlias = AbstractBaseUser | AnonymousUser | LinkActor | TokenActor | None
Action = AuditEntry.Action
# The organisation an audit entry belongs to: ``...`` for the record's own,
# None for the installation's own records.
Owner: TypeAlias = Organisation | None | EllipsisType


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


def changed(
    before: dict[str, object], instance: models.Model
) -> dict[str, list[object]]:
    """Return ``{field: [old, new]}`` for the fields of the snapshot
    ``before`` whose value on ``instance`` is now another."""
    return diff(before, snapshot(instance, before))


def removed(values: dict[str, object]) -> dict[str, list[object]]:
    """Return ``{field: [old, None]}`` for the values that were set."""
    return {name: [value, None] for name, value in values.items() if value}


def audit_entry_build(
    *,
    actor: Actor,
    organisation: Owner,
    action: str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    message: str = "",
) -> AuditEntry:
    """Build an unsaved audit entry (for bulk writers such as the import);
    ``organisation`` as for ``audit_record``."""
    return _audit(actor, action, instance, organisation, changes, message, save=False)


def audit_record(
    *,
    actor: Actor,
    action: str,
    instance: models.Model,
    organisation: Owner = ...,
    changes: dict[str, Any] | None = None,
    message: str = "",
) -> AuditEntry:
    """Append one entry to the audit trail, for an action the ``audit_*``
    helpers below do not name (a log-in, an end). The entry belongs to
    ``instance.organisation`` unless ``organisation`` is given (None for the
    installation's own records)."""
    return _audit(actor, action, instance, organisation, changes, message)


def _audit(
    actor: Actor,
    action: str,
    instance: models.Model,
    organisation: Owner,
    changes: dict[str, Any] | None,
    message: str,
    *,
    save: bool = True,
) -> AuditEntry:
    """Build an audit entry and save it unless ``save`` is false: the one
    place every writer of the trail goes through."""
    if isinstance(organisation, EllipsisType):
        # Every model but the installation's own has an organisation, which
        # Model itself does not declare.
        owner = instance.organisation  # type: ignore[attr-defined]
    else:
        owner = organisation
    user = actor.account if isinstance(actor, LinkActor | TokenActor) else actor
    entry = AuditEntry(
        organisation=owner,
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
    if save:
        entry.save()
    return entry


def audit_created(
    actor: Actor,
    instance: models.Model,
    fields: Iterable[str] = (),
    *,
    organisation: Owner = ...,
    message: str = "",
) -> AuditEntry:
    """Record that ``instance`` was created, with the values of ``fields``."""
    changes = diff({}, snapshot(instance, fields))
    return _audit(actor, Action.CREATE, instance, organisation, changes, message)


def audit_updated(
    actor: Actor,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    *,
    organisation: Owner = ...,
    message: str = "",
) -> AuditEntry:
    """Record a change to ``instance``: ``changes`` as ``{field: [old, new]}``
    (see ``changed``), a ``message``, or both."""
    return _audit(actor, Action.UPDATE, instance, organisation, changes, message)


def audit_saved(
    actor: Actor,
    instance: models.Model,
    created: bool,
    changes: dict[str, Any] | None = None,
    *,
    organisation: Owner = ...,
) -> AuditEntry:
    """Record that ``instance`` was created or, when ``created`` is false,
    changed (for a writer that does both)."""
    action = Action.CREATE if created else Action.UPDATE
    return _audit(actor, action, instance, organisation, changes, "")


def status_change(
    instance: models.Model, before: str, after: str, field: str = "status"
) -> dict[str, list[object]]:
    """Return ``{field: [old label, new label]}`` for a move of ``instance``
    from the choice ``before`` to ``after``."""
    model_field = instance._meta.get_field(field)
    assert isinstance(model_field, models.Field)
    labels = dict(model_field.flatchoices)
    return {field: [str(labels.get(before, before)), str(labels.get(after, after))]}


def audit_status(
    actor: Actor,
    instance: models.Model,
    before: str,
    after: str,
    *,
    organisation: Owner = ...,
    message: str = "",
) -> AuditEntry:
    """Record that the status of ``instance`` went from ``before`` to
    ``after`` (two of its choices; the entry holds their labels)."""
    changes = status_change(instance, before, after)
    return _audit(actor, Action.UPDATE, instance, organisation, changes, message)


def audit_deleted(
    actor: Actor,
    instance: models.Model,
    *,
    organisation: Owner = ...,
    message: str = "",
    fields: Iterable[str] = (),
) -> AuditEntry:
    """Record that ``instance`` is deleted (call it before the delete, while
    it has its id), with the values ``fields`` had."""
    changes = removed(snapshot(instance, fields))
    return _audit(actor, Action.DELETE, instance, organisation, changes, message)


def actor_user(actor: Actor) -> Any:
    """The user account behind ``actor`` for a "created by" field: the
    signed-in user, else None (a personal link, an API token, a task)."""
    if isinstance(actor, AbstractBaseUser) and actor.pk:
        return actor
    return None


def _actor_label(actor: Actor) -> str:
    if isinstance(actor, LinkActor | TokenActor):
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
    changes = changed(before, instance)
    if changes:
        audit_updated(actor, instance, changes)
    return changes


@transaction.atomic
def audit_entries_dispose(
    *, organisation: Organisation | None, before: datetime.datetime
) -> int:
    """Delete the audit entries of ``organisation`` (None: the
    installation's own) made before ``before``, as the audit trail's
    retention class says; return how many went. The one deleter of the
    trail: on PostgreSQL the trigger lets a delete through only in a
    transaction that set ``mandat.audit_disposal`` (migration 0005)."""
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL mandat.audit_disposal = 'on'")
    count, _counts = AuditEntry.objects.filter(
        organisation=organisation, created_at__lt=before
    ).delete()
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL mandat.audit_disposal = 'off'")
    return count
