"""The directory of the demo organisation: two mandate periods, 8 parties,
about 30 bodies and about 600 elected officials, built through the same import
that coordinators use for their real register.

Today (late 2026) is the realistic moment the demo shows: the council's new
term began on 15 October, while the executive board and the committees sit in
their old term until 31 December and their new members, already elected, start
on 1 January."""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from mandat.core.demo import DEMO_DOMAIN

from .models import Body, BodyKind, Person, ReportingCategory
from .selectors import active_on_q
from .services import (
    body_create,
    mandate_period_create,
    party_create,
    register_import_rows,
)

PARTIES = [
    # name, abbreviation, local, share of seats
    ("Socialdemokraterna", "S", False, 0.31),
    ("Moderaterna", "M", False, 0.19),
    ("Sverigedemokraterna", "SD", False, 0.17),
    ("Vänsterpartiet", "V", False, 0.09),
    ("Centerpartiet", "C", False, 0.06),
    ("Miljöpartiet", "MP", False, 0.06),
    ("Liberalerna", "L", False, 0.05),
    ("Exempelstadsdemokraterna", "ED", True, 0.07),
]

WOMEN = [
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Kerstin",
    "Emma",
    "Ingrid",
    "Malin",
    "Sofia",
    "Linnea",
    "Elin",
    "Ida",
    "Hanna",
    "Johanna",
    "Birgitta",
    "Ulla",
    "Annika",
    "Helena",
    "Marie",
    "Camilla",
    "Cecilia",
    "Frida",
    "Therese",
    "Louise",
    "Agnes",
    "Astrid",
    "Maja",
    "Nora",
    "Klara",
    "Ebba",
    "Amira",
    "Leila",
    "Fatima",
    "Yasmin",
    "Saga",
    "Tove",
    "Vera",
    "Hedvig",
]
MEN = [
    "Lars",
    "Anders",
    "Johan",
    "Per",
    "Erik",
    "Karl",
    "Mikael",
    "Jan",
    "Peter",
    "Hans",
    "Stefan",
    "Mats",
    "Daniel",
    "Fredrik",
    "Magnus",
    "Jonas",
    "Andreas",
    "Oskar",
    "Gustav",
    "Henrik",
    "Niklas",
    "Patrik",
    "Tobias",
    "Ola",
    "Björn",
    "Göran",
    "Leif",
    "Sven",
    "Arvid",
    "Hugo",
    "Elias",
    "Viktor",
    "Ali",
    "Omar",
    "Ahmed",
    "Mehmet",
    "Reza",
    "Kristoffer",
    "Timo",
    "Jesper",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Lindström",
    "Olofsson",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Forsberg",
    "Sjöberg",
    "Wallin",
    "Engström",
    "Eklund",
    "Danielsson",
    "Lundin",
    "Håkansson",
    "Björk",
    "Bergman",
    "Gunnarsson",
    "Holm",
    "Wikström",
    "Samuelsson",
    "Isaksson",
    "Fransson",
    "Bergqvist",
    "Nyström",
    "Holmberg",
    "Arvidsson",
    "Löfgren",
    "Söderberg",
    "Nyberg",
    "Blomqvist",
    "Claesson",
    "Nordström",
    "Mårtensson",
    "Lundström",
    "Viklund",
    "Björklund",
    "Eliasson",
    "Pålsson",
    "Berggren",
    "Sandström",
    "Lund",
    "Nordin",
    "Ström",
    "Åberg",
    "Hermansson",
    "Ekström",
    "Holmgren",
    "Sundberg",
    "Hedlund",
    "Dahlberg",
    "Hellström",
    "Sjögren",
    "Abrahamsson",
    "Falk",
    "Öberg",
    "Andreasson",
    "Blom",
    "Ek",
    "Månsson",
    "Strand",
    "Jakobsen",
    "Yilmaz",
    "Hussein",
    "Nguyen",
]

OLD_PERIOD = ("2022–2026", datetime.date(2022, 9, 11), datetime.date(2022, 10, 15))
NEW_PERIOD = ("2026–2030", datetime.date(2026, 9, 13), datetime.date(2026, 10, 15))


@dataclass(frozen=True)
class BodySpec:
    name: str
    short_name: str
    kind: str
    members: int
    substitutes: int
    category: str | None = None
    parent: str | None = None
    statutory: bool | None = None


