"""The steering group's meetings in the shape of the reference minutes:
notice, attendance and the quorum rule, the standard agenda with items,
action items followed up at the next meeting, finalised minutes approved at
the next meeting (or by e-mail when it was not quorate), assignments from
the executive board and approval of the plan by e-mail link. Networks use
the same series (see ``networks.py``)."""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from psycopg.types.json import Jsonb

from .commissions import commissions_write, plan_approvals_write
from .context import DAY, at, weekday_on_or_after
from .minutes import follow_up_settle, minutes_frozen, minutes_settle
from .texts import ACTIONS, MEETING_TOPICS

PRESIDIUM = ("ordforande", "vice_ordforande", "andre_vice_ordforande")


@dataclass
class MeetingRecord:
    id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str
    location: str
    url: str
    host: str = ""
    quorate: bool | None = None
    members: list = field(default_factory=list)  # (person, role, party, home, status)
    items: list = field(default_factory=list)  # (id, title, notes, decision)
    actions: list = field(
        default_factory=list
    )  # [id, what, owner, label, due, status, closed]
    minutes: str = "draft"
    finalised: datetime.datetime | None = None
    approved: datetime.datetime | None = None
    approved_at: int | None = None
    chair: int | None = None
    notice: datetime.datetime | None = None
    cancel_reason: str = ""
    following: object = None
    notified: list = field(default_factory=list)  # who got the notice


@dataclass
class Series:
    """What differs between a steering group and a network."""

    group_id: int
    # day -> [(person, role, party_id, home)]
    members_on: Callable[[datetime.date], Sequence[tuple[int, str, int | None, str]]]
    participants: list  # (person, affiliation)
    secretary: int | None
    location: str
    url: str
    quorum: str  # "chair_and_majority" or "none"
    topics: list  # (title, notes, decision)
    hosts: dict = field(default_factory=dict)  # year -> host
    remote_label: str = "Teams"
    office: str = "Stadsledningskontoret"  # owns action items no one person has


def build(ctx) -> None:
    """Write the steering group, its meetings and assignments from KS."""
    t = ctx.t
    body = ctx.body_named("STYR")
    region = ctx.spec.kind == "region"
    office = (
        "regionledningskontoret"
        if region
        else (
            "stadsledningskontoret"
            if ctx.spec.officials >= 300
            else "kommunledningsförvaltningen"
        )
    )
    location = "Lokal Vargö, stadshuset" if not region else "Regionens hus"
    url = f"https://teams.example/{ctx.spec.slug}/styrgruppen"
    group_id = ctx.new_id(t.group)
    ctx.group_id, ctx.group_name = group_id, body.name
    ctx.add(
        t.group,
        (
            group_id,
            ctx.org_id,
            body.id,
            7,
            "chair_and_majority",
            location,
            url,
            "Teams",
            "regionstyrelsen" if region else "kommunstyrelsen",
            "notes",
        ),
    )
    since = datetime.date(ctx.periods[0].election + 1, 1, 1)
    participants = [(ctx.coordinator, office)]
    for title in ("Kanslichef", "Kommunikatör"):
        participants.append((ctx.officials[title][0], office))
    for number, (person, affiliation) in enumerate(participants):
        ctx.add(
            t.participant,
            (
                ctx.new_id(t.participant),
                group_id,
                person,
                affiliation,
                number == 0,
                since,
                None,
            ),
        )
    parties = {index: party_id for index, (party_id, _a, _s) in enumerate(ctx.parties)}

    def members_on(day):
        return [
            (s.person, s.role, parties[s.party], "")
            for s in ctx.seats
            if s.body == body.index
            and s.start <= day
            and (s.end is None or s.end >= day)
        ]

    series = Series(
        group_id,
        members_on,
        participants,
        ctx.coordinator,
        location,
        url,
        "chair_and_majority",
        MEETING_TOPICS,
        office=office[:1].upper() + office[1:],
    )
    months = (2, 4, 6, 9, 11) if ctx.spec.officials >= 100 else (2, 5, 9, 11)
    meetings = write_series(ctx, series, months, (13, 30), (15, 0))
    commissions_write(ctx, group_id, meetings)
    plan_approvals_write(ctx, group_id, members_on)


