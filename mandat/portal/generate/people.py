"""People of one organisation besides the elected officials' seats: the
officials of each committee (the chief and the secretary, who holds a
secretary's assignment), the office's own, external speakers; the accounts
with their roles; and the person and assignment rows of everyone."""

import datetime

from mandat.core.access import Role
from mandat.directory.demo import LAST_NAMES, MEN, WOMEN
from mandat.directory.models import BodyKind

from .context import PersonRow, Seat, at
from .shape import ascii_slug
from .texts import EXTERNAL_SPEAKERS, OFFICIAL_TITLES


def new_person(ctx, *, kind="elected", party=None, title="", home="") -> PersonRow:
    """Make a person, written later, with an e-mail address of their own."""
    rng = ctx.rng
    woman = rng.random() < 0.48
    first = rng.choice(WOMEN if woman else MEN)
    last = rng.choice(LAST_NAMES)
    person = PersonRow(
        id=ctx.new_id(ctx.t.person),
        first=first,
        last=last,
        email="",
        gender="" if rng.random() < 0.04 else ("woman" if woman else "man"),
        kind=kind,
        title=title,
        party=party,
        protected=kind == "elected" and rng.random() < 0.003,
        home=home,
    )
    local = f"{ascii_slug(first)}.{ascii_slug(last)}"
    number = ctx.email_locals.get(local, 0) + 1
    ctx.email_locals[local] = number
    person.email = f"{local}{number if number > 1 else ''}@{ctx.domain}"
    ctx.people[person.id] = person
    return person


