"""Writers for accounts: roles given and taken."""

from django.db import transaction
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry, Organisation
from mandat.core.services import audit_record

from .models import Membership, Role, User


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
def membership_create(
    *,
    actor,
    organisation: Organisation,
    user: User,
    role: str,
    body=None,
) -> Membership:
    """Give ``user`` a role in ``organisation``."""
    if role == Role.COMMITTEE_SECRETARY and body is None:
        raise ApplicationError(_("Choose the body the secretary serves."), field="body")
    if body is not None and body.organisation_id != organisation.pk:
        raise ApplicationError(
            _("The body belongs to another organisation."), field="body"
        )
    if role != Role.COMMITTEE_SECRETARY:
        body = None
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, body=body
    )
    if not created:
        raise ApplicationError(_("The user already has this role."), field="role")
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        instance=membership,
        changes={"role": [None, membership.get_role_display()]},
    )
    return membership


@transaction.atomic
def membership_delete(*, actor, membership: Membership) -> None:
    """Take a role away."""
    remaining_admins = Membership.objects.filter(
        organisation=membership.organisation, role=Role.ADMINISTRATOR
    ).exclude(pk=membership.pk)
    if membership.role == Role.ADMINISTRATOR and not remaining_admins.exists():
        raise ApplicationError(
            _("The organisation must keep at least one administrator.")
        )
    audit_record(
        actor=actor,
        organisation=membership.organisation,
        action=AuditEntry.Action.DELETE,
        instance=membership,
        changes={"role": [membership.get_role_display(), None]},
    )
    membership.delete()


@transaction.atomic
def user_update_settings(*, user: User, full_name: str, language: str) -> User:
    """Change a user's own name and language."""
    user.full_name = full_name
    user.language = language
    user.save(update_fields=["full_name", "language"])
    return user
