"""Readers of the privacy app."""

from django.db.models import QuerySet

from mandat.core.models import Organisation
from mandat.directory.models import Person

from .models import PersonAnonymisation, RetentionRun

RUNS_SHOWN = 60


def retention_run_list(*, organisation: Organisation) -> QuerySet[RetentionRun]:
    """Return the retention task's runs for ``organisation``, newest first."""
    return RetentionRun.objects.filter(organisation=organisation).order_by(
        "-started_at", "-id"
    )[:RUNS_SHOWN]


def person_is_anonymised(person: Person) -> bool:
    """Return whether ``person`` has been anonymised."""
    return PersonAnonymisation.objects.filter(person=person).exists()


def anonymised_count(*, organisation: Organisation) -> int:
    """Return how many people of ``organisation`` have been anonymised."""
    return PersonAnonymisation.objects.filter(organisation=organisation).count()
