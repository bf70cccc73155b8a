"""The bodies of one organisation, sized by how many elected officials it
has: the council, the executive board and its subcommittees, committees
(district committees in a large city), companies, foundations, drafting
committees, the smaller bodies of a larger organisation, and the steering
group for the training of elected officials."""

import datetime

from mandat.directory.models import KIND_DEFAULTS, BodyKind, ReportingCategory

from .context import BodyRow
from .shape import genitive
from .texts import (
    COMPANIES,
    DISTRICTS,
    FOUNDATIONS,
    MUNICIPAL_COMMITTEES,
    REGION_COMMITTEES,
    REGION_COMPANIES,
    SMALL_COMMITTEES,
)

# A body to make: name, short name, kind, members, substitutes, the short name
# of the body it belongs to, and its reporting category when not its kind's.
BodyPlan = tuple[str, str, str, int, int, str | None, str | None]


def _body_plan(ctx) -> list[BodyPlan]:
    """Return the bodies to make: (name, short, kind, members, substitutes,
    parent's short name, category)."""
    size, region = ctx.spec.officials, ctx.spec.kind == "region"
    place = ctx.spec.place

    def odd(n: int) -> int:
        return n if n % 2 else n + 1

    if region:
        council = 71 if size < 150 else 81 if size < 250 else 101
    elif size < 45:
        council = max(11, odd(round(size * 0.55)))
    else:
        council = next(
            s
            for limit, s in (
                (70, 31),
                (130, 41),
                (220, 51),
                (420, 61),
                (700, 75),
                (10**9, 101),
            )
            if size < limit
        )
    board = 5 if size < 45 else 11 if size < 150 else 13 if size < 500 else 15
    member = (
        5
        if size < 60
        else 7
        if size < 150
        else 9
        if size < 400
        else 11
        if (size < 800)
        else 13
    )
    prefix = "Region" if region else "Kommun"
    plan: list[BodyPlan] = [
        (
            f"{prefix}fullmäktige",
            "KF",
            BodyKind.COUNCIL,
            council,
            council // 2,
            None,
            None,
        ),
        (f"{prefix}styrelsen", "KS", BodyKind.EXECUTIVE, board, board, None, None),
        (
            f"{prefix}styrelsens arbetsutskott",
            "KSAU",
            BodyKind.SUBCOMMITTEE,
            min(5, board),
            0,
            "KS",
            None,
        ),
    ]
    committees = REGION_COMMITTEES if region else MUNICIPAL_COMMITTEES
    count = 2 if size < 45 else min(len(committees), 4 + round(size / 90))
    for name, short in committees[:count]:
        seats = 5 if short in SMALL_COMMITTEES else member
        plan.append((name, short, BodyKind.COMMITTEE, seats, seats, None, None))
    if any(short == "SN" for _n, short in committees[:count]):
        plan.append(
            (
                "Socialnämndens individutskott",
                "SNIU",
                BodyKind.SUBCOMMITTEE,
                3,
                2,
                "SN",
                None,
            )
        )
    if size >= 400:
        plan.append(
            (
                "Kommunstyrelsens personalutskott",
                "KSPU",
                BodyKind.SUBCOMMITTEE,
                5,
                0,
                "KS",
                None,
            )
        )
    if not region and size >= 700:
        for area in DISTRICTS[: round(size / 80)]:
            plan.append(
                (
                    f"Stadsdelsnämnden {area}",
                    f"SDN {area}",
                    BodyKind.COMMITTEE,
                    11,
                    11,
                    None,
                    ReportingCategory.DISTRICT_COMMITTEE,
                )
            )
    companies = REGION_COMPANIES if region else COMPANIES
    company_seats = 3 if size < 45 else 5 if size < 150 else 7
    for form in companies[: max(1, min(len(companies), round(size / 70)))]:
        name = form if region else f"{genitive(place)} {form}"
        short = "".join(w[0] for w in name.split()).upper()[:8] + str(len(plan))
        plan.append(
            (
                name,
                short,
                BodyKind.COMPANY,
                company_seats,
                max(1, company_seats // 2),
                None,
                None,
            )
        )
    for form in FOUNDATIONS[: round(size / 300)]:
        plan.append(
            (
                f"Stiftelsen {genitive(place)} {form}",
                f"ST{len(plan)}",
                BodyKind.FOUNDATION,
                5,
                2,
                None,
                None,
            )
        )
    if size >= 150:
        plan.append(
            ("Fullmäktiges valberedning", "VB", BodyKind.DRAFTING, 7, 7, None, None)
        )
    if size >= 300:
        plan.append(("Demokratiberedningen", "DB", BodyKind.DRAFTING, 9, 0, None, None))
    _fill(plan, size, prefix)
    plan.append(
        (
            f"{prefix}styrelsens styrgrupp för politikerutbildning",
            "STYR",
            BodyKind.STEERING_GROUP,
            len(ctx.parties),
            0,
            None,
            None,
        )
    )
    return plan


def _fill(plan: list[BodyPlan], size: int, prefix: str) -> None:
    """Add the smaller bodies a larger organisation has (auditors, councils,
    working committees) until people hold about 1.2 seats each, as they do."""
    fillers: list[BodyPlan] = [
        ("Revisionen", "REV", BodyKind.OTHER, 7, 0, None, None),
        ("Krisledningsnämnden", "KLN", BodyKind.COMMITTEE, 7, 7, None, None),
        (f"{prefix}ala pensionärsrådet", "KPR", BodyKind.OTHER, 7, 0, None, None),
        ("Funktionsrättsrådet", "FRR", BodyKind.OTHER, 7, 0, None, None),
    ]
    for name, short, kind, *_rest in list(plan):
        if kind == BodyKind.COMMITTEE and not short.startswith(("VN", "ÖFN", "PN")):
            fillers.append(
                (
                    f"{name.removesuffix('en')}s arbetsutskott",
                    f"{short} AU",
                    BodyKind.SUBCOMMITTEE,
                    5,
                    0,
                    short,
                    None,
                )
            )
    for filler in fillers:
        if sum(row[3] + row[4] for row in plan) >= 1.2 * size:
            break
        plan.append(filler)


def write_bodies(ctx) -> None:
    """Write the bodies of ``ctx``'s organisation."""
    t = ctx.t
    founded = datetime.date(1971, 1, 1)
    for name, short, kind, members, subs, parent, category in _body_plan(ctx):
        default_category, statutory, term_rule = KIND_DEFAULTS[BodyKind(kind)]
        parent_row = ctx.body_named(parent) if parent else None
        body = BodyRow(
            index=len(ctx.bodies),
            id=ctx.new_id(t.body),
            name=name,
            short=short,
            kind=str(kind),
            # A subcommittee is reported with the body it belongs to.
            category=str(
                category or (parent_row.category if parent_row else default_category)
            ),
            parent=parent_row.index if parent_row else None,
            statutory=statutory if kind != BodyKind.STEERING_GROUP else False,
            term_rule=str(term_rule),
            members=members,
            substitutes=subs,
            committee_key=short,
        )
        ctx.bodies.append(body)
        ctx.add(
            t.body,
            (
                body.id,
                ctx.org_id,
                name,
                short[:30],
                body.kind,
                body.category,
                parent_row.id if parent_row else None,
                body.statutory,
                body.term_rule,
                members,
                founded,
                None,
                "",
            ),
        )
