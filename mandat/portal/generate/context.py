"""What every domain builder of one organisation shares: the random
generator, the clock, the tables and what earlier builders made."""

import base64
import datetime
import random
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    # Only for the annotation: the loader imports psycopg.
    from .loader import Loader

ZONE = ZoneInfo("Europe/Stockholm")
DAY = datetime.timedelta(days=1)


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE)


def election_day(year: int) -> datetime.date:
    """Return the second Sunday of September, when Sweden votes."""
    first = datetime.date(year, 9, 1)
    return first + datetime.timedelta(days=(6 - first.weekday()) % 7 + 7)


def weekday_on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


@dataclass
class PersonRow:
    id: int
    first: str
    last: str
    email: str
    gender: str
    kind: str
    title: str = ""
    party: int | None = None  # party index, for the elected
    protected: bool = False
    account_id: int | None = None
    home: str = ""
    created: datetime.date | None = None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class BodyRow:
    index: int
    id: int
    name: str
    short: str
    kind: str
    category: str
    parent: int | None
    statutory: bool
    term_rule: str
    members: int
    substitutes: int
    committee_key: str = ""


@dataclass
class Seat:
    person: int
    body: int
    role: str
    party: int | None  # party index
    start: datetime.date
    end: datetime.date | None
    order: int | None
    period: int  # period index
    left_party: datetime.date | None = None
    end_reason: str = ""


@dataclass
class Period:
    index: int
    id: int
    election: int
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    plan_id: int = 0
    items: list = field(default_factory=list)


@dataclass
class Context:
    """One organisation being generated."""

    spec: object
    org_id: int
    rng: random.Random
    loader: "Loader"
    t: object  # the tables
    today: datetime.date
    now: datetime.datetime
    start: datetime.date  # the first day of history
    horizon: datetime.date  # the last day of planned trainings
    password: str
    sv: dict  # standard texts in Swedish
    content_types: dict
    domain: str = ""
    reply_to: str = ""
    periods: list[Period] = field(default_factory=list)
    parties: list[tuple[int, str, str]] = field(default_factory=list)
    bodies: list[BodyRow] = field(default_factory=list)
    people: dict[int, PersonRow] = field(default_factory=dict)
    seats: list[Seat] = field(default_factory=list)
    officials: dict[str, list[int]] = field(default_factory=dict)
    externals: list[int] = field(default_factory=list)
    users: dict[str, int] = field(default_factory=dict)
    coordinator: int = 0  # the coordinator's person id
    secretaries: dict[int, int] = field(default_factory=dict)  # body → person
    trainings: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    group_id: int = 0
    group_name: str = ""
    recipients: list = field(default_factory=list)  # recent evaluation requests
    email_locals: dict = field(default_factory=dict)
    films: list = field(default_factory=list)

    def new_id(self, table) -> int:
        return self.loader.new_id(table)

    def add(self, table, row: tuple) -> None:
        self.loader.add(table, row)

    def token(self, length: int = 32) -> str:
        """Return a random-looking token, the same for the same seed."""
        raw = self.rng.getrandbits(length * 6).to_bytes(length * 6 // 8, "big")
        return base64.urlsafe_b64encode(raw).decode()[:length]

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def body_named(self, short: str) -> BodyRow | None:
        return next((b for b in self.bodies if b.short == short), None)

    def period_on(self, day: datetime.date) -> Period | None:
        for period in reversed(self.periods):
            if period.starts_on <= day:
                return period
        return None
