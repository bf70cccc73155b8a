"""Readers for accounts: which organisations and roles a user has."""

from django.db.models import QuerySet

from mandat.core.access import Role
from mandat.core.models import Organisation

from .models import AccountLink, SingleSignOn, User, link_token_digest


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


def single_sign_on_in_use(*, slug: str) -> SingleSignOn | None:
    """Return the single sign-on of the organisation ``slug`` when it is in
    use, with its organisation, else None."""
    return (
        SingleSignOn.objects.select_related("organisation")
        .filter(organisation__slug=slug, enabled=True)
        .first()
    )


def single_sign_on_saml(*, slug: str) -> SingleSignOn | None:
    """Return the organisation ``slug``'s single sign-on when it is set up
    for SAML, in use or not yet: its provider reads Mandat's metadata
    before the first sign-in."""
    return (
        SingleSignOn.objects.select_related("organisation")
        .filter(organisation__slug=slug, protocol=SingleSignOn.Protocol.SAML)
        .exclude(sp_certificate="")
        .first()
    )


def single_sign_on_for_domain(domain: str) -> SingleSignOn | None:
    """Return the single sign-on in use whose e-mail domains include
    ``domain`` (as ``email_domain`` gives it), else None."""
    if not domain:
        return None
    return (
        SingleSignOn.objects.select_related("organisation")
        .filter(enabled=True, domains__domain=domain)
        .first()
    )


def single_sign_on_domains_exist() -> bool:
    """Whether any single sign-on in use is found by e-mail domain."""
    return SingleSignOn.objects.filter(enabled=True, domains__isnull=False).exists()


def single_sign_on_list_in_use() -> QuerySet:
    """Return the single sign-ons in use, by organisation name, for the
    log-in page."""
    return (
        SingleSignOn.objects.select_related("organisation")
        .filter(enabled=True)
        .order_by("organisation__name")
    )


def password_refused_by(user: User) -> SingleSignOn | None:
    """Return the single sign-on of an organisation where ``user`` holds a
    role and which has switched passwords off, or None when the user may log
    in with a password. One such organisation is enough: its data must not
    be reached with a password. The installation's administrators always
    may."""
    if user.is_superuser:
        return None
    return (
        SingleSignOn.objects.select_related("organisation")
        .filter(
            enabled=True,
            local_passwords=False,
            organisation__memberships__user=user,
        )
        .order_by("organisation__name")
        .first()
    )
