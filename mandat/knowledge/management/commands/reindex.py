"""mandat reindex [--org SLUG]: write the search index again, e.g. after an
upgrade that added search to an installation with data."""

from django.core.management.base import BaseCommand, CommandError

from mandat.core.models import Organisation
from mandat.knowledge.search import reindex


class Command(BaseCommand):
    help = "Write the search index of one or every organisation again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--org", help="the organisation's short name; all if left out"
        )

    def handle(self, *args, **options):
        organisations = Organisation.objects.all()
        if options["org"]:
            organisations = organisations.filter(slug=options["org"])
            if not organisations.exists():
                raise CommandError(
                    f"No organisation with the short name {options['org']!r}."
                )
        for organisation in organisations:
            count = reindex(organisation)
            self.stdout.write(f"{organisation.slug}: {count} indexed")