def meeting_days(ctx, months) -> list[datetime.date]:
    """Return Fridays in ``months`` of every year, from the start to the next few."""
    rng = ctx.rng
    days = []
    for year in range(ctx.start.year, ctx.today.year + 2):
        for month in months:
            day = weekday_on_or_after(datetime.date(year, month, rng.randint(8, 20)), 4)
            if day >= ctx.start:
                days.append(day)
    future = [d for d in days if d > ctx.today][:3]
    return [d for d in days if d <= ctx.today] + future


def write_series(ctx, series: Series, months, begin, end) -> list[MeetingRecord]:
    """Write the meetings of ``series`` from the start to the next few."""
    rng, t, now = ctx.rng, ctx.t, ctx.now
    meetings = []
    for day in meeting_days(ctx, months):
        record = MeetingRecord(
            ctx.new_id(t.meeting),
            at(day, *begin),
            at(day, *end),
            "planned",
            series.location,
            series.url,
            series.hosts.get(day.year, ""),
        )
        record.notice = at(day - DAY * 7, 9)
        if record.ends_at < now:
            record.status = "held"
            if rng.random() < 0.03:
                record.status = "cancelled"
                record.cancel_reason = "Inställt: för få ledamöter kunde delta"
        elif record.notice <= now:
            record.status = "notice_sent"
        else:
            record.notice = None
        if record.notice is not None:
            record.notified = [m[0] for m in series.members_on(day)] + [
                p for p, _affiliation in series.participants
            ]
        meetings.append(record)
    held = [m for m in meetings if m.status == "held"]
    for record in held:
        _attendance(ctx, series, record)
    minutes_settle(ctx, series, held)
    for record in meetings:
        record.following = next(
            (
                m
                for m in meetings
                if m.starts_at > record.starts_at and m.status != "cancelled"
            ),
            None,
        )
        _agenda(ctx, series, record, _before(held, record), record.following)
    follow_up_settle(ctx, held)
    for record in meetings:
        _write_meeting(ctx, series, record, meetings)
    ctx.meetings.extend(meetings)
    return meetings


def _before(held, record):
    earlier = [m for m in held if m.starts_at < record.starts_at]
    return earlier[-1] if earlier else None


def _attendance(ctx, series, record) -> None:
    rng, t = ctx.rng, ctx.t
    day = record.starts_at.date()
    members = series.members_on(day)
    attending = 0
    chair_here = False
    for person, role, party, home in members:
        status = rng.choices(
            ("present", "remote", "excused", "absent"), (55, 30, 13, 2)
        )[0]
        if status in ("present", "remote"):
            attending += 1
            if role in PRESIDIUM:
                chair_here = True
                if record.chair is None or role == "ordforande":
                    record.chair = person
        record.members.append((person, role, party, home, status))
        ctx.add(
            t.meeting_attendance,
            (
                ctx.new_id(t.meeting_attendance),
                record.id,
                person,
                "member",
                role,
                party,
                home,
                "",
                status,
                None,
            ),
        )
    for person, affiliation in series.participants:
        status = "present" if rng.random() < 0.8 else "remote"
        ctx.add(
            t.meeting_attendance,
            (
                ctx.new_id(t.meeting_attendance),
                record.id,
                person,
                "participant",
                "",
                None,
                "",
                affiliation,
                status,
                None,
            ),
        )
    if series.quorum == "none":
        record.quorate = True
    else:
        record.quorate = chair_here and attending * 2 > len(members)


