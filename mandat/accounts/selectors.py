"""Readers for accounts: which organisations and roles a user has."""

from django.db.models import QuerySet

from mandat.core.access import Role
from mandat.core.models import Organisation

from .models import AccountLink, User, link_token_digest


def coordinator_list(*, organisation: Organisation) -> QuerySet:
    """Return the organisation's active coordinators, longest-serving first."""
    return (
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__role=Role.COORDINATOR,
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("date_joined", "pk")
    )


def account_link_valid(*, token: str, purposes: tuple[str, ...]):
    """Return the still valid link of ``token`` for one of ``purposes``, with
    its account, or None for a link unknown, used, expired or closed."""
    link = (
        AccountLink.objects.select_related("user")
        .filter(token_hash=link_token_digest(token), purpose__in=purposes)
        .first()
    )
    return link if link is not None and link.is_valid() else None
