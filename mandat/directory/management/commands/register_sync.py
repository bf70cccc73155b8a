"""mandat register_sync [--org SLUG]: read the register now, as the worker
does each night, and print what happened."""

from django.core.management.base import BaseCommand, CommandError

from mandat.directory.models import RegisterSync
from mandat.directory.services import register_sync_run


class Command(BaseCommand):
    help = "Read the register of elected officials now, where it is read each night."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="only this organisation (its short name)")

    def handle(self, *args, **options):
        syncs = RegisterSync.objects.filter(enabled=True).select_related("organisation")
        if options["org"]:
            syncs = syncs.filter(organisation__slug=options["org"])
            if not syncs:
                raise CommandError(
                    f"{options['org']} does not read its register on a schedule."
                )
        for sync in syncs:
            outcome = register_sync_run(sync=sync)
            self.stdout.write(f"{sync.organisation.slug}: {outcome}")
