"""How views declare who may open them, and who may see the audit trail.

A view of an organisation's page names its rule with ``@allowed(rule)``
(``rule(user, organisation)`` from the app's ``permissions.py``); a view
that decides on one record it has fetched says ``require(rule(user, obj))``.
Both answer 403; nothing else raises PermissionDenied."""

import functools
from collections.abc import Callable
from typing import Any, Concatenate, NoReturn, ParamSpec, TypeAlias, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from mandat.core.access import Role, access_for

from .http import OrganisationRequest
from .models import Organisation

P = ParamSpec("P")
R = TypeVar("R")
# A rule of an app's permissions.py: may this user do it in this organisation?
# The user is the installation's user model, which core does not name.
Rule: TypeAlias = Callable[[Any, Organisation], bool]
OrganisationView: TypeAlias = Callable[Concatenate[OrganisationRequest, P], R]


def require(allowed: bool) -> None:
    """Answer 403 unless ``allowed``."""
    if not allowed:
        refuse()


def refuse() -> NoReturn:
    """Answer 403, the decision having been made above."""
    raise PermissionDenied


def allowed(
    rule: Rule,
) -> Callable[[OrganisationView[P, R]], OrganisationView[P, R]]:
    """Decorate a view under ``/o/<org>/``: 403 unless
    ``rule(request.user, request.organisation)``."""

    def decorator(view: OrganisationView[P, R]) -> OrganisationView[P, R]:
        @functools.wraps(view)
        def wrapped(
            request: OrganisationRequest, *args: P.args, **kwargs: P.kwargs
        ) -> R:
            require(rule(request.user, request.organisation))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def can_view_audit_trail(
    user: AbstractBaseUser | AnonymousUser | None, organisation: Organisation | None
) -> bool:
    """Return whether ``user`` may search the audit trail of ``organisation``."""
    return access_for(user, organisation).has(Role.ADMINISTRATOR)
