"""The mandate periods and bodies of the demo, and the parties the presidia
come from."""

import datetime
from dataclasses import dataclass

from ..models import BodyKind, ReportingCategory

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
