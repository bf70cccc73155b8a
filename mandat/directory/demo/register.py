"""The demo's register of elected officials, generated as the rows a
coordinator would import."""

import datetime
import random

from mandat.core.demo import DEMO_DOMAIN

from ..models import BodyKind
from .bodies import BODIES, PRESIDIUM_PARTIES
from .names import LAST_NAMES, MEN, PARTIES, WOMEN


class DemoRegister:
    """Generates the register rows of the demo: people, their seats in two
    terms, people who left mid-term and their successors, and officials."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_names: set[tuple[str, str]] = set()
        self.people: list[dict] = []
        self.by_party: dict[str, list[dict]] = {p[1]: [] for p in PARTIES}
        self.rows_out: list[dict] = []
        self.next_id = 1000

    def new_person(self, party: str | None, kind="förtroendevald", title="") -> dict:
        while True:
            woman = self.rng.random() < 0.48
            first = self.rng.choice(WOMEN if woman else MEN)
            last = self.rng.choice(LAST_NAMES)
            if (first, last) not in self.used_names:
                break
        self.used_names.add((first, last))
        self.next_id += 1
        local = (
            f"{first}.{last}".lower()
            .replace("å", "a")
            .replace("ä", "a")
            .replace("ö", "o")
        )
        person = {
            "Register-id": str(self.next_id),
            "Förnamn": first,
            "Efternamn": last,
            "E-post": f"{local}@{DEMO_DOMAIN}",
            "Telefon": f"070-{self.rng.randint(100, 999)} {self.rng.randint(10, 99)} "
            f"{self.rng.randint(10, 99)}",
            # A few people have not told their gender; statistics show them apart.
            "Kön": "" if self.rng.random() < 0.04 else ("kvinna" if woman else "man"),
            "Typ": kind,
            "Titel": title,
            "Hemkommun": "",
            "Skyddad identitet": "nej",
            "party": party,
        }
        self.people.append(person)
        if party:
            self.by_party[party].append(person)
        return person

    def row(self, person, body, role, start, end, party=None, order=None, left=None):
        self.rows_out.append(
            {
                **{k: v for k, v in person.items() if k != "party"},
                "Organ": body,
                "Roll": role,
                "Parti": party or "",
                "Från": start.isoformat(),
                "Till": end.isoformat() if end else "",
                "Ersättarordning": str(order) if order else "",
                "Lämnat partiet": left.isoformat() if left else "",
            }
        )

    def seats_by_party(self, seats: int) -> list[str]:
        """Share ``seats`` between the parties by largest remainder."""
        if seats <= 0:
            return []
        if seats == 8:  # the steering group: one member per party
            return [p[1] for p in PARTIES]
        quotas = [(p[1], p[3] * seats) for p in PARTIES]
        result = {name: int(quota) for name, quota in quotas}
        rest = sorted(quotas, key=lambda q: q[1] - int(q[1]), reverse=True)
        for name, _quota in rest[: seats - sum(result.values())]:
            result[name] += 1
        return [name for name, count in result.items() for _ in range(count)]

    def pick(self, party: str, busy: set[int], reuse: float) -> dict:
        """Pick someone of ``party`` for a seat, often someone who already has one."""
        pool = [p for p in self.by_party[party] if id(p) not in busy]
        if pool and self.rng.random() < reuse:
            return self.rng.choice(pool)
        return self.new_person(party)

    def term(self, start_for, end_for, reuse: float, leavers: float) -> None:
        for spec in BODIES:
            start, end = start_for(spec), end_for(spec)
            seats = self.seats_by_party(spec.members)
            busy: set[int] = set()
            presidium = list(PRESIDIUM_PARTIES) if spec.members >= 5 else []
            for index, party in enumerate(seats):
                person = self.pick(party, busy, reuse)
                busy.add(id(person))
                role = "ledamot"
                if party in presidium and spec.kind != BodyKind.STEERING_GROUP:
                    role = (
                        "ordförande",
                        "1:e vice ordförande",
                        "2:e vice ordförande",
                    )[PRESIDIUM_PARTIES.index(party)]
                    presidium.remove(party)
                elif spec.kind == BodyKind.STEERING_GROUP and index == 0:
                    role = "ordförande"
                self.seat(person, spec, role, party, start, end, leavers)
            orders: dict[str, int] = {}
            for party in self.seats_by_party(spec.substitutes):
                person = self.pick(party, busy, reuse)
                busy.add(id(person))
                orders[party] = orders.get(party, 0) + 1
                self.seat(
                    person, spec, "ersättare", party, start, end, leavers, orders[party]
                )

    def seat(self, person, spec, role, party, start, end, leavers, order=None):
        """One seat; some holders leave mid-term and a successor takes over."""
        left_on = None
        if end and self.rng.random() < leavers:
            span = (end - start).days
            left_on = start + datetime.timedelta(days=self.rng.randint(90, span - 30))
        self.row(person, spec.name, role, start, left_on or end, party, order)
        if left_on:
            successor = self.new_person(party)
            self.row(
                successor,
                spec.name,
                role,
                left_on + datetime.timedelta(days=1),
                end,
                party,
                order,
            )

    def rows(self) -> list[dict]:
        old_start = {
            BodyKind.COUNCIL: datetime.date(2022, 10, 15),
            BodyKind.COMPANY: datetime.date(2023, 5, 1),
            BodyKind.FOUNDATION: datetime.date(2023, 5, 1),
        }
        new_start = {
            BodyKind.COUNCIL: datetime.date(2026, 10, 15),
            BodyKind.COMPANY: datetime.date(2027, 5, 1),
            BodyKind.FOUNDATION: datetime.date(2027, 5, 1),
        }

        def ends(starts):
            def end_for(spec):
                start = starts.get(
                    spec.kind, datetime.date(starts[BodyKind.COUNCIL].year + 1, 1, 1)
                )
                if spec.kind == BodyKind.COUNCIL:
                    return datetime.date(start.year + 4, 10, 14)
                if spec.kind in (BodyKind.COMPANY, BodyKind.FOUNDATION):
                    return datetime.date(start.year + 4, 4, 30)
                return datetime.date(start.year + 3, 12, 31)

            return end_for

        def begins(starts):
            return lambda spec: starts.get(
                spec.kind, datetime.date(starts[BodyKind.COUNCIL].year + 1, 1, 1)
            )

        # The old term: people hold one to three seats; 15 % leave early.
        self.term(begins(old_start), ends(old_start), reuse=0.3, leavers=0.15)
        old_people = list(self.people)
        # The new term: about two thirds come back, the rest are new.
        for party in self.by_party:
            self.by_party[party] = [
                p for p in self.by_party[party] if self.rng.random() < 0.62
            ]
        self.term(begins(new_start), lambda spec: None, reuse=0.4, leavers=0.0)
        # Someone in the new council has left their party and sits as independent.
        council_rows = [
            r
            for r in self.rows_out
            if r["Organ"] == "Kommunfullmäktige"
            and r["Från"] == "2026-10-15"
            and r["Parti"] == "SD"
            and r["Roll"] == "ledamot"
        ]
        council_rows[0]["Lämnat partiet"] = "2026-11-10"
        # Two people have protected personal data.
        for person_row in (old_people[7], old_people[42]):
            for r in self.rows_out:
                if r["Register-id"] == person_row["Register-id"]:
                    r["Skyddad identitet"] = "ja"
        self.officials()
        return self.rows_out

    def officials(self) -> None:
        committees = [
            s for s in BODIES if s.kind in (BodyKind.COMMITTEE, BodyKind.EXECUTIVE)
        ]
        start = datetime.date(2023, 1, 1)
        for spec in committees:
            chief = self.new_person(None, "tjänsteperson", "Förvaltningschef")
            self.rows_out.append(self.official_row(chief))
            secretary = self.new_person(None, "tjänsteperson", "Nämndsekreterare")
            self.row(secretary, spec.name, "sekreterare", start, None)
        for spec in BODIES:
            if spec.kind == BodyKind.COMPANY:
                self.rows_out.append(
                    self.official_row(self.new_person(None, "tjänsteperson", "VD"))
                )
        for title in (
            "Utbildningssamordnare",
            "Kanslichef",
            "Kommunjurist",
            "Kommunikatör",
            "Stadsdirektör",
        ):
            self.rows_out.append(
                self.official_row(self.new_person(None, "tjänsteperson", title))
            )

    @staticmethod
    def official_row(person) -> dict:
        return {
            **{k: v for k, v in person.items() if k != "party"},
            "Organ": "",
            "Roll": "",
            "Parti": "",
            "Från": "",
            "Till": "",
            "Ersättarordning": "",
            "Lämnat partiet": "",
        }
