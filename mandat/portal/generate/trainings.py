"""Trainings of one organisation: each with its target group, occasions and
sessions, contributors, the invitation sending and invitations, the
registrations as they arrive (capacity, waiting list, cancellations and
moving up), and attendance per session of what has been held."""

import datetime
import heapq
from dataclasses import dataclass, field

from .context import DAY, at
from .plan import KINDS, Planned, build_plans, schedule, write_items
from .targets import Roster, target_group_write
from .texts import ACCESS, CANCEL_REASONS, DIETS, MOVE_REASONS, ROOMS

RECENT = datetime.timedelta(days=61)  # the outbox keeps about two months


@dataclass
class OccasionRecord:
    id: int
    label: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str
    capacity: int | None
    deadline: datetime.datetime
    sessions: list = field(default_factory=list)  # (id, start, end)
    attendees: list = field(default_factory=list)  # person ids
    row: list = field(default_factory=list)


@dataclass
class TrainingRecord:
    id: int
    title: str
    description: str
    kind: str
    status: str
    item: object
    body: object
    filmed: bool
    first_day: datetime.date
    occasions: list = field(default_factory=list)
    registered: int = 0
    invited: int = 0
    batch_at: datetime.datetime | None = None
    invitations: list = field(default_factory=list)  # recent: (id, person, token)
    registrations: list = field(default_factory=list)  # recent: Reg
    questionnaire: tuple | None = None  # (id, question ids) once evaluated


@dataclass
class Reg:
    id: int
    person: int
    occasion: int  # index in the training's occasions
    invitation: int
    created: datetime.datetime
    cancel_at: datetime.datetime | None
    status: str = "registered"
    promoted: datetime.datetime | None = None
    cancelled: datetime.datetime | None = None
    reason: str = ""


def build(ctx) -> None:
    """Write the plans and every training of ``ctx``'s organisation."""
    build_plans(ctx)
    roster = Roster(ctx)
    for planned in schedule(ctx):
        _training(ctx, planned, roster)
    write_items(ctx)


