"""Generate realistic data at scale into PostgreSQL, for benchmarks.

``generate(scale=1)`` writes one large city (about 1,000 elected officials
in each mandate period, four years of plans, trainings, invitations,
registrations, attendance, evaluations, costs, meetings and minutes);
``scale=40`` every municipality and region of a country the size of Sweden
with ten years (see ``shape.py``). Every organisation is built in memory
by the domain modules (``directory``, ``bodies`` and ``people``; ``plan``,
``targets`` and ``trainings``; ``evaluations``; ``reports``; ``meetings``,
``minutes`` and ``commissions``; ``networks``; ``knowledge``; ``outbox``)
and written with COPY (``loader.py``, the tables in ``tables.py``).

The same seed and the same day give the same data: every random choice
comes from ``random.Random`` seeded per organisation, ids are given in
order, and tokens and response keys come from the same generator. So the
personal links of generated data can be derived from the seed: generated
data is for benchmarks and tests, never for production.

What is not generated: uploaded files (training and meeting documents,
caption files: films point at caption addresses instead), the history in
the audit trail (one entry per organisation says it was generated), the
outbox older than two months, calendar files of messages, handbook
revisions, import jobs and log-in links."""

import dataclasses
import datetime
import random
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mandat.core.demo import DEMO_PASSWORD
from mandat.core.models import Organisation
from mandat.evaluations.services import standard_questions

from . import (
    directory,
    evaluations,
    knowledge,
    meetings,
    networks,
    outbox,
    reports,
    trainings,
)
from .context import Context, at
from .loader import GenerateError, Loader, check_keys
from .shape import build_shape, place_names
from .tables import declare

__all__ = ["GenerateError", "Summary", "generate"]
HORIZON = datetime.timedelta(days=120)  # trainings are planned this far ahead


@dataclass
class Summary:
    scale: float
    years: int
    seed: int
    today: datetime.date
    organisations: int
    rows: dict[str, int]
    seconds: float
    copy_seconds: float
    analyze_seconds: float
    check_seconds: float
    peak_mb: float
    logins: list[str] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _standard_texts() -> dict:
    """Return the texts the services store in the organisation's language."""
    return {
        "questions": standard_questions(),
        "opening": _("Opening of the meeting"),
        "previous_minutes": _("Previous minutes"),
        "follow_up": _("Follow-up of action items"),
        "other_business": _("Other business"),
        "next_meeting": _("Next meeting"),
        "approved": _("The minutes were approved and placed on file."),
    }


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def generate(
    *,
    scale: float,
    seed: int = 2026,
    years: int | None = None,
    today: datetime.date | None = None,
    append: bool = False,
    analyze: str = "analyze",
    out: Callable[[str], None] = print,
    flush_rows: int = 300_000,
) -> Summary:
    """Fill the database with generated organisations; return what was written.

    Refuse anything but PostgreSQL, and a database that holds organisations
    already unless ``append`` (then the new ones get addresses of their own).
    ``analyze`` is "vacuum" (VACUUM ANALYZE, outside a transaction),
    "analyze" or "none". Nothing else may write to the database meanwhile:
    ids are given from the highest in each table."""
    if connection.vendor != "postgresql":
        raise GenerateError(
            "mandat generate writes with PostgreSQL's COPY and is meant for "
            f"benchmarks on PostgreSQL; this database is {connection.vendor}. "
            "Set DATABASE_URL to a PostgreSQL database."
        )
    if Organisation.objects.exists() and not append:
        raise GenerateError(
            "The database holds organisations already. Generate into an empty "
            "database, or give --append to add generated organisations beside them."
        )
    started = time.perf_counter()
    today = today or timezone.localdate()
    shape = build_shape(scale, years)
    now = at(today, 0)
    with translation.override("sv"):
        sv = _standard_texts()
        summary = _run(shape, seed, today, now, sv, out, flush_rows)
    summary.seconds = time.perf_counter() - started
    if analyze == "vacuum" and connection.in_atomic_block:
        analyze = "analyze"  # VACUUM cannot run inside a transaction (tests)
    if analyze != "none":
        begun = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)" if analyze == "vacuum" else "ANALYZE")
        summary.analyze_seconds = time.perf_counter() - begun
        out(f"{analyze.upper()} done in {summary.analyze_seconds:.1f} s.")
    summary.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return summary


