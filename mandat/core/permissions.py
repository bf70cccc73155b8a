"""Who may see the organisation-wide pages of the core app."""

from mandat.core.access import Role, access_for


def can_view_audit_trail(user, organisation) -> bool:
    """Return whether ``user`` may search the audit trail of ``organisation``."""
    return access_for(user, organisation).has(Role.ADMINISTRATOR)
