"""Benchmark: import a register of 5,000 rows (one row per assignment) on a
fresh SQLite file, as the embedded default runs it, and print the figures.

    .venv/bin/python bench/import_register.py [--rows 5000] [--database-url URL]

Times the check (the dry run) and the import separately, each run as the
worker runs it, and then a re-import of the same file (which must change
nothing)."""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="mandat-bench-"))
    os.environ["DATABASE_URL"] = (
        args.database_url or f"sqlite:///{workdir}/bench.sqlite3"
    )
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["MANDAT_VAR_DIR"] = str(workdir)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from mandat.core.models import Organisation
    from mandat.directory import services
    from mandat.directory.models import BodyKind, ImportJob
    from mandat.directory.tests.helpers import HEADERS, xlsx_bytes

    organisation = Organisation.objects.create(name="Benchstad", slug="benchstad")
    parties = ["S", "M", "SD", "V", "C", "MP", "L", "KD"]
    for abbreviation in parties:
        services.party_create(
            organisation=organisation,
            name=f"Parti {abbreviation}",
            abbreviation=abbreviation,
        )
    bodies = [f"Nämnd {n}" for n in range(60)]
    for name in bodies:
        services.body_create(
            organisation=organisation, name=name, kind=BodyKind.COMMITTEE
        )

    rng = random.Random(5000)
    rows = []
    people = max(1, args.rows * 3 // 5)  # most people hold one or two assignments
    for n in range(args.rows):
        person = n % people
        rows.append(
            {
                "Register-id": str(100000 + person),
                "Förnamn": f"Förnamn{person}",
                "Efternamn": f"Efternamn{person}",
                "E-post": f"person{person}@bench.example",
                "Kön": ["kvinna", "man", ""][person % 3],
                "Typ": "förtroendevald",
                "Skyddad identitet": "nej",
                "Organ": bodies[(n * 7 + n // people) % len(bodies)],
                "Roll": rng.choice(["ledamot", "ledamot", "ledamot", "ordförande"]),
                "Parti": parties[person % len(parties)],
                "Från": (datetime.date(2027, 1, 1)).isoformat(),
                "Till": "",
                "Ersättarordning": "",
            }
        )
    content = xlsx_bytes(rows, headers=HEADERS)

    def timed(label, function):
        started = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - started
        print(f"{label:<40} {seconds:7.2f} s")
        return result, seconds

    vendor = django.db.connection.vendor
    print(f"Import of {args.rows} rows ({len(content) // 1024} kB .xlsx) on {vendor}")

    def check():
        job = services.import_job_create(
            actor=None,
            organisation=organisation,
            filename="bench.xlsx",
            content=content,
        )
        services.import_job_check(job_id=job.pk)
        return ImportJob.objects.get(pk=job.pk)

    job, check_seconds = timed("check (dry run)", check)
    assert job.status == ImportJob.Status.CHECKED, job.result["problems"][:3]

    def apply():
        services.import_job_confirm(actor=None, job=job)
        services.import_job_apply(job_id=job.pk)
        return ImportJob.objects.get(pk=job.pk)

    applied, apply_seconds = timed("import (checks again, then writes)", apply)
    assert applied.status == ImportJob.Status.APPLIED
    summary = applied.result["summary"]
    print(
        f"{'':<40} {summary['people_created']} people, "
        f"{summary['assignments_created']} assignments created"
    )
    print(f"{'check + import':<40} {check_seconds + apply_seconds:7.2f} s")
    again, _ = timed("re-import of the same file (check)", check)
    changed = {
        k: v for k, v in again.result["summary"].items() if k not in ("rows",) and v
    }
    print(f"{'':<40} changes found on re-import: {changed or 'none'}")


if __name__ == "__main__":
    main()
