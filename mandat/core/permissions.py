"""Who may see the organisation-wide pages of the core app."""

from mandat.accounts.models import Role
from mandat.accounts.selectors import access_for


def can_view_audit_trail(user, organisation) -> bool:
    """Return whether ``user`` may search the audit trail of ``organisation``."""
    return access_for(user, organisation).has(Role.ADMINISTRATOR)
