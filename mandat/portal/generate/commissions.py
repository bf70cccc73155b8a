"""Assignments from the executive board (*uppdrag från kommunstyrelsen*) with
their history, and approvals by e-mail link: of minutes when the meeting
after was not quorate, and of each adopted training plan."""

import datetime
from types import SimpleNamespace

from .context import DAY, at
from .texts import COMMISSIONS


def approval_write(ctx, series, *, title, minutes_of, plan, sent, day) -> bool:
    """Write a request and the members' answers; return whether approved."""
    rng, t = ctx.rng, ctx.t
    request = ctx.new_id(t.approval)
    ctx.add(
        t.approval,
        (
            request,
            ctx.org_id,
            series.group_id,
            title,
            "Mötet var inte beslutfört; godkänn anteckningarna via e-post."
            if minutes_of
            else "Godkänn utbildningsplanen via e-post.",
            minutes_of,
            plan,
            "",
            "",
            sent + DAY * 7,
            ctx.users.get("samordnare"),
            sent,
        ),
    )
    approved = 0
    members = series.members_on(day)
    for person, _role, _party, _home in members:
        answer = "approved" if rng.random() < 0.85 else "pending"
        approved += answer == "approved"
        ctx.add(
            t.approval_answer,
            (
                ctx.new_id(t.approval_answer),
                request,
                person,
                ctx.token(44),
                answer,
                "",
                sent + DAY * rng.randint(0, 3) if answer == "approved" else None,
            ),
        )
    return approved * 2 > len(members)


def commissions_write(ctx, group_id, meetings) -> None:
    """Write one or two assignments per mandate period with their history."""
    rng, t = ctx.rng, ctx.t
    board = "RS" if ctx.spec.kind == "region" else "KS"
    for period in ctx.periods:
        for number in range(1 if ctx.spec.officials < 300 else 2):
            decided = datetime.date(
                period.election + 1 + number, rng.randint(2, 11), rng.randint(1, 28)
            )
            if not ctx.start <= decided <= ctx.today:
                continue
            title, text = COMMISSIONS[(period.index + number) % len(COMMISSIONS)]
            current = period is ctx.periods[-1] or decided.year >= ctx.today.year - 1
            status = (
                "ongoing" if current else rng.choice(("reported",) * 6 + ("withdrawn",))
            )
            commission = ctx.new_id(t.commission)
            ctx.add(
                t.commission,
                (
                    commission,
                    ctx.org_id,
                    group_id,
                    f"{board} {decided:%Y-%m-%d} § {rng.randint(20, 400)}",
                    decided,
                    title,
                    text,
                    status,
                    at(decided + DAY, 10),
                ),
            )
            ctx.add(
                t.commission_event,
                (
                    ctx.new_id(t.commission_event),
                    commission,
                    "ongoing",
                    decided,
                    "Uppdraget gavs.",
                    "Kommunstyrelsen",
                    at(decided + DAY, 10),
                ),
            )
            if status != "ongoing":
                back = min(ctx.today, decided + DAY * rng.randint(200, 500))
                ctx.add(
                    t.commission_event,
                    (
                        ctx.new_id(t.commission_event),
                        commission,
                        status,
                        back,
                        "Återrapporterat till KS."
                        if status == "reported"
                        else "Återkallat.",
                        "Samordnare",
                        at(back, 10),
                    ),
                )
            for party_id, _abbr, _share in rng.sample(ctx.parties, 2):
                ctx.add(
                    t.commission_party,
                    (ctx.new_id(t.commission_party), commission, party_id),
                )
            after = [
                r
                for r in ctx.trainings
                if r.first_day > decided and r.kind in ("all", "presidium", "workshop")
            ]
            if after:
                ctx.add(
                    t.commission_training,
                    (ctx.new_id(t.commission_training), commission, after[0].id),
                )
            later = [
                m
                for m in meetings
                if m.starts_at.date() > decided and m.items and m.status == "held"
            ]
            for meeting in later[:2]:
                topical = [i for i in meeting.items if i[4] == ""]
                if topical:
                    ctx.add(
                        t.item_commission,
                        (ctx.new_id(t.item_commission), topical[0][0], commission),
                    )


def plan_approvals_write(ctx, group_id, members_on) -> None:
    """Write the steering group's approval of each adopted plan by e-mail link."""
    series = SimpleNamespace(group_id=group_id, members_on=members_on)
    for period in ctx.periods:
        adopted = datetime.date(period.election + 1, 2, 1)
        if adopted > ctx.today or adopted < ctx.start:
            continue
        approval_write(
            ctx,
            series,
            title=f"Utbildningsplan {period.name}",
            minutes_of=None,
            plan=period.plan_id,
            sent=at(adopted - DAY * 10, 9),
            day=adopted - DAY * 10,
        )
