"""The directory of one organisation: mandate periods, parties, bodies, people
with their seats in each term (members and substitutes with their call-in
order, presidia, people leaving mid-term and their successors), officials,
and the accounts with their roles."""

import datetime
import math

from mandat.directory.models import BodyKind

from .bodies import write_bodies
from .context import DAY, BodyRow, Period, Seat, election_day
from .people import new_person, write_accounts, write_officials, write_people
from .shape import ascii_slug, genitive
from .texts import (
    END_REASONS,
    LOCAL_PARTY_FORMS,
    PARTIES,
)

RETURN_SHARE = 0.62  # of a term's members, elected again for the next one
PRESIDIUM = ("ordforande", "vice_ordforande", "andre_vice_ordforande")


def build(ctx) -> None:
    """Write the directory and the accounts of ``ctx``'s organisation."""
    _periods(ctx)
    _parties(ctx)
    write_bodies(ctx)
    _seats(ctx)
    write_officials(ctx)
    write_accounts(ctx)
    write_people(ctx)


def _periods(ctx) -> None:
    t = ctx.t
    year = ctx.today.year
    latest = year - (year - 2) % 4  # elections fall in 2022, 2026, …
    if datetime.date(latest, 10, 15) > ctx.today:
        latest -= 4
    first = latest
    while datetime.date(first, 10, 15) > ctx.start:
        first -= 4
    for index, election in enumerate(range(first, latest + 1, 4)):
        period = Period(
            index=index,
            id=ctx.new_id(t.period),
            election=election,
            name=f"{election}–{election + 4}",
            starts_on=datetime.date(election, 10, 15),
            ends_on=datetime.date(election + 4, 10, 14),
        )
        ctx.periods.append(period)
        ctx.add(
            t.period,
            (
                period.id,
                ctx.org_id,
                period.name,
                election_day(election),
                period.starts_on,
                period.ends_on,
            ),
        )


def _parties(ctx) -> None:
    rng, t, place = ctx.rng, ctx.t, ctx.spec.place
    shares = [
        (name, abbr, share * rng.uniform(0.6, 1.4), False)
        for name, abbr, share in PARTIES
    ]
    if rng.random() < 0.5:
        if ctx.spec.kind == "region":
            name, abbr = "Sjukvårdspartiet", "SJVP"
        else:
            name = rng.choice(LOCAL_PARTY_FORMS).format(
                gen=genitive(place), place=place
            )
            abbr = ascii_slug(place)[:3].upper() + "P"
        shares.append((name, abbr, rng.uniform(0.02, 0.09), True))
    total = sum(share for _n, _a, share, _l in shares)
    for name, abbr, share, local in shares:
        party_id = ctx.new_id(t.party)
        ctx.parties.append((party_id, abbr, share / total))
        ctx.add(t.party, (party_id, ctx.org_id, name, abbr, local, True))


def _apportion(seats: int, shares: list[float]) -> list[int]:
    """Share ``seats`` by largest remainder."""
    quotas = [share * seats for share in shares]
    result = [int(q) for q in quotas]
    order = sorted(
        range(len(shares)), key=lambda i: quotas[i] - result[i], reverse=True
    )
    for i in order[: seats - sum(result)]:
        result[i] += 1
    return result


def _term(body: BodyRow, period: Period) -> tuple[datetime.date, datetime.date]:
    year = period.election
    if body.kind in (BodyKind.COUNCIL, BodyKind.DRAFTING):
        return period.starts_on, period.ends_on
    if body.kind in (BodyKind.COMPANY, BodyKind.FOUNDATION):
        return datetime.date(year + 1, 5, 1), datetime.date(year + 5, 4, 30)
    return datetime.date(year + 1, 1, 1), datetime.date(year + 4, 12, 31)


