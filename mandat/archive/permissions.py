"""Who may take official documents out as archive packages."""

from mandat.meetings.permissions import can_manage_group
from mandat.reports.permissions import can_manage_costs
from mandat.trainings.permissions import can_manage_plan


def can_archive_minutes(user, meeting) -> bool:
    """Return whether ``user`` may make the archive package of ``meeting``'s
    minutes: those who keep them (the coordinator, the group's secretary)."""
    return can_manage_group(user, meeting.group)


def can_archive_annual_report(user, organisation) -> bool:
    """Return whether ``user`` may make the annual report's package."""
    return can_manage_costs(user, organisation)


def can_archive_plan(user, organisation) -> bool:
    """Return whether ``user`` may make a training plan's package."""
    return can_manage_plan(user, organisation)
