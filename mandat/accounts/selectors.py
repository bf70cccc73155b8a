"""Readers for accounts: which organisations and roles a user has."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from mandat.core.models import Organisation

from .models import Membership, Role


@dataclass(frozen=True)
class Access:
    """What one user holds in one organisation."""

    organisation: Organisation | None
    roles: frozenset[str] = frozenset()
    secretary_body_ids: frozenset[int] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.roles)

    def has(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def manages_organisation(self) -> bool:
        """Administrators and coordinators see and change the whole directory."""
        return self.has(Role.ADMINISTRATOR, Role.COORDINATOR)


NO_ACCESS = Access(organisation=None)


def access_for(user, organisation: Organisation | None) -> Access:
    """Return the roles ``user`` holds in ``organisation``, cached on the user."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return NO_ACCESS
    cache = user.__dict__.setdefault("_mandat_access", {})
    if organisation.pk not in cache:
        rows = Membership.objects.filter(user=user, organisation=organisation)
        roles = set()
        bodies = set()
        for role, body_id in rows.values_list("role", "body_id"):
            roles.add(role)
            if body_id:
                bodies.add(body_id)
        cache[organisation.pk] = Access(
            organisation=organisation,
            roles=frozenset(roles),
            secretary_body_ids=frozenset(bodies),
        )
    return cache[organisation.pk]


def organisation_list_for_user(user) -> QuerySet[Organisation]:
    """Return the organisations where ``user`` holds at least one role."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct()


def coordinator_list(*, organisation: Organisation) -> QuerySet:
    """Return the organisation's active coordinators, longest-serving first."""
    from .models import User

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
    from .models import AccountLink, link_token_digest

    link = (
        AccountLink.objects.select_related("user")
        .filter(token_hash=link_token_digest(token), purpose__in=purposes)
        .first()
    )
    return link if link is not None and link.is_valid() else None
