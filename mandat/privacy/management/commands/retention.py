from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mandat.privacy.retention import CLASSES
from mandat.privacy.services import retention_apply


class Command(BaseCommand):
    help = (
        "Apply the retention classes now, as the nightly task does, and print "
        "what was done per organisation and class (--dry-run: what would be)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what is past its time; change nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        for result in retention_apply(actor=None, dry_run=dry_run):
            owner = result.organisation or "(installation)"
            self.stdout.write(f"{owner}: {result.total}")
            for key, count in result.counts.items():
                retention = CLASSES[key]
                self.stdout.write(
                    f"  {key:20} {count:6}  ({retention.period_label}) "
                    f"{retention.records}"
                )
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
