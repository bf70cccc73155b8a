"""Who may see the outbox and change the wording of messages."""

from mandat.core.access import Role, access_for


def can_view_outbox(user, organisation) -> bool:
    """Return whether ``user`` may see every message the organisation sent."""
    return access_for(user, organisation).has(Role.ADMINISTRATOR, Role.COORDINATOR)


def can_edit_templates(user, organisation) -> bool:
    """Return whether ``user`` may change the wording of the messages."""
    return access_for(user, organisation).has(Role.ADMINISTRATOR, Role.COORDINATOR)
