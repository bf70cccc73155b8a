"""Who may read and change the film library and the handbook."""

from mandat.accounts.selectors import access_for


def can_read_knowledge(user, organisation) -> bool:
    """Everyone with a role in the organisation reads published films and
    the handbook."""
    return bool(access_for(user, organisation))


def can_manage_knowledge(user, organisation) -> bool:
    """Return whether ``user`` may add and change films and handbook pages."""
    return access_for(user, organisation).manages_organisation
