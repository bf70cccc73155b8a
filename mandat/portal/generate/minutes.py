"""Minutes of a generated meeting series: finalised a few days after the
meeting, approved at the next quorate meeting or else by e-mail link,
action items closed at the next meeting, and what finalised minutes keep
of other meetings (``meetings.minutes.minutes_frozen``)."""

from dataclasses import dataclass

from mandat.core.templatetags.mandat import when as when_text
from mandat.meetings.minutes import place_text

from .commissions import approval_write
from .context import DAY


@dataclass(frozen=True)
class _Place:
    location: str
    meeting_url: str


def minutes_settle(ctx, series, held) -> None:
    """Finalise what is more than a week old; the next quorate meeting
    approves it, else the members approve it by e-mail link."""
    now = ctx.now
    for number, record in enumerate(held):
        if record.ends_at > now - DAY * 7:
            continue
        record.minutes = "finalised"
        record.finalised = record.ends_at + DAY * 3
        following = held[number + 1] if number + 1 < len(held) else None
        if following is None:
            continue
        if following.quorate:
            record.minutes, record.approved_at = "approved", following.id
            record.approved = following.ends_at
        else:
            deadline = following.ends_at + DAY * 7
            approved = approval_write(
                ctx,
                series,
                title=f"Minnesanteckningar {record.starts_at:%Y-%m-%d}",
                minutes_of=record.id,
                plan=None,
                sent=following.ends_at + DAY,
                day=following.starts_at.date(),
            )
            if approved and deadline < now:
                record.minutes, record.approved = "approved", deadline


def follow_up_settle(ctx, held) -> None:
    """Follow up action items at the next meetings: most are done at
    the next one, some dropped, some carried over once more."""
    rng = ctx.rng
    for number, record in enumerate(held):
        for action in record.actions:
            roll = rng.random()
            later = 1 if roll < 0.9 else 2
            if number + later >= len(held):
                continue
            action[5] = "dropped" if 0.85 <= roll < 0.9 else "done"
            action[6] = held[number + later].starts_at.date()


def minutes_frozen(ctx, series, record, meetings) -> dict:
    """Return what finalised minutes keep of other meetings (as the service)."""
    day = record.starts_at.date()
    follow_up = []
    for other in (m for m in meetings if m.starts_at < record.starts_at):
        for _id, what, owner, label, due, status, closed, _item in other.actions:
            if status == "open" or (closed and closed >= day):
                follow_up.append(
                    {
                        "what": what,
                        "owner_name": ctx.people[owner].name if owner else label,
                        "due_on": due.isoformat() if due else "",
                        "status": "open" if not closed or closed > day else status,
                    }
                )
    following = record.following
    if following is None:
        return {
            "follow_up": follow_up,
            "following_when": "",
            "following_place": "",
            "following_id": None,
        }
    place = _Place(location=following.location, meeting_url=following.url)
    return {
        "follow_up": follow_up,
        "following_when": when_text(following.starts_at, following.ends_at),
        "following_place": place_text(place, f"via {series.remote_label}"),
        "following_id": following.id,
    }
