"""Who holds which role in an organisation: what every app's permission
rules start from.

The roles are kept by the accounts app (``accounts.Membership``); this module
reads them through the relation the membership gives every user
(``user.memberships``), so that the apps below accounts (the directory, the
outbox) can ask without importing it."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Organisation


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    COORDINATOR = "coordinator", _("Training coordinator")
    COMMITTEE_SECRETARY = "committee_secretary", _("Committee secretary")
    STEERING_MEMBER = "steering_member", _("Steering-group member")
    ELECTED = "elected", _("Elected official")
    COURSE_LEADER = "course_leader", _("Course leader")
    OFFICIAL = "official", _("Official")


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


def access_for(
    user: AbstractBaseUser | AnonymousUser | None, organisation: Organisation | None
) -> Access:
    """Return the roles ``user`` holds in ``organisation``, cached on the user."""
    # The installation's user model (defined above core) is the signed-in one.
    if organisation is None or not isinstance(user, get_user_model()):
        return NO_ACCESS
    cache: dict[int, Access] = user.__dict__.setdefault("_mandat_access", {})
    if organisation.pk not in cache:
        rows = user.memberships.filter(organisation=organisation)
        roles: set[str] = set()
        bodies: set[int] = set()
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


def organisation_list_for_user(
    user: AbstractBaseUser | AnonymousUser | None,
) -> QuerySet[Organisation]:
    """Return the organisations where ``user`` holds at least one role."""
    if not isinstance(user, get_user_model()):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct()
