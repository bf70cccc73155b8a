"""The demo organisation Exempelstad (fictional names throughout).

Each app adds its part of the demo as a step in ``DEMO_STEPS``; a step is given
the organisation and skips what already exists, so later versions of Mandat can
add to a demo database that was created earlier."""

from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string

from .models import Organisation

DEMO_SLUG = "exempelstad"
DEMO_NAME = "Exempelstads kommun"
DEMO_PASSWORD = "mandat-demo-2026"
DEMO_DOMAIN = "exempelstad.example"

DEMO_STEPS = [
    "mandat.directory.demo.seed",
    "mandat.accounts.demo.seed",
    "mandat.trainings.demo.seed",
    "mandat.meetings.demo.seed",
    "mandat.evaluations.demo.seed",
    "mandat.reports.demo.seed",
    "mandat.knowledge.demo.seed",
]

# The installation's administrator (the admin site at /admin/) belongs to no
# organisation; the organisation's administrator is not a superuser.
INSTALLATION_ADMIN_EMAIL = f"installation@{DEMO_DOMAIN}"

DEMO_LOGINS = [
    (f"admin@{DEMO_DOMAIN}", "administrator"),
    (f"samordnare@{DEMO_DOMAIN}", "utbildningssamordnare (coordinator)"),
    (f"sekreterare.sn@{DEMO_DOMAIN}", "nämndsekreterare, Socialnämnden"),
    (f"styrgrupp@{DEMO_DOMAIN}", "styrgruppsledamot"),
    (f"fortroendevald@{DEMO_DOMAIN}", "förtroendevald"),
    (f"nyvald@{DEMO_DOMAIN}", "förtroendevald som började förra månaden"),
    (f"kursledare@{DEMO_DOMAIN}", "kursledare"),
    (f"tjansteperson@{DEMO_DOMAIN}", "tjänsteperson (förvaltningschef)"),
    (INSTALLATION_ADMIN_EMAIL, "installationens administratör (/admin/)"),
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
            import_string(step)(organisation=organisation)
    return created
