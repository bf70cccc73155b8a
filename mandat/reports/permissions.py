"""Who may see costs, budgets and the fee basis."""

from mandat.core.access import Role, access_for
from mandat.directory.permissions import can_view_body


def can_manage_costs(user, organisation) -> bool:
    """Return whether ``user`` may book costs and set budgets: coordinators."""
    return access_for(user, organisation).manages_organisation


def can_export_fee_basis(user, organisation, body=None) -> bool:
    """Return whether ``user`` may export the fee basis of ``body``:
    coordinators for every body, a committee secretary for their own."""
    access = access_for(user, organisation)
    if access.manages_organisation:
        return True
    return access.has(Role.COMMITTEE_SECRETARY) and (
        body is None or can_view_body(user, body)
    )


def can_record_history(user, organisation) -> bool:
    """Return whether ``user`` may record past years' trainings from a file."""
    return access_for(user, organisation).manages_organisation
