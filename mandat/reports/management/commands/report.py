"""mandat report annual --org SLUG --year YYYY --format json|pdf|docx --output FILE"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from mandat.core.models import Organisation
from mandat.core.pdf import PdfUnavailable
from mandat.reports.output import FORMATS, annual_report_file


class Command(BaseCommand):
    help = "Write a report of an organisation to a file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["annual"])
        parser.add_argument(
            "--org", required=True, help="the organisation's short name"
        )
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")
        parser.add_argument("--output", required=True, help="file to write, or -")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(slug=options["org"]).first()
        if organisation is None:
            raise CommandError(
                f"No organisation with the short name {options['org']!r}."
            )
        if not 2000 <= options["year"] <= 2100:
            raise CommandError("Give a year between 2000 and 2100.")
        try:
            with translation.override("sv"):
                content, _type = annual_report_file(
                    organisation=organisation,
                    year=options["year"],
                    format=options["format"],
                )
        except PdfUnavailable as error:
            raise CommandError(
                "PDF files cannot be made here: WeasyPrint needs the Pango "
                f"library (on Debian: apt install libpango-1.0-0). {error}"
            ) from error
        if options["output"] == "-":
            if options["format"] == "json":
                self.stdout.write(content.decode())
            else:
                sys.stdout.buffer.write(content)
                sys.stdout.buffer.flush()
            return
        Path(options["output"]).write_bytes(content)
        self.stderr.write(f"Wrote {options['output']} ({len(content)} bytes).")