def _occasion_shapes(ctx, planned: Planned, expected: int):
    """Return (label, days, format, passes, capacity, minimum, hours) per
    occasion."""
    rng, day = ctx.rng, planned.day

    def cap(n: float) -> int:
        return max(10, 5 * round(n / 5))

    kind = planned.kind
    each: int | None
    if kind == "basic":
        count = max(1, min(4, -(-expected // 150)))
        each = cap(expected * rng.uniform(0.8, 1.2) / count)
        return [
            (
                f"Tillfälle {n + 1}",
                [day + DAY * 7 * n, day + DAY * (7 * n + 1)],
                "on_site",
                False,
                each,
                max(5, each // 4),
                (9, 16),
            )
            for n in range(count)
        ]
    if kind == "workshop":
        each = cap(expected * rng.uniform(0.6, 1.1) / 2)
        return [
            ("Fysiskt tillfälle", [day], "on_site", True, each, 8, (9, 16)),
            (
                "Digitalt tillfälle",
                [day + DAY * 14],
                "digital",
                True,
                None,
                None,
                (9, 16),
            ),
        ]
    if kind == "all":
        if rng.random() < 0.4:
            each = cap(expected * rng.uniform(0.6, 1.2) / 2)
            return [
                ("Fysiskt tillfälle", [day], "on_site", False, each, 10, (13, 16)),
                (
                    "Digitalt tillfälle",
                    [day + DAY * 21],
                    "digital",
                    False,
                    None if rng.random() < 0.5 else each,
                    None,
                    (13, 16),
                ),
            ]
        fmt = rng.choice(["on_site", "hybrid", "hybrid", "digital"])
        each = None if fmt == "digital" else cap(expected * rng.uniform(0.7, 1.3))
        return [("", [day], fmt, False, each, 10 if each else None, (13, 16))]
    if kind == "lunch":
        return [("", [day], "digital", False, None, None, (12, 13))]
    if kind == "presidium":
        each = cap(expected * rng.uniform(0.5, 0.9))
        return [("", [day], "on_site", False, each, min(8, each), (13, 16))]
    if kind == "council":
        return [("", [day], "on_site", False, cap(expected + 10), None, (17, 20))]
    if kind == "substitutes":
        each = cap(expected * rng.uniform(0.7, 1.2))
        return [("", [day], "on_site", False, each, None, (18, 20))]
    if kind == "committee" and rng.random() < 0.3:
        return [("Studiebesök", [day], "on_site", False, None, None, (9, 15))]
    if kind in ("committee", "company"):
        each = None if rng.random() < 0.6 else cap(expected * 1.4 + 5)
        return [("", [day], "on_site", False, each, None, (13, 16))]
    return [("", [day], "digital", False, None, None, (13, 15))]


def _training(ctx, planned: Planned, roster: Roster) -> None:
    rng, t, now = ctx.rng, ctx.t, ctx.now
    lead, deadline_days, chance = KINDS[planned.kind]
    batch_day = planned.day - DAY * lead
    invitees = roster.resolve(planned, min(batch_day, ctx.today))
    if not invitees:
        return
    chance *= rng.uniform(0.75, 1.25)
    shapes = _occasion_shapes(ctx, planned, max(1, round(len(invitees) * chance)))
    training_id = ctx.new_id(t.training)
    record = TrainingRecord(
        training_id,
        planned.title,
        planned.description,
        planned.kind,
        "draft",
        planned.item,
        planned.body,
        planned.filmed,
        planned.day,
    )
    # Made two weeks before its sending; a draft far ahead was made lately.
    created = min(at(batch_day - DAY * 14, 10), now - DAY)
    coordinator = ctx.users["samordnare"]
    # Occasions and sessions.
    for label, days, fmt, passes, capacity, minimum, (begin, end) in shapes:
        occasion_id = ctx.new_id(t.occasion)
        sessions = []
        for number, day in enumerate(days, start=1):
            parts = (
                [(9, 12, "Förmiddagspass"), (13, 16, "Eftermiddagspass")]
                if passes
                else [(begin, end, f"Dag {number}" if len(days) > 1 else "")]
            )
            for h0, h1, name in parts:
                sessions.append(
                    (
                        ctx.new_id(t.session),
                        at(day, h0, 30 if h0 == 13 and not passes else 0),
                        at(day, h1, 30 if h1 == 16 and not passes else 0),
                        name,
                    )
                )
        starts, ends = sessions[0][1], sessions[-1][2]
        deadline = at(days[0] - DAY * deadline_days, 23, 59)
        status = "held" if ends < now else "planned"
        occasion = OccasionRecord(
            occasion_id,
            label,
            starts,
            ends,
            status,
            capacity,
            deadline,
            [(s[0], s[1], s[2]) for s in sessions],
        )
        record.occasions.append(occasion)
        occasion.row = [
            occasion_id,
            ctx.org_id,
            training_id,
            label,
            fmt,
            "" if fmt == "digital" else rng.choice(ROOMS),
            ""
            if fmt == "on_site"
            else f"https://teams.example/{ctx.spec.slug}/utbildning",
            capacity,
            minimum,
            deadline,
            None,
            status,
            "",
            starts,
            ends,
            0,
            created,
            max(created, min(now, ends + DAY)),
        ]
        for session_id, s_start, s_end, name in sessions:
            ctx.add(t.session, (session_id, occasion_id, name, s_start, s_end))
    # Cancelled: the whole training now and then, one of several occasions too.
    past_deadline = record.occasions[0].deadline < now
    if past_deadline and rng.random() < 0.04:
        for occasion in record.occasions:
            occasion.status = "cancelled"
    elif len(record.occasions) > 1 and rng.random() < 0.05:
        last = record.occasions[-1]
        if last.deadline < now:
            last.status = "cancelled"
    # The sending and the invitations.
    batch_at = at(batch_day, 9, 30)
    sent = batch_at <= now
    group_id = target_group_write(ctx, planned, invitees, created)
    if sent:
        record.batch_at = batch_at
        record.invited = len(invitees)
        batch_id = ctx.new_id(t.batch)
        description = f"Målgrupp för {planned.title}"
        ctx.add(
            t.batch,
            (
                batch_id,
                training_id,
                batch_at,
                coordinator,
                len(invitees),
                description[:500],
                batch_at + datetime.timedelta(minutes=1),
            ),
        )
        invitations = {}
        recent = now - batch_at < RECENT
        for person in invitees:
            invitation_id = ctx.new_id(t.invitation)
            token = ctx.token(32)
            invitations[person] = invitation_id
            ctx.add(
                t.invitation,
                (
                    invitation_id,
                    ctx.org_id,
                    training_id,
                    person,
                    batch_id,
                    token,
                    batch_at,
                    None,
                    "",
                ),
            )
            if recent:
                record.invitations.append((invitation_id, person, token))
        _registrations(ctx, record, invitees, invitations, chance)
    # The training's own row and status.
    statuses = {o.status for o in record.occasions}
    if statuses == {"cancelled"}:
        record.status = "cancelled"
    elif "planned" not in statuses:
        record.status = "held"
    elif sent:
        record.status = (
            "closed" if all(o.deadline < now for o in record.occasions) else "open"
        )
    reason = CANCEL_REASONS[0] if record.status == "cancelled" else ""
    last_end = max(o.ends_at for o in record.occasions)
    ctx.add(
        t.training,
        (
            training_id,
            ctx.org_id,
            planned.title,
            planned.description,
            planned.item.id if planned.item else None,
            planned.body.id if planned.body else None,
            group_id,
            record.status,
            reason,
            f"https://video.{ctx.domain}/play/{training_id}"
            if planned.filmed and record.status == "held"
            else "",
            3,
            coordinator,
            created,
            min(now, max(created, last_end + DAY)),
        ),
    )
    _occasions_write(ctx, record)
    if planned.item is not None:
        planned.item.trainings.append(record.status)
    ctx.trainings.append(record)


def _registrations(ctx, record, invitees, invitations, chance) -> None:
    """Write registrations in order of arrival: places while there are any,
    then the waiting list; a cancellation before the start moves the first
    waiting up. Nothing later than now happens."""
    rng, now, t = ctx.rng, ctx.now, ctx.t
    occasions = record.occasions
    start_at = record.batch_at
    events = []
    regs = []
    for person in invitees:
        if rng.random() >= chance:
            continue
        index = rng.randrange(len(occasions))
        occasion = occasions[index]
        span = (occasion.deadline - start_at).total_seconds()
        created = start_at + datetime.timedelta(
            seconds=max(60.0, span * min(0.999, rng.expovariate(3.0)))
        )
        if created > now or span <= 0:
            continue
        cancel_at = None
        if rng.random() < 0.08:
            window = (occasion.starts_at - created).total_seconds()
            cancel_at = created + datetime.timedelta(
                seconds=window * rng.uniform(0.1, 0.95)
            )
        reg = Reg(0, person, index, invitations[person], created, cancel_at)
        regs.append(reg)
        events.append((created, 0, len(regs) - 1))
        if cancel_at is not None and cancel_at <= now:
            events.append((cancel_at, 1, len(regs) - 1))
    heapq.heapify(events)
    placed = [0] * len(occasions)
    waiting: list[list[Reg]] = [[] for _ in occasions]
    order = []
    while events:
        when, what, number = heapq.heappop(events)
        reg = regs[number]
        occasion = occasions[reg.occasion]
        if what == 0:
            order.append(reg)
            if occasion.capacity is None or placed[reg.occasion] < occasion.capacity:
                placed[reg.occasion] += 1
            else:
                reg.status = "waiting"
                waiting[reg.occasion].append(reg)
            continue
        if reg.status == "registered":
            placed[reg.occasion] -= 1
            queue = waiting[reg.occasion]
            if queue and when < occasion.starts_at:
                promoted = queue.pop(0)
                promoted.status, promoted.promoted = "registered", when
                placed[reg.occasion] += 1
        elif reg.status == "waiting":
            waiting[reg.occasion].remove(reg)
        reg.status, reg.cancelled = "cancelled", when
    for index, occasion in enumerate(occasions):
        if occasion.status != "cancelled":
            continue
        when = min(now, occasion.deadline + DAY)
        for reg in order:
            if reg.occasion == index and reg.status != "cancelled":
                reg.status, reg.cancelled = "cancelled", when
                reg.reason = CANCEL_REASONS[0]
    coordinator = ctx.users["samordnare"]
    recent = now - RECENT
    for reg in order:
        reg.id = ctx.new_id(t.registration)
        occasion = occasions[reg.occasion]
        had_place = reg.status == "registered" or reg.promoted is not None
        ctx.add(
            t.registration,
            (
                reg.id,
                ctx.org_id,
                record.id,
                occasion.id,
                reg.person,
                reg.invitation,
                reg.status,
                reg.created,
                coordinator if rng.random() < 0.05 else None,
                rng.choice(DIETS) if rng.random() < 0.15 else "",
                rng.choice(ACCESS) if rng.random() < 0.02 else "",
                reg.promoted,
                reg.cancelled,
                reg.reason,
                (2 if reg.status == "cancelled" else 1) if had_place else 0,
            ),
        )
        if reg.status == "registered":
            record.registered += 1
            if occasion.status == "held":
                _attendance(ctx, reg, occasion, coordinator)
        # Kept for the outbox: what happened lately, and the reminders of
        # occasions of late.
        if (
            reg.created >= recent
            or (reg.cancelled or reg.created) >= recent
            or (occasion.starts_at >= recent)
        ):
            record.registrations.append(reg)


def _attendance(ctx, reg, occasion, coordinator) -> None:
    rng, t = ctx.rng, ctx.t
    roll = rng.random()
    # Most attend every session; a few come to part; some do not come.
    absent_all = roll < 0.1
    attended_any = False
    for session_id, _start, end in occasion.sessions:
        if absent_all:
            status = "absent"
        else:
            status = rng.choices(("attended", "partly", "absent"), (92, 4, 4))[0]
        attended_any = attended_any or status != "absent"
        ctx.add(
            t.attendance,
            (
                ctx.new_id(t.attendance),
                reg.id,
                session_id,
                status,
                coordinator,
                end + datetime.timedelta(hours=1),
            ),
        )
    if attended_any:
        occasion.attendees.append(reg.person)


def _occasions_write(ctx, record) -> None:
    rng, t = ctx.rng, ctx.t
    coordinator_user = ctx.users["samordnare"]
    for occasion in record.occasions:
        row = occasion.row
        row[11] = occasion.status
        if occasion.status == "cancelled":
            row[12] = (
                CANCEL_REASONS[1]
                if record.status != "cancelled"
                else (CANCEL_REASONS[0])
            )
        if occasion.status == "held" and rng.random() < 0.03:
            old = occasion.starts_at - DAY * rng.randint(7, 21)
            row[15] = 1
            ctx.add(
                t.occasion_move,
                (
                    ctx.new_id(t.occasion_move),
                    occasion.id,
                    old,
                    occasion.starts_at,
                    rng.choice(MOVE_REASONS),
                    coordinator_user,
                    old - DAY * 10,
                ),
            )
        ctx.add(t.occasion, tuple(row))
        leader = ctx.coordinator
        if record.kind == "committee" and record.body.index in ctx.secretaries:
            leader = ctx.secretaries[record.body.index]
        roles = [(leader, "course_leader")]
        if ctx.externals and (record.kind != "committee" or rng.random() < 0.4):
            roles.append((rng.choice(ctx.externals), "speaker"))
        if record.kind == "workshop" and ctx.externals:
            roles.append((rng.choice(ctx.externals), "moderator"))
        for person, role in dict.fromkeys(roles):
            ctx.add(
                t.contributor, (ctx.new_id(t.contributor), occasion.id, person, role)
            )
