"""Writers for roles: accounts, roles given and taken, a user's own settings,
and a new organisation with its first coordinator."""

import contextlib

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mandat.core.access import Role
from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry, Organisation
from mandat.core.services import Actor, audit_created, audit_deleted, audit_record
from mandat.directory.models import Body

from ..models import (
    AccountLink,
    Membership,
    SignOnIdentity,
    User,
)
from .links import invitation_send, user_never_used


@transaction.atomic
def user_get_or_create(*, email: str, full_name: str = "") -> User:
    """Return the account for ``email``, creating one without a password."""
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def membership_give(
    *,
    actor: Actor,
    organisation: Organisation,
    email: str,
    full_name: str = "",
    role: str,
    body: Body | None = None,
) -> Membership:
    """Give the account of ``email`` a role in ``organisation``, creating the
    account if there is none. An account that has never been used gets an
    invitation by e-mail with a link to choose its password."""
    user = user_get_or_create(email=email, full_name=full_name)
    membership = membership_create(
        actor=actor, organisation=organisation, user=user, role=role, body=body
    )
    if user_never_used(user) and not _invitation_pending(user):
        invitation_send(actor=actor, organisation=organisation, user=user)
    return membership


def _invitation_pending(user: User) -> bool:
    return AccountLink.objects.filter(
        user=user,
        purpose=AccountLink.Purpose.INVITATION,
        used_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists()


@transaction.atomic
def membership_create(
    *,
    actor: Actor,
    organisation: Organisation,
    user: User,
    role: str,
    body: Body | None = None,
) -> Membership:
    """Give ``user`` a role in ``organisation``."""
    if role == Role.COMMITTEE_SECRETARY and body is None:
        raise ApplicationError(_("Choose the body the secretary serves."), field="body")
    if body is not None and body.organisation_id != organisation.pk:
        raise ApplicationError(
            _("The body belongs to another organisation."), field="body"
        )
    # The installation's administrator may link an account of others (that
    # is who the message below sends people to).
    installation = getattr(actor, "is_superuser", False)
    if not installation and _is_account_of_others(user=user, organisation=organisation):
        raise ApplicationError(
            _(
                "This address cannot be given a role here. If the person already "
                "uses Mandat in another organisation, ask the administrator of "
                "the installation to link the account."
            ),
            field="email",
        )
    if role != Role.COMMITTEE_SECRETARY:
        body = None
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, body=body
    )
    if not created:
        raise ApplicationError(_("The user already has this role."), field="role")
    audit_created(actor, membership, ("role",))
    return membership


def _is_account_of_others(*, user: User, organisation: Organisation) -> bool:
    """Return whether ``user`` is tied to other organisations (or to the
    installation) and not to ``organisation``: such an account is linked by
    the installation's administrator, never by an organisation's, who could
    otherwise take over any account by its address and read its name."""
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        return False
    if user.people.filter(organisation=organisation).exists():
        return False
    return (
        user.is_staff
        or user.is_superuser
        or Membership.objects.filter(user=user).exists()
        or user.people.exists()
    )


@transaction.atomic
def membership_delete(*, actor: Actor, membership: Membership) -> None:
    """Take a role away."""
    remaining_admins = Membership.objects.filter(
        organisation=membership.organisation, role=Role.ADMINISTRATOR
    ).exclude(pk=membership.pk)
    if membership.role == Role.ADMINISTRATOR and not remaining_admins.exists():
        raise ApplicationError(
            _("The organisation must keep at least one administrator.")
        )
    audit_deleted(actor, membership, fields=("role",))
    membership.delete()


@transaction.atomic
def account_leave(*, actor: Actor, user: User, organisation: Organisation) -> bool:
    """Take away the account's roles in ``organisation`` and its link to
    the organisation's own log-in: its person there has left and is
    anonymised. An account then tied to nothing else (no role, no person,
    not the installation's) is closed, its name and address removed first,
    so that no entry of the audit trail written now names them: kept, it
    would hold what anonymising took from the person. The organisation's
    last administrator keeps the role, and the account. Return whether the
    account was closed."""
    here = Membership.objects.filter(user=user, organisation=organisation)
    closing = not (
        user.is_staff
        or user.is_superuser
        or Membership.objects.filter(user=user)
        .exclude(organisation=organisation)
        .exists()
        or user.people.exists()
        or any(_last_administrator(membership) for membership in here)
    )
    if closing:
        user.email = f"anonymiserad-{user.pk}@konto.invalid"
        user.full_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["email", "full_name", "is_active", "password"])
        AccountLink.objects.filter(user=user).delete()
        audit_record(
            actor=actor,
            action=AuditEntry.Action.ANONYMISE,
            instance=user,
            organisation=organisation,
            message=_("Account closed, its name and address removed: its person left."),
        )
    for membership in here:
        # The last administrator's role stays: the organisation keeps one.
        with contextlib.suppress(ApplicationError):
            membership_delete(actor=actor, membership=membership)
    for identity in SignOnIdentity.objects.filter(user=user, organisation=organisation):
        audit_deleted(actor, identity, organisation=organisation)
        identity.delete()
    return closing


def _last_administrator(membership: Membership) -> bool:
    return (
        membership.role == Role.ADMINISTRATOR
        and not Membership.objects.filter(
            organisation=membership.organisation, role=Role.ADMINISTRATOR
        )
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def user_update_settings(*, user: User, full_name: str, language: str) -> User:
    """Change a user's own name and language."""
    user.full_name = full_name
    user.language = language
    user.save(update_fields=["full_name", "language"])
    return user


@transaction.atomic
def organisation_onboard(
    *,
    actor: Actor,
    name: str,
    slug: str,
    kind: str,
    organisation_number: str = "",
    coordinator_email: str,
    coordinator_name: str = "",
) -> tuple[Organisation, AccountLink | None]:
    """Create a municipality, region or network and invite its first
    coordinator, who sets everything else up in Mandat's own pages: the
    installation's administrator does nothing more. One transaction: a
    refused address leaves no organisation behind."""
    if not getattr(actor, "is_superuser", False):
        raise ApplicationError(_("Only the installation's administrator may do this."))
    name = " ".join(name.split())
    slug = slugify(slug or name)[:60]
    if not name:
        raise ApplicationError(_("Give the organisation's name."), field="name")
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ApplicationError(
            _("There is an organisation with this name."), field="name"
        )
    if not slug or Organisation.objects.filter(slug=slug).exists():
        raise ApplicationError(
            _("This short name is taken or empty; choose another."), field="slug"
        )
    if kind not in Organisation.Kind.values:
        raise ApplicationError(_("Choose a kind of organisation."), field="kind")
    organisation = Organisation.objects.create(
        name=name,
        slug=slug,
        kind=kind,
        organisation_number=organisation_number.strip(),
    )
    audit_created(actor, organisation, organisation=organisation, message=name)
    user = user_get_or_create(email=coordinator_email, full_name=coordinator_name)
    membership_create(
        actor=actor, organisation=organisation, user=user, role=Role.COORDINATOR
    )
    if user_never_used(user):
        link = invitation_send(actor=actor, organisation=organisation, user=user)
    else:
        # Someone already using Mandat elsewhere: they sign in as usual and
        # find the new organisation among theirs.
        link = None
    return organisation, link
