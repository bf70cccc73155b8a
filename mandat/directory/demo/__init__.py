"""The directory of the demo organisation: two mandate periods, 8 parties,
about 30 bodies and about 600 elected officials, built through the same import
that coordinators use for their real register.

Today (late 2026) is the realistic moment the demo shows: the council's new
term began on 15 October, while the executive board and the committees sit in
their old term until 31 December and their new members, already elected, start
on 1 January.

One module per part:

seeding   seed (the step of the demo) and demo_person
names     the parties and the names people are drawn from
bodies    the mandate periods and the bodies
register  the generated register rows
"""

from .bodies import BODIES, NEW_PERIOD, OLD_PERIOD, PRESIDIUM_PARTIES, BodySpec
from .names import LAST_NAMES, MEN, PARTIES, WOMEN
from .register import DemoRegister
from .seeding import demo_person, seed

__all__ = [
    "BODIES",
    "BodySpec",
    "DemoRegister",
    "LAST_NAMES",
    "MEN",
    "NEW_PERIOD",
    "OLD_PERIOD",
    "PARTIES",
    "PRESIDIUM_PARTIES",
    "WOMEN",
    "demo_person",
    "seed",
]
