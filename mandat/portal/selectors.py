"""Readers for the overview page, which gathers what each app reports."""

from django.utils import timezone

from mandat.directory import selectors as directory_selectors
from mandat.directory.permissions import can_view_whole_directory
from mandat.reports.attention import attention_list
from mandat.reports.permissions import can_manage_costs


def dashboard_figures(*, organisation, user) -> dict:
    """Return what the overview page shows to ``user``."""
    figures: dict[str, object] = {}
    if can_view_whole_directory(user, organisation):
        figures["directory_counts"] = directory_selectors.directory_counts(
            organisation=organisation, on=timezone.localdate()
        )
    if can_manage_costs(user, organisation):
        figures["attention"] = attention_list(organisation=organisation)
    figures["my_assignments"] = directory_selectors.assignment_list_for_user(
        user=user, organisation=organisation
    )
    return figures
