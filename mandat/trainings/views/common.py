"""Lookups every training view shares: the object, or 404/403."""

from django.http import Http404

from mandat.core.pages import found
from mandat.core.permissions import refuse, require
from mandat.directory.models import Body

from .. import permissions, selectors
from ..models import (
    Occasion,
    Training,
)


def training_or_404(request, training_id) -> Training:
    training = selectors.training_get(
        organisation=request.organisation, user=request.user, training_id=training_id
    )
    if training is None:
        require(permissions.can_manage_trainings(request.user, request.organisation))
        raise Http404
    return training


def managed_training(request, training_id) -> Training:
    training = training_or_404(request, training_id)
    require(permissions.can_manage_training(request.user, training))
    return training


def occasion_or_404(request, occasion_id) -> Occasion:
    return found(
        selectors.occasion_get(
            organisation=request.organisation, occasion_id=occasion_id
        )
    )


def managed_occasion(request, occasion_id) -> Occasion:
    occasion = occasion_or_404(request, occasion_id)
    if not permissions.can_manage_training(request.user, occasion.training):
        if permissions.can_manage_trainings(request.user, request.organisation):
            # A committee secretary: another committee's occasion is not
            # shown to exist, as its training is not.
            raise Http404
        refuse()
    return occasion


def to_training(training_or_occasion):
    """The training's page (of an occasion: its training's), for
    ``core.pages.go``."""
    training_id = getattr(training_or_occasion, "training_id", training_or_occasion.pk)
    return (
        "trainings:training-detail",
        training_or_occasion.organisation.slug,
        training_id,
    )


def to_participants(occasion):
    """The occasion's list of participants, for ``core.pages.go``."""
    return ("trainings:participants", occasion.organisation.slug, occasion.pk)


def secretary_bodies(request):
    access = request.access
    if access.manages_organisation:
        return None
    return Body.objects.filter(pk__in=access.secretary_body_ids)