def write_officials(ctx) -> None:
    """Make the officials and the external speakers."""
    rng = ctx.rng
    first = ctx.periods[0]
    since = datetime.date(first.election + 1, 1, 1)
    region = ctx.spec.kind == "region"
    for body in ctx.bodies:
        if body.kind in (BodyKind.COMMITTEE, BodyKind.EXECUTIVE):
            title = "Förvaltningschef"
            if body.kind == BodyKind.EXECUTIVE:
                title = "Regiondirektör" if region else "Kommundirektör"
            chief = new_person(ctx, kind="official", title=title)
            ctx.officials.setdefault(title, []).append(chief.id)
            secretary = new_person(ctx, kind="official", title="Nämndsekreterare")
            ctx.officials.setdefault("Nämndsekreterare", []).append(secretary.id)
            ctx.secretaries[body.index] = secretary.id
            ctx.seats.append(
                Seat(
                    secretary.id,
                    body.index,
                    "sekreterare",
                    None,
                    since,
                    None,
                    None,
                    first.index,
                )
            )
        elif body.kind == BodyKind.COMPANY:
            ctx.officials.setdefault("VD", []).append(
                new_person(ctx, kind="official", title="VD").id
            )
    for title in OFFICIAL_TITLES:
        ctx.officials.setdefault(title, []).append(
            new_person(ctx, kind="official", title=title).id
        )
    ctx.coordinator = ctx.officials["Utbildningssamordnare"][0]
    for title, _role in rng.sample(
        EXTERNAL_SPEAKERS, min(len(EXTERNAL_SPEAKERS), 3 + ctx.spec.officials // 150)
    ):
        ctx.externals.append(new_person(ctx, kind="external", title=title).id)


def active_seats(ctx, day: datetime.date):
    return [s for s in ctx.seats if s.start <= day and (s.end is None or s.end >= day)]


def write_accounts(ctx) -> None:
    """Write a user for every role, like the demo's, and accounts for a tenth of
    the elected officials (who sign in by link or password)."""
    rng, t = ctx.rng, ctx.t
    people = ctx.people
    today_seats = active_seats(ctx, ctx.today)
    council = next(b for b in ctx.bodies if b.short == "KF")
    steering = next(b for b in ctx.bodies if b.short == "STYR")

    def holder(body):
        return next(
            (
                s.person
                for s in today_seats
                if s.body == body.index
                and s.role == "ledamot"
                and not people[s.person].protected
            ),
            None,
        )

    secretaries = [b for b in ctx.bodies if b.index in ctx.secretaries][:3]
    logins = [
        ("admin", Role.ADMINISTRATOR, None, None),
        ("samordnare", Role.COORDINATOR, None, ctx.coordinator),
        *[
            (
                f"sekreterare.{ascii_slug(b.short)}",
                Role.COMMITTEE_SECRETARY,
                b,
                ctx.secretaries[b.index],
            )
            for b in secretaries
        ],
        ("styrgrupp", Role.STEERING_MEMBER, None, holder(steering)),
        ("fortroendevald", Role.ELECTED, None, holder(council)),
        ("kursledare", Role.COURSE_LEADER, None, None),
        (
            "tjansteperson",
            Role.OFFICIAL,
            None,
            ctx.officials["Förvaltningschef"][0]
            if ctx.officials.get("Förvaltningschef")
            else None,
        ),
    ]
    joined = at(ctx.start, 8)
    for local, role, body, person in logins:
        name = people[person].name if person else f"{local.title()} {ctx.spec.place}"
        user = _user(ctx, f"{local}@{ctx.domain}", name, joined, last_login=ctx.now)
        ctx.users[local] = user
        _membership(ctx, user, role, body, joined)
        if person:
            people[person].account_id = user
            if people[person].kind == "elected" and role != Role.ELECTED:
                _membership(ctx, user, Role.ELECTED, None, joined)
    elected_now = sorted({s.person for s in today_seats if s.role != "sekreterare"})
    for person_id in elected_now:
        person = people[person_id]
        if person.account_id or rng.random() >= 0.1:
            continue
        user = _user(ctx, person.email, person.name, joined, last_login=None)
        person.account_id = user
        _membership(ctx, user, Role.ELECTED, None, joined)
    del t


def _user(ctx, email, name, joined, *, last_login) -> int:
    user = ctx.new_id(ctx.t.user)
    ctx.add(
        ctx.t.user,
        (
            user,
            ctx.password,
            last_login,
            False,
            email.lower(),
            name,
            "sv",
            False,
            True,
            joined,
        ),
    )
    return user


def _membership(ctx, user, role, body, joined) -> None:
    ctx.add(
        ctx.t.membership,
        (
            ctx.new_id(ctx.t.membership),
            user,
            ctx.org_id,
            str(role),
            body.id if body else None,
            joined,
        ),
    )


def add_person(ctx, person: PersonRow, *, register_id: str, created) -> None:
    """Write the row of ``person``, with a mobile number of their own."""
    rng = ctx.rng
    phone = f"070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    ctx.add(
        ctx.t.person,
        (
            person.id,
            ctx.org_id,
            person.first,
            person.last,
            person.email,
            phone,
            person.kind,
            person.gender,
            person.title,
            person.home,
            register_id,
            person.protected,
            person.account_id,
            created,
            created,
        ),
    )


def write_people(ctx) -> None:
    """Write every person and every assignment."""
    t = ctx.t
    first_seat: dict[int, datetime.date] = {}
    for seat in ctx.seats:
        if seat.person not in first_seat or seat.start < first_seat[seat.person]:
            first_seat[seat.person] = seat.start
    for number, person in enumerate(ctx.people.values(), start=1001):
        begun = min(first_seat.get(person.id, ctx.start), ctx.today)
        person.created = begun
        add_person(
            ctx,
            person,
            register_id=str(number),
            created=at(begun - datetime.timedelta(days=14), 10),
        )
    periods = {p.index: p.id for p in ctx.periods}
    bodies = ctx.bodies
    parties = ctx.parties
    for seat in ctx.seats:
        created = at(min(seat.start, ctx.today) - datetime.timedelta(days=20), 10)
        updated = at(min(seat.end, ctx.today), 10) if seat.end else created
        ctx.add(
            t.assignment,
            (
                ctx.new_id(t.assignment),
                ctx.org_id,
                seat.person,
                bodies[seat.body].id,
                seat.role,
                parties[seat.party][0] if seat.party is not None else None,
                seat.left_party,
                seat.order,
                periods[seat.period],
                seat.start,
                seat.end,
                seat.end_reason,
                created,
                max(created, updated),
            ),
        )
