"""Who may see and change what in trainings."""

from mandat.core.access import Role, access_for


def can_manage_trainings(user, organisation) -> bool:
    """Return whether ``user`` may create trainings and see the training pages."""
    return access_for(user, organisation).has(
        Role.ADMINISTRATOR, Role.COORDINATOR, Role.COMMITTEE_SECRETARY
    )


def can_manage_plan(user, organisation) -> bool:
    """Return whether ``user`` may change the training plan."""
    return access_for(user, organisation).manages_organisation


def can_manage_training(user, training) -> bool:
    """Return whether ``user`` may change ``training``: coordinators every
    training, a committee secretary those their own committee is responsible for."""
    access = access_for(user, training.organisation)
    if access.manages_organisation:
        return True
    return access.has(Role.COMMITTEE_SECRETARY) and (
        training.responsible_body_id in access.secretary_body_ids
    )


def can_take_attendance(user, occasion) -> bool:
    """Return whether ``user`` may see the participants of ``occasion`` and
    check them in: those who manage the training, and its course leaders."""
    if can_manage_training(user, occasion.training):
        return True
    access = access_for(user, occasion.organisation)
    return bool(access) and occasion.contributors.filter(person__account=user).exists()