def _seats(ctx) -> None:
    rng = ctx.rng
    ctx.email_locals = {}
    shares = [share for _id, _abbr, share in ctx.parties]
    leave_rate = rng.uniform(0.11, 0.21)
    pools: list[list[int]] = [[] for _ in ctx.parties]
    elected_bodies = [b for b in ctx.bodies]
    for period in ctx.periods:
        period_shares = [s * rng.uniform(0.85, 1.15) for s in shares]
        total = sum(period_shares)
        period_shares = [s / total for s in period_shares]
        ruling = rng.random() < 0.55
        big = sorted(range(len(ctx.parties)), key=lambda i: -period_shares[i])
        s_index = next(i for i, p in enumerate(ctx.parties) if p[1] == "S")
        m_index = next(i for i, p in enumerate(ctx.parties) if p[1] == "M")
        third = next(i for i in big if i not in (s_index, m_index))
        presidium = (s_index, m_index, third) if ruling else (m_index, s_index, third)
        plans = []
        party_seats = [0] * len(ctx.parties)
        party_max = [0] * len(ctx.parties)
        for body in elected_bodies:
            if body.kind == BodyKind.STEERING_GROUP:
                members = [1] * len(ctx.parties)
            else:
                members = _apportion(body.members, period_shares)
            subs = _apportion(body.substitutes, period_shares)
            plans.append((body, members, subs))
            for i in range(len(ctx.parties)):
                party_seats[i] += members[i] + subs[i]
                party_max[i] = max(party_max[i], members[i] + subs[i])
        ratio = max(1.05, sum(party_seats) / max(1, ctx.spec.officials))
        for i, pool in enumerate(pools):
            kept = [p for p in pool if rng.random() < RETURN_SHARE]
            wanted = max(party_max[i], math.ceil(party_seats[i] / ratio))
            while len(kept) < wanted:
                kept.append(new_person(ctx, party=i).id)
            rng.shuffle(kept)
            pools[i] = kept
        cursor = [0] * len(ctx.parties)
        held: dict[int, list[Seat]] = {}
        for body, members, subs in plans:
            start, end = _term(body, period)
            in_body: set[int] = set()
            roles = (
                list(PRESIDIUM) if body.members >= 5 or body.kind == "styrgrupp" else []
            )
            for role_kind, counts in (("member", members), ("substitute", subs)):
                for i, count in enumerate(counts):
                    for order in range(1, count + 1):
                        person = _next_in(pools[i], cursor, i, in_body)
                        role = "ersattare" if role_kind == "substitute" else "ledamot"
                        if role == "ledamot" and roles and i in presidium:
                            wanted_role = PRESIDIUM[presidium.index(i)]
                            if wanted_role in roles:
                                role = wanted_role
                                roles.remove(wanted_role)
                        seat = Seat(
                            person,
                            body.index,
                            role,
                            i,
                            start,
                            end,
                            order if role == "ersattare" else None,
                            period.index,
                        )
                        held.setdefault(person, []).append(seat)
        _leavers(ctx, period, held, leave_rate, pools)
        for seats in held.values():
            ctx.seats.extend(seats)


def _next_in(pool: list[int], cursor: list[int], i: int, in_body: set[int]) -> int:
    for _ in range(len(pool)):
        person = pool[cursor[i] % len(pool)]
        cursor[i] += 1
        if person not in in_body:
            in_body.add(person)
            return person
    raise AssertionError("pool smaller than the party's seats in one body")


def _leavers(ctx, period, held, leave_rate, pools) -> None:
    """Let some leave during the term, a successor taking their seats; now
    and then someone leaves their party and sits on as an independent."""
    rng = ctx.rng
    current = period is ctx.periods[-1]
    for person, seats in list(held.items()):
        first = min(s.start for s in seats)
        last = max(s.end for s in seats)
        if rng.random() < 0.01:
            day = first + DAY * rng.randint(30, (last - first).days - 30)
            if day <= ctx.today:
                for seat in seats:
                    if seat.start <= day <= seat.end:
                        seat.left_party = day
        if rng.random() >= leave_rate:
            continue
        day = first + DAY * rng.randint(90, max(91, (last - first).days - 30))
        if day > ctx.today:
            continue
        reason = rng.choice(END_REASONS)
        party = seats[0].party
        successor = new_person(ctx, party=party)
        pool = pools[party]
        pool[pool.index(person)] = successor.id
        taken = []
        for seat in seats:
            if seat.start > day:
                seat.person = successor.id
                taken.append(seat)
                continue
            if seat.end < day + DAY:
                continue
            follow = Seat(
                successor.id,
                seat.body,
                seat.role,
                seat.party,
                day + DAY,
                seat.end,
                seat.order,
                seat.period,
            )
            seat.end, seat.end_reason = day, reason
            taken.append(follow)
        held[person] = [s for s in seats if s.person == person]
        held[successor.id] = taken
    if current:
        for seats in held.values():
            for seat in seats:
                if (
                    seat.end
                    and seat.end > ctx.today
                    and not seat.end_reason
                    and seat.start >= ctx.periods[-1].starts_on
                ):
                    seat.end = None
