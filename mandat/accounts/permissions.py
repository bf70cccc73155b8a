"""Who may manage accounts and roles."""

from mandat.core.access import Role, access_for


def can_manage_users(user, organisation) -> bool:
    """Return whether ``user`` may give and take roles in ``organisation``."""
    return access_for(user, organisation).has(Role.ADMINISTRATOR)
