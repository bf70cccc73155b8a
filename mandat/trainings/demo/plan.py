"""The demo's training plan, modelled on a real municipality's programme."""

from typing import NamedTuple

from .. import services
from ..models import (
    PlanItem,
    TrainingPlan,
)

R = PlanItem.Responsible
PLAN_INTRODUCTION = (
    "Alla förtroendevalda omfattas av kompetensutvecklingsprogrammet. "
    "Grundprogrammet innebär ett minimum av fortbildningsinsatser; därutöver "
    "genomför nämnderna egna insatser, som studiebesök."
)


class PlanRow(NamedTuple):
    """An item of a training plan, as the reference programme lists it."""

    year: int
    month: int | None
    season: str
    title: str
    responsible: str
    group: str
    topics: str
    funding: str
    filmed: bool

    @property
    def is_basic(self) -> bool:
        """Whether it is the council's basic training of the first two years."""
        return self.responsible == R.COUNCIL and self.year <= 2


NEW_PLAN = [
    PlanRow(
        1,
        2,
        "",
        "Grundutbildning för alla förtroendevalda",
        R.COUNCIL,
        "Alla förtroendevalda, förvaltningschefer och nämndsekreterare",
        "Kommunallagen, förvaltningsrätt, så styrs en kommun, roller, "
        "arvodesbestämmelser, introduktion till tekniken, t.ex. iPad.",
        "Extra medel till KF år 1",
        True,
    ),
    PlanRow(
        1,
        3,
        "",
        "Nämndernas utbildningar inom sina områden",
        R.COMMITTEES,
        "Nämndernas förtroendevalda",
        "Efter den gemensamma utbildningen ordnar nämnderna utbildning inom "
        "respektive kompetensområde, t.ex. studiebesök.",
        "Extra medel till nämnderna år 1",
        False,
    ),
    PlanRow(
        1,
        None,
        PlanItem.Season.AUTUMN,
        "Utveckla ordförandeskapet – fördjupad utbildning för presidier",
        R.COUNCIL,
        "Nämndernas och styrelsernas presidier",
        "Mötesteknik, att leda digitala och hybrida sammanträden.",
        "",
        False,
    ),
    PlanRow(
        1,
        None,
        PlanItem.Season.AUTUMN,
        "Medborgardialog – verktyg, processer och arbetssätt",
        R.COUNCIL,
        "Alla förtroendevalda",
        "",
        "",
        False,
    ),
    PlanRow(
        1,
        None,
        PlanItem.Season.AUTUMN,
        "Verksamhets- och ekonomistyrning, arbetsgivaransvaret och "
        "diskrimineringsgrunderna",
        R.EXECUTIVE,
        "Alla förtroendevalda",
        "Utgår från kommunledningsförvaltningens roll som stödjande, styrande "
        "och ledande.",
        "Extra medel till KS år 1",
        True,
    ),
    PlanRow(
        2,
        None,
        PlanItem.Season.WHOLE_YEAR,
        "Det goda livet – visionen och fullmäktiges övergripande mål",
        R.EXECUTIVE,
        "Alla förtroendevalda",
        "Strategiska områden och övergripande mål.",
        "Extra medel till KS år 2",
        True,
    ),
    PlanRow(
        3,
        None,
        PlanItem.Season.WHOLE_YEAR,
        "Omvärldsanalys, samhällsförändringar och komplexitet",
        R.EXECUTIVE,
        "Alla förtroendevalda",
        "",
        "Extra medel till KS år 3",
        True,
    ),
    PlanRow(
        4,
        None,
        PlanItem.Season.SPRING,
        "Workshop: utvärdering av mandatperioden",
        R.STEERING_GROUP,
        "Alla förtroendevalda",
        "Gemensam utvärdering av genomförda utbildningar och behov inför "
        "kommande mandatperiod.",
        "",
        False,
    ),
]


def plan_seed(organisation, period, items: list[PlanRow], decision) -> TrainingPlan:
    plan = services.plan_create(
        actor=None,
        organisation=organisation,
        period=period,
        title=f"Utbildningsplan för förtroendevalda {period.name}",
        adopted_by=decision,
        introduction=PLAN_INTRODUCTION,
    )
    for position, row in enumerate(items):
        services.plan_item_save(
            actor=None,
            plan=plan,
            year=row.year,
            month=row.month,
            season=row.season,
            title=row.title,
            responsible=row.responsible,
            target_group=row.group,
            topics=row.topics,
            funding_note=row.funding,
            filmed=row.filmed,
            is_basic=row.is_basic,
            position=position,
        )
    return plan
