"""The training plan of each mandate period, modelled on the reference
programme, and the schedule of trainings it and the committees give rise to:
what is held when, for whom, in how many occasions."""

import datetime
import math
from dataclasses import dataclass, field

from mandat.trainings.demo import NEW_PLAN, PLAN_INTRODUCTION, PlanRow

from .context import BodyRow, Period, at
from .texts import (
    COMMITTEE_TOPICS,
    COMPANY_TOPICS,
    EXTRA_PLAN,
    GENERIC_COMMITTEE_TOPICS,
    THEMATIC,
)

SEASON_MONTH = {"early_spring": 2, "spring": 4, "summer": 6, "autumn": 10, "winter": 12}
# What the items of the demo's plan (NEW_PLAN, from the reference programme) are.
NEW_PLAN_KINDS = [
    "basic",
    "committees",
    "presidium",
    "all",
    "all",
    "all",
    "all",
    "workshop",
]
# kind: (lead days, deadline days before, chance an invitee registers)
KINDS = {
    "basic": (75, 21, 0.5),
    "all": (45, 10, 0.25),
    "lunch": (21, 2, 0.2),
    "workshop": (45, 10, 0.3),
    "presidium": (40, 7, 0.5),
    "committee": (28, 7, 0.7),
    "council": (10, 3, 0.75),
    "newcomers": (30, 5, 0.45),
    "company": (30, 7, 0.55),
    "substitutes": (40, 7, 0.35),
}


@dataclass
class ItemRow:
    id: int
    period: Period
    year: int
    month: int | None
    season: str
    title: str
    responsible: str
    target: str
    topics: str
    funding: str
    filmed: bool
    basic: bool
    kind: str
    position: int
    trainings: list = field(default_factory=list)  # statuses of its trainings

    @property
    def calendar_year(self) -> int:
        return self.period.starts_on.year + self.year


@dataclass
class Planned:
    """A training to generate."""

    title: str
    description: str
    kind: str
    day: datetime.date
    item: ItemRow | None = None
    body: BodyRow | None = None  # the responsible body, or the one a committee trains
    filmed: bool = False


def build_plans(ctx) -> None:
    """Write a plan per mandate period with its items."""
    rng, t = ctx.rng, ctx.t
    size = ctx.spec.officials
    extras = EXTRA_PLAN[: 6 if size >= 600 else 3 if size >= 200 else 1]
    for period in ctx.periods:
        period.plan_id = ctx.new_id(t.plan)
        adopted: datetime.date | None = datetime.date(
            period.election + 1, 2, rng.randint(3, 24)
        )
        if adopted > ctx.today:
            adopted = None
        created = at(datetime.date(period.election, 11, 20), 10)
        ctx.add(
            t.plan,
            (
                period.plan_id,
                ctx.org_id,
                period.id,
                f"Utbildningsplan för förtroendevalda {period.name}",
                PLAN_INTRODUCTION,
                f"KS {adopted:%Y-%m-%d} § {rng.randint(20, 90)}" if adopted else "",
                adopted,
                created,
                created,
            ),
        )
        rows = list(zip(NEW_PLAN, NEW_PLAN_KINDS, strict=True))
        for year, season, title, kind, filmed in extras:
            row = PlanRow(
                year, None, season, title, "ks", "Alla förtroendevalda", "", "", filmed
            )
            rows.append((row, kind))
        for position, (row, kind) in enumerate(rows):
            period.items.append(
                ItemRow(
                    ctx.new_id(t.plan_item),
                    period,
                    row.year,
                    row.month,
                    str(row.season),
                    row.title,
                    str(row.responsible),
                    row.group,
                    row.topics,
                    row.funding,
                    row.filmed,
                    row.is_basic,
                    kind,
                    position,
                )
            )


def write_items(ctx) -> None:
    """Write the items once their trainings are known, with their status."""
    rng, t = ctx.rng, ctx.t
    for period in ctx.periods:
        for item in period.items:
            status, note = "planned", ""
            year_over = datetime.date(item.calendar_year, 12, 31) < ctx.today
            if item.trainings:
                if "held" in item.trainings:
                    status = "done"
                elif all(s == "cancelled" for s in item.trainings):
                    status, note = "cancelled", "Inställd: för få anmälda"
            elif year_over:
                status = "done"
                if rng.random() < 0.06:
                    status = "moved"
                    note = f"Flyttad till år {min(4, item.year + 1)}"
            ctx.add(
                t.plan_item,
                (
                    item.id,
                    period.plan_id,
                    item.year,
                    item.month,
                    "" if item.month else item.season,
                    item.title,
                    item.responsible,
                    item.target,
                    item.topics,
                    "",
                    item.funding,
                    item.filmed,
                    item.basic,
                    True,
                    status,
                    note,
                    item.position,
                ),
            )


