"""The demo organisation Exempelstad, seeded app by app.

Each app adds its part of the demo as a step in ``DEMO_STEPS``; a step is given
the organisation and skips what already exists, so later versions of Mandat can
add to a demo database that was created earlier."""

from django.db import transaction
from django.utils import translation

from mandat.accounts import demo as accounts_demo
from mandat.core.demo import DEMO_NAME, DEMO_SLUG
from mandat.core.models import Organisation
from mandat.directory import demo as directory_demo
from mandat.evaluations import demo as evaluations_demo
from mandat.knowledge import demo as knowledge_demo
from mandat.meetings import demo as meetings_demo
from mandat.reports import demo as reports_demo
from mandat.trainings import demo as trainings_demo

DEMO_STEPS = [
    directory_demo.seed,
    accounts_demo.seed,
    trainings_demo.seed,
    meetings_demo.seed,
    evaluations_demo.seed,
    reports_demo.seed,
    knowledge_demo.seed,
]


def demo_seed() -> bool:
    """Create Exempelstad and run every demo step; return whether it was new.

    The steps run in Swedish whatever language is active: the standard texts
    the services store (agenda items, target groups, questions) are written
    in the active language and stay so in the database."""
    with translation.override("sv"), transaction.atomic():
        organisation, created = Organisation.objects.get_or_create(
            slug=DEMO_SLUG,
            defaults={"name": DEMO_NAME, "kind": Organisation.Kind.MUNICIPALITY},
        )
        for step in DEMO_STEPS:
            step(organisation=organisation)
    return created
