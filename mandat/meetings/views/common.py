"""Lookups every meeting view shares: the object, or 404/403."""

from django.shortcuts import redirect

from mandat.core.forms import service_error
from mandat.core.pages import found
from mandat.core.permissions import require

from .. import permissions, selectors


def group_or_404(request, group_id):
    return found(
        selectors.group_get(
            organisation=request.organisation, user=request.user, group_id=group_id
        )
    )


def managed_group(request, group_id):
    group = group_or_404(request, group_id)
    require(permissions.can_manage_group(request.user, group))
    return group


def meeting_or_404(request, meeting_id):
    return found(
        selectors.meeting_get(
            organisation=request.organisation, user=request.user, meeting_id=meeting_id
        )
    )


def managed_meeting(request, meeting_id):
    meeting = meeting_or_404(request, meeting_id)
    require(permissions.can_manage_group(request.user, meeting.group))
    return meeting


def to_group(group):
    """Where to go back to on the group's page (for ``core.pages.go``)."""
    return ("meetings:group-detail", group.organisation.slug, group.pk)


def to_commission(commission):
    return ("meetings:commission-detail", commission.organisation.slug, commission.pk)


def to_meeting(meeting, anchor: str = ""):
    response = redirect(
        "meetings:meeting-detail", meeting.organisation.slug, meeting.pk
    )
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


# A service's field name and the form field that shows it.
FIELD_NAMES = {"ends_at": "ends", "starts_at": "starts"}


def add_error(form, error) -> None:
    """Put a service's error next to its field, or above the form."""
    service_error(form, error, names=FIELD_NAMES)