def _day_in(ctx, year: int, month: int) -> datetime.date:
    """Return a Tuesday, Wednesday or Thursday in ``month``."""
    day = datetime.date(year, month, ctx.rng.randint(3, 24))
    while day.weekday() not in (1, 2, 3):
        day += datetime.timedelta(days=1)
    return day


def schedule(ctx) -> list[Planned]:
    """Return every training of the organisation in the window, by first day."""
    rng = ctx.rng
    size = min(1.0, ctx.spec.officials / 1000)
    planned: list[Planned] = []
    first_year, last_year = ctx.start.year, ctx.horizon.year
    for period in ctx.periods:
        for item in period.items:
            if item.kind == "committees":
                continue
            month = item.month or SEASON_MONTH.get(item.season) or rng.randint(3, 11)
            year = item.calendar_year
            if not first_year <= year <= last_year:
                continue
            planned.append(
                Planned(
                    item.title,
                    item.topics or "",
                    item.kind,
                    _day_in(ctx, year, month),
                    item=item,
                    filmed=item.filmed,
                )
            )
    committees = [b for b in ctx.bodies if b.kind == "namnd"]
    rate = 0.8 + 1.4 * size
    for year in range(first_year, last_year + 1):
        period = ctx.period_on(datetime.date(year, 3, 1))
        year_one = period is not None and year == period.election + 1
        committee_item = (
            next((i for i in period.items if i.kind == "committees"), None)
            if year_one
            else None
        )
        for body in committees:
            topics = (
                COMMITTEE_TOPICS.get(body.committee_key, []) + GENERIC_COMMITTEE_TOPICS
            )
            for _ in range(_poisson(rng, rate)):
                month = rng.choice(
                    [1, 2, 3, 3, 4, 5, 5, 6, 8, 9, 9, 10, 10, 11, 11, 12]
                )
                title = rng.choice(topics).format(body=body.name)
                if body.name not in title:
                    title = f"{title} – {body.name}"
                planned.append(
                    Planned(
                        title,
                        f"För ledamöter och ersättare i {body.name}.",
                        "committee",
                        _day_in(ctx, year, month),
                        body=body,
                        item=committee_item if month <= 5 else None,
                    )
                )
        for number in range(1 + round(4 * size)):
            title, description, filmed = THEMATIC[(year + number) % (len(THEMATIC) - 1)]
            planned.append(
                Planned(
                    title,
                    description,
                    "all",
                    _day_in(ctx, year, rng.choice([2, 3, 4, 5, 9, 10, 11])),
                    filmed=filmed,
                )
            )
        for _ in range(round(2 * size)):
            title, description, _filmed = THEMATIC[-1]
            planned.append(
                Planned(
                    title, description, "lunch", _day_in(ctx, year, rng.randint(1, 12))
                )
            )
        if year % 4 == 2:
            planned.append(
                Planned(
                    "Introduktion för nya ledamöter i fullmäktige",
                    "Om fullmäktiges arbete, ärendegången och de digitala verktygen.",
                    "council",
                    datetime.date(year, 10, 28)
                    + datetime.timedelta(days=rng.randint(0, 10)),
                )
            )
        if year_one and ctx.spec.officials >= 60:
            planned.append(
                Planned(
                    rng.choice(COMPANY_TOPICS),
                    "För styrelseledamöter och ersättare i bolagen.",
                    "company",
                    _day_in(ctx, year, 6),
                )
            )
        for month in (4, 10)[: 1 + (ctx.spec.officials >= 300)]:
            planned.append(
                Planned(
                    "Grundutbildning i efterhand för nya förtroendevalda",
                    "För dig som kommit in under mandatperioden: kommunallagen, roller "
                    "och arvoden, digitalt.",
                    "newcomers",
                    _day_in(ctx, year, month),
                )
            )
    start, horizon = ctx.start, ctx.horizon
    planned = [p for p in planned if start <= p.day <= horizon]
    planned.sort(key=lambda p: (p.day, p.title))
    return planned


def _poisson(rng, mean: float) -> int:
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k