def _agenda(ctx, series, record, previous, following) -> None:
    rng, t = ctx.rng, ctx.t
    held = record.status == "held"
    quorate = record.quorate is not False
    sv = ctx.sv
    items = [
        (
            "opening",
            "information",
            sv["opening"],
            "<p>Ordförande hälsade välkommen till mötet.</p>"
            if held and quorate
            else "<p>Då ordföranden och vice ordföranden fick förhinder valde "
            "styrgruppen att mötet hanterar punkterna som information och att inga "
            "beslut tas.</p>"
            if held
            else "",
            "",
            None,
            None,
        )
    ]
    if previous is not None:
        decided = (
            held
            and quorate
            and previous.minutes == "approved"
            and (previous.approved_at == record.id)
        )
        items.append(
            (
                "previous_minutes",
                "decision",
                sv["previous_minutes"],
                "",
                ctx.sv["approved"] if decided else "",
                previous.id,
                None,
            )
        )
    items.append(("follow_up", "information", sv["follow_up"], "", "", None, None))
    topics = []
    if held or rng.random() < 0.5:
        topics = rng.sample(series.topics, min(len(series.topics), rng.randint(1, 3)))
    for title, notes, decision in topics:
        kind = "decision" if decision and quorate else "information"
        items.append(
            (
                "",
                kind,
                title,
                notes if held else "",
                decision if kind == "decision" and held else "",
                None,
                None,
            )
        )
    items.append(
        ("other_business", "information", sv["other_business"], "", "", None, None)
    )
    items.append(
        (
            "next_meeting",
            "information",
            sv["next_meeting"],
            "",
            "",
            None,
            following.id if following else None,
        )
    )
    for position, (
        standard,
        kind,
        title,
        notes,
        decision,
        minutes_of,
        nxt,
    ) in enumerate(items, start=1):
        item_id = ctx.new_id(t.item)
        record.items.append((item_id, title, notes, decision, standard))
        ctx.add(
            t.item,
            (
                item_id,
                record.id,
                position * 10,
                standard,
                kind,
                title,
                notes,
                decision,
                ctx.coordinator if standard == "" and rng.random() < 0.4 else None,
                minutes_of,
                nxt,
            ),
        )
        if standard == "" and held and rng.random() < 0.5 and ctx.trainings:
            near = [
                r.id
                for r in ctx.trainings
                if abs((r.first_day - record.starts_at.date()).days) < 90
            ]
            if near:
                ctx.add(
                    t.item_training,
                    (ctx.new_id(t.item_training), item_id, rng.choice(near)),
                )
        if standard == "" and held and series.secretary and rng.random() < 0.6:
            owner = series.secretary if rng.random() < 0.6 else None
            due = (
                following.starts_at.date()
                if following
                else record.starts_at.date() + DAY * 56
            )
            record.actions.append(
                [
                    ctx.new_id(t.action),
                    rng.choice(ACTIONS),
                    owner,
                    "" if owner else series.office,
                    due,
                    "open",
                    None,
                    item_id,
                ]
            )


def _write_meeting(ctx, series, record, meetings) -> None:
    t = ctx.t
    for action in record.actions:
        action_id, what, owner, label, due, status, closed, item = action
        ctx.add(
            t.action,
            (
                action_id,
                ctx.org_id,
                record.id,
                item,
                what,
                owner,
                label,
                "",
                due,
                status,
                closed,
                "Klart." if status == "done" else "",
                record.ends_at + DAY,
            ),
        )
    frozen = {}
    if record.minutes != "draft":
        frozen = minutes_frozen(ctx, series, record, meetings)
    registry = ""
    if record.minutes != "draft" and ctx.rng.random() < 0.3:
        registry = f"KS {record.starts_at.year}/{ctx.rng.randint(100, 2500)}"
    created = record.starts_at - DAY * 40
    ctx.add(
        t.meeting,
        (
            record.id,
            ctx.org_id,
            series.group_id,
            record.starts_at,
            record.ends_at,
            record.location,
            record.url,
            record.host,
            record.status,
            0,
            record.notice,
            record.cancel_reason,
            record.quorate,
            record.chair if record.quorate is not None else None,
            series.secretary,
            record.minutes,
            record.finalised,
            record.approved,
            record.approved_at,
            Jsonb(frozen),
            registry,
            created,
            min(ctx.now, record.approved or record.finalised or record.ends_at)
            if record.status == "held"
            else created,
        ),
    )
