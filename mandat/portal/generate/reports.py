"""Costs of each training as a municipality books them (as in the demo), the
yearly budgets (for the whole organisation, the council and the executive
board) and the coordinator's words of each year's annual report."""

import datetime

from .context import at
from .texts import CATERERS, SUPPLIERS

NARRATIVE = {
    "introduction": "Styrgruppen för politikerutbildning redovisar här {year} års "
    "arbete till kommunstyrelsen: genomförda utbildningar, deltagande, "
    "utvärderingar och ekonomi.",
    "trainings": "Utbildningarna har genomförts enligt utbildningsplanen med några "
    "undantag. Inställda och flyttade utbildningar redovisas med skäl.",
    "evaluations": "Deltagarna är överlag nöjda. Flera efterfrågar mer tid för frågor "
    "och materialet i förväg, vilket tas med i planeringen.",
    "economy": "Kostnaderna består främst av föreläsare, lokaler och förtäring. "
    "Filmade utbildningar gör att fler kan ta del i efterhand.",
    "outlook": "Nästa år fortsätter arbetet enligt utbildningsplanen.",
}


def build(ctx) -> None:
    """Write cost lines, budgets and annual-report texts."""
    rng, t = ctx.rng, ctx.t
    coordinator = ctx.users["samordnare"]
    for record in ctx.trainings:
        if record.status in ("cancelled", "draft"):
            continue
        first = record.occasions[0]
        day = first.starts_at.date()
        on_site = sum(1 for o in record.occasions if o.row[4] != "digital")
        costs = []
        if record.kind != "committee" or rng.random() < 0.5:
            costs.append(
                (
                    "speaker",
                    rng.choice((8_000, 12_000, 18_500, 25_000, 32_000)),
                    "Föreläsare",
                    rng.choice(SUPPLIERS),
                )
            )
        if on_site:
            costs.append(
                (
                    "venue",
                    rng.choice((0, 4_500, 8_000)) * on_site,
                    "Lokalhyra",
                    rng.choice(SUPPLIERS),
                )
            )
            costs.append(
                (
                    "catering",
                    145 * max(record.registered, 10),
                    "Fika och lunch",
                    rng.choice(CATERERS),
                )
            )
        if record.filmed:
            costs.append(("filming", 15_000, "Filmning och textning", SUPPLIERS[3]))
        if record.kind == "workshop" or rng.random() < 0.05:
            costs.append(("moderator", 9_000, "Extern moderator", SUPPLIERS[4]))
        for category, amount, what, supplier in costs:
            if not amount:
                continue
            ctx.add(
                t.cost,
                (
                    ctx.new_id(t.cost),
                    ctx.org_id,
                    record.id,
                    first.id,
                    category,
                    supplier,
                    what,
                    amount,
                    day,
                    coordinator,
                    at(day, 15),
                ),
            )
    scale = max(1, ctx.spec.officials) / 600
    board, council = ctx.body_named("KS"), ctx.body_named("KF")
    for year in range(ctx.start.year, ctx.today.year + 2):
        whole = int(round(rng.uniform(150_000, 260_000) * scale, -4)) or 10_000
        ctx.add(
            t.budget,
            (
                ctx.new_id(t.budget),
                ctx.org_id,
                year,
                None,
                whole,
                "Kommunstyrelsens anslag för politikerutbildning",
            ),
        )
        if ctx.spec.officials >= 200:
            for body, share in ((council, 0.3), (board, 0.2)):
                ctx.add(
                    t.budget,
                    (
                        ctx.new_id(t.budget),
                        ctx.org_id,
                        year,
                        body.id,
                        int(round(whole * share, -3)),
                        f"Extra medel till {body.short}",
                    ),
                )
        if year < ctx.today.year:
            texts = {k: v.format(year=year) for k, v in NARRATIVE.items()}
            written = at(datetime.date(year + 1, 2, 10), 14)
            ctx.add(
                t.narrative,
                (
                    ctx.new_id(t.narrative),
                    ctx.org_id,
                    year,
                    texts["introduction"],
                    texts["trainings"],
                    texts["evaluations"],
                    texts["economy"],
                    texts["outlook"],
                    min(written, ctx.now),
                ),
            )
