"""Who a training is for: the target group's rules as the coordinator would
set them, and the people they resolve to on the day of the sending (the
seats held that day, looked up once per day)."""

import datetime

from .context import Context, Seat
from .plan import Planned

PRESIDIUM = ("ordforande", "vice_ordforande", "andre_vice_ordforande")


class Roster:
    """Who holds which seat, looked up once per day."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.cache: dict[datetime.date, list[Seat]] = {}
        self.categories = {b.index: b.category for b in ctx.bodies}
        self.seats = [s for s in ctx.seats if s.role != "sekreterare"]

    def on(self, day: datetime.date) -> list[Seat]:
        if day not in self.cache:
            self.cache[day] = [
                s
                for s in self.seats
                if s.start <= day and (s.end is None or s.end >= day)
            ]
        return self.cache[day]

    def resolve(self, planned: Planned, day: datetime.date) -> list[int]:
        """Return the people ``planned`` is for on ``day``."""
        seats = self.on(day)
        kind = planned.kind
        if kind in ("basic", "all", "lunch", "workshop"):
            people = {s.person for s in seats}
        elif kind == "substitutes":
            people = {s.person for s in seats if s.role == "ersattare"}
        elif kind == "presidium":
            people = {
                s.person
                for s in seats
                if s.role in PRESIDIUM
                and self.categories[s.body] in ("facknamnd", "stadsdelsnamnd", "bolag")
            }
        elif kind == "committee":
            body = planned.body  # a committee's training has its committee
            people = {
                s.person for s in seats if body is not None and s.body == body.index
            }
        elif kind == "council":
            council_body = self.ctx.body_named("KF")  # every organisation has one
            council = council_body.index if council_body is not None else None
            people = {
                s.person
                for s in seats
                if s.body == council and s.start >= day - datetime.timedelta(days=30)
            }
        elif kind == "company":
            people = {s.person for s in seats if self.categories[s.body] == "bolag"}
        else:  # newcomers: whose first seat began in the last half year
            first: dict[int, datetime.date] = {}
            for seat in self.ctx.seats:
                if seat.role != "sekreterare" and (
                    seat.person not in first or seat.start < first[seat.person]
                ):
                    first[seat.person] = seat.start
            since = day - datetime.timedelta(days=180)
            people = {p for p, begun in first.items() if since <= begun <= day}
        if kind == "basic":
            for title in ("Förvaltningschef", "Nämndsekreterare"):
                people.update(self.ctx.officials.get(title, []))
        return sorted(people)


def target_group_write(ctx, planned, invitees, created) -> int:
    """Write the training's target group and its rules; return its id."""
    t = ctx.t
    group_id = ctx.new_id(t.target_group)
    ctx.add(
        t.target_group, (group_id, ctx.org_id, f"Målgrupp för {planned.title}", created)
    )
    rules = []
    kind = planned.kind
    if kind in ("basic", "all", "lunch", "workshop"):
        rules.append(("all_elected", None, "", "", "everyone", "", None))
    if kind == "basic":
        rules += [
            ("officials_title", None, "", "", "everyone", title, None)
            for title in ("Förvaltningschef", "Nämndsekreterare")
        ]
    elif kind == "substitutes":
        rules.append(("all_elected", None, "", "", "substitutes", "", None))
    elif kind == "presidium":
        rules += [
            ("category", None, category, "", "presidium", "", None)
            for category in ("facknamnd", "stadsdelsnamnd", "bolag")
        ]
    elif kind == "committee":
        rules.append(("body", planned.body.id, "", "", "everyone", "", None))
    elif kind == "council":
        rules.append(("body", ctx.body_named("KF").id, "", "", "everyone", "", None))
    elif kind == "company":
        rules.append(("category", None, "bolag", "", "everyone", "", None))
    elif kind == "newcomers":
        rules += [
            ("person", None, "", "", "everyone", "", person) for person in invitees
        ]
    for rule in rules:
        ctx.add(t.target_rule, (ctx.new_id(t.target_rule), group_id, *rule))
    return group_id
