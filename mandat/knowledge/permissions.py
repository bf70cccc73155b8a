"""Who may read and change the film library and the handbook."""

from mandat.core.access import access_for
from mandat.directory.permissions import user_standing


def can_read_knowledge(user, organisation) -> bool:
    """Everyone with a role in the organisation reads published films and
    the handbook."""
    return bool(access_for(user, organisation))


def can_manage_knowledge(user, organisation) -> bool:
    """Return whether ``user`` may add and change films and handbook pages."""
    return access_for(user, organisation).manages_organisation


def can_catch_up(user, organisation) -> bool:
    """Return whether ``user`` is a newcomer in ``organisation``, who has a
    catch-up list of the basic programme they missed."""
    return user_standing(user, organisation)["newcomer"]
