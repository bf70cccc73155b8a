"""Who may make and revoke the organisation's API tokens."""

from mandat.core.access import Role, access_for


def can_manage_api_tokens(user, organisation) -> bool:
    """Return whether ``user`` may make and revoke API tokens: the
    organisation's administrator, who answers for its integrations."""
    return access_for(user, organisation).has(Role.ADMINISTRATOR)
