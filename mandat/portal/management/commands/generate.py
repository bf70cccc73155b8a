"""mandat generate --scale N [--seed S] [--years Y] [--today YYYY-MM-DD] [--append]"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from mandat.core.demo import DEMO_PASSWORD
from mandat.portal.generate import GenerateError, generate


class Command(BaseCommand):
    help = (
        "Fill a PostgreSQL database with realistic generated data for benchmarks: "
        "scale 1 is one large city with four years of history, scale 40 every "
        "municipality and region with ten years. Refuses a database that holds "
        "organisations unless --append is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, required=True)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--years", type=int, help="years of history (default: 4 to 10 by scale)"
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="the day the data ends on (default: today); with the same seed "
            "and day, two runs write the same data",
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="add generated organisations beside those in the database",
        )
        parser.add_argument(
            "--analyze",
            choices=["vacuum", "analyze", "none"],
            default="vacuum",
            help="what to run afterwards so plans are realistic (default: vacuum, "
            "which is VACUUM ANALYZE)",
        )

    def handle(self, *args, **options):
        if not 0 < options["scale"] <= 100:
            raise CommandError("Give a scale above 0 and at most 100.")
        if options["years"] is not None and not 1 <= options["years"] <= 12:
            raise CommandError("Give between 1 and 12 years.")
        try:
            summary = generate(
                scale=options["scale"],
                seed=options["seed"],
                years=options["years"],
                today=options["today"],
                append=options["append"],
                analyze=options["analyze"],
                out=self.stdout.write,
            )
        except GenerateError as error:
            raise CommandError(str(error)) from error
        width = max(len(label) for label in summary.rows)
        self.stdout.write("")
        self.stdout.write("Rows written:")
        for label, count in summary.rows.items():
            self.stdout.write(f"  {label:<{width}} {count:>12,}")
        self.stdout.write(f"  {'total':<{width}} {summary.total_rows:>12,}")
        self.stdout.write("")
        self.stdout.write(
            f"{summary.organisations} organisations, {summary.years} years to "
            f"{summary.today}, seed {summary.seed}: {summary.seconds:.1f} s "
            f"(COPY {summary.copy_seconds:.1f} s, key check "
            f"{summary.check_seconds:.1f} s), then {options['analyze']} "
            f"{summary.analyze_seconds:.1f} s; peak memory {summary.peak_mb:.0f} MB."
        )
        self.stdout.write(f"Log in with the password {DEMO_PASSWORD} as, e.g.:")
        for login in summary.logins:
            self.stdout.write(f"  {login}")
