"""Who may see and change questionnaires and their results."""

from mandat.core.access import access_for
from mandat.trainings.permissions import can_manage_training


def can_manage_questionnaires(user, organisation) -> bool:
    """Return whether ``user`` may list questionnaires and make surveys."""
    return access_for(user, organisation).manages_organisation


def can_manage_questionnaire(user, questionnaire) -> bool:
    """Return whether ``user`` may change ``questionnaire`` and read its
    results: coordinators, and for a training's evaluation those who manage
    the training (a committee secretary for their own committee)."""
    if can_manage_questionnaires(user, questionnaire.organisation):
        return True
    training = questionnaire.training
    return training is not None and can_manage_training(user, training)