BODIES = [
    BodySpec("Kommunfullmäktige", "KF", BodyKind.COUNCIL, 61, 31),
    BodySpec("Kommunstyrelsen", "KS", BodyKind.EXECUTIVE, 13, 13),
    BodySpec(
        "Kommunstyrelsens arbetsutskott",
        "KSAU",
        BodyKind.SUBCOMMITTEE,
        5,
        0,
        parent="Kommunstyrelsen",
    ),
    BodySpec("Socialnämnden", "SN", BodyKind.COMMITTEE, 11, 11),
    BodySpec(
        "Socialnämndens individutskott",
        "SNIU",
        BodyKind.SUBCOMMITTEE,
        3,
        2,
        parent="Socialnämnden",
    ),
    BodySpec("Utbildningsnämnden", "UN", BodyKind.COMMITTEE, 11, 11),
    BodySpec("Kulturnämnden", "KN", BodyKind.COMMITTEE, 9, 9),
    BodySpec("Miljö- och hälsoskyddsnämnden", "MHN", BodyKind.COMMITTEE, 9, 9),
    BodySpec("Byggnadsnämnden", "BN", BodyKind.COMMITTEE, 9, 9),
    BodySpec("Tekniska nämnden", "TN", BodyKind.COMMITTEE, 9, 9),
    BodySpec("Valnämnden", "VN", BodyKind.COMMITTEE, 5, 5),
    BodySpec("Överförmyndarnämnden", "ÖFN", BodyKind.COMMITTEE, 5, 5),
    *[
        BodySpec(
            f"Stadsdelsnämnden {area}",
            f"SDN {area[:1]}",
            BodyKind.COMMITTEE,
            11,
            11,
            category=ReportingCategory.DISTRICT_COMMITTEE,
        )
        for area in ("Norr", "Söder", "Öster", "Väster")
    ],
    BodySpec("Exempelstads Bostads AB", "ESBO", BodyKind.COMPANY, 7, 3),
    BodySpec("Exempelstad Energi AB", "ESEN", BodyKind.COMPANY, 7, 3),
    BodySpec("Exempelstads Hamn AB", "ESHA", BodyKind.COMPANY, 5, 2),
    BodySpec("Stiftelsen Exempelstads konsthall", "SEK", BodyKind.FOUNDATION, 5, 2),
    BodySpec("Stiftelsen Gamla gården", "SGG", BodyKind.FOUNDATION, 5, 0),
    BodySpec(
        "Kommunstyrelsens styrgrupp för politikerutbildning",
        "Styrgruppen",
        BodyKind.STEERING_GROUP,
        8,
        0,
        statutory=False,
    ),
]

# Chair, first and second vice chair come from these parties in turn.
PRESIDIUM_PARTIES = ("S", "MP", "M")


def seed(*, organisation) -> None:
    """Create the demo directory unless it exists."""
    if Body.objects.filter(organisation=organisation).exists():
        return
    periods = {}
    for name, election, start in (OLD_PERIOD, NEW_PERIOD):
        periods[name] = mandate_period_create(
            organisation=organisation,
            name=name,
            election_date=election,
            starts_on=start,
            ends_on=datetime.date(start.year + 4, 10, 14),
        )
    for name, abbreviation, local, _share in PARTIES:
        party_create(
            organisation=organisation,
            name=name,
            abbreviation=abbreviation,
            is_local=local,
        )
    bodies = {}
    for spec in BODIES:
        bodies[spec.name] = body_create(
            organisation=organisation,
            name=spec.name,
            short_name=spec.short_name,
            kind=spec.kind,
            parent=bodies.get(spec.parent),
            reporting_category=spec.category,
            is_statutory=spec.statutory,
            seats=spec.members,
        )
    rows = DemoRegister(random.Random(2026)).rows()
    register_import_rows(actor=None, organisation=organisation, rows=rows, note="demo")


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


def demo_person(
    organisation, *, title: str | None = None, body: str | None = None, role=None
) -> Person:
    """Return a demo person by title, or by a role they hold on a body today."""
    people = Person.objects.filter(organisation=organisation, protected_identity=False)
    if title:
        return people.filter(title=title).order_by("id").first()
    return (
        people.filter(
            active_on_q(timezone.localdate(), prefix="assignments__"),
            assignments__body__name=body,
            assignments__role=role,
        )
        .order_by("id")
        .first()
    )