def _run(shape, seed, today, now, sv, out, flush_rows) -> Summary:
    loader = Loader(now=now, flush_rows=flush_rows)
    t = declare(loader)
    loader.start()
    # Hashed once for every account; the salt comes from the seed, as all else.
    password = make_password(DEMO_PASSWORD, salt=f"generated{seed}")
    content_types = {
        name: ContentType.objects.get_by_natural_key(app, name).id
        for app, name in (
            ("trainings", "training"),
            ("evaluations", "questionnaire"),
            ("meetings", "meeting"),
        )
    }
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    taken_names = set(Organisation.objects.values_list("name", flat=True))
    start = _years_before(today, shape.years)
    note = f"Generated by mandat generate --scale {shape.scale:g} --seed {seed}"
    coordinators: dict[int, list[tuple[str, int | None]]] = {}
    logins = []
    regions_listed = False
    total = len(shape.organisations)
    out(
        f"Generating scale {shape.scale:g}: {total} organisations, {shape.years} "
        f"years ({start} to {today}, plans to {today + HORIZON}), seed {seed}."
    )
    last_report = time.perf_counter()
    begun = last_report
    for number, spec in enumerate(shape.organisations, start=1):
        slug, name = spec.slug, spec.name
        suffix = 2
        while slug in taken_slugs or name in taken_names:
            slug, name = f"{spec.slug}-{suffix}", f"{spec.name} ({suffix})"
            suffix += 1
        taken_slugs.add(slug)
        taken_names.add(name)
        spec = dataclasses.replace(spec, slug=slug, name=name)
        org_id = loader.new_id(t.organisation)
        loader.add(t.organisation, (org_id, name, slug, spec.kind, "", at(start, 8)))
        ctx = Context(
            spec=spec,
            org_id=org_id,
            rng=random.Random(f"{seed}:{slug}"),
            loader=loader,
            t=t,
            today=today,
            now=now,
            start=start,
            horizon=today + HORIZON,
            password=password,
            sv=sv,
            content_types=content_types,
            domain=f"{slug}.example",
        )
        if spec.kind == "natverk":
            members = coordinators.get(spec.region, [])[:8]
            # A network has at least five members; those not generated are
            # named only, with no account here.
            others = (p for p in place_names()[-50:] if p not in dict(members))
            while len(members) < 5:
                members.append((next(others), None))
            networks.build(ctx, members)
        else:
            directory.build(ctx)
            coordinator = ctx.people[ctx.coordinator]
            ctx.reply_to = f"{coordinator.name} <samordnare@{ctx.domain}>"
            trainings.build(ctx)
            evaluations.build(ctx)
            reports.build(ctx)
            meetings.build(ctx)
            coordinators.setdefault(spec.region, []).append(
                (spec.place, ctx.users["samordnare"])
            )
            if number <= 2 or (spec.kind == "region" and not regions_listed):
                logins.append(f"samordnare@{ctx.domain} ({name})")
                regions_listed = regions_listed or spec.kind == "region"
        knowledge.build(ctx)
        outbox.build(ctx, note)
        loader.maybe_flush()
        if time.perf_counter() - last_report > 10 or number == total:
            last_report = time.perf_counter()
            written = sum(loader.counts.values()) + loader.buffered
            out(
                f"  [{number}/{total}] {name}: {written:,} rows so far, "
                f"{last_report - begun:.0f} s"
            )
    loader.finish()
    check_seconds = 0.0
    if loader.trusted_keys:
        checked = time.perf_counter()
        broken = check_keys(table.model for table in loader.tables)
        check_seconds = time.perf_counter() - checked
        if broken:
            raise GenerateError("Foreign keys point at nothing: " + "; ".join(broken))
        out(f"Every foreign key checked in {check_seconds:.1f} s.")
    return Summary(
        scale=shape.scale,
        years=shape.years,
        seed=seed,
        today=today,
        organisations=total,
        rows={
            table.label: loader.counts[table.label]
            for table in loader.tables
            if loader.counts[table.label]
        },
        seconds=0.0,
        copy_seconds=loader.copy_seconds,
        analyze_seconds=0.0,
        check_seconds=check_seconds,
        peak_mb=0.0,
        logins=logins,
    )
