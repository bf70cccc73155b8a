"""How views declare who may open them, and who may see the audit trail.

A view of an organisation's page names its rule with ``@allowed(rule)``
(``rule(user, organisation)`` from the app's ``permissions.py``); a view
that decides on one record it has fetched says ``require(rule(user, obj))``.
Both answer 403; nothing else raises PermissionDenied."""

import functools
from typing import NoReturn

from django.core.exceptions import PermissionDenied

from mandat.core.access import Role, access_for


def require(allowed: bool) -> None:
    """Answer 403 unless ``allowed``."""
    if not allowed:
        refuse()


def refuse() -> NoReturn:
    """Answer 403, the decision having been made above."""
    raise PermissionDenied


def allowed(rule):
    """Decorate a view under ``/o/<org>/``: 403 unless
    ``rule(request.user, request.organisation)``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            require(rule(request.user, request.organisation))
            return view(request, *args, **kwargs)

        wrapped.permission_rule = rule
        return wrapped

    return decorator


def can_view_audit_trail(user, organisation) -> bool:
    """Return whether ``user`` may search the audit trail of ``organisation``."""
    return access_for(user, organisation).has(Role.ADMINISTRATOR)
