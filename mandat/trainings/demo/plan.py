"""The demo's training plan, modelled on a real municipality's programme."""

from .. import services
from ..models import (
    PlanItem,
    TrainingPlan,
)

R = PlanItem.Responsible

NEW_PLAN = [
    # year, month, season, title, responsible, target group, topics, funding, filmed
    (
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
    (
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
    (
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
    (
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
    (
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
    (
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
    (
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
    (
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


def plan_seed(organisation, period, items, decision) -> TrainingPlan:
    plan = services.plan_create(
        actor=None,
        organisation=organisation,
        period=period,
        title=f"Utbildningsplan för förtroendevalda {period.name}",
        adopted_by=decision,
        introduction=(
            "Alla förtroendevalda omfattas av kompetensutvecklingsprogrammet. "
            "Grundprogrammet innebär ett minimum av fortbildningsinsatser; "
            "därutöver genomför nämnderna egna insatser, som studiebesök."
        ),
    )
    for position, (
        year,
        month,
        season,
        title,
        responsible,
        group,
        topics,
        funding,
        filmed,
    ) in enumerate(items):
        services.plan_item_save(
            actor=None,
            plan=plan,
            year=year,
            month=month,
            season=season,
            title=title,
            responsible=responsible,
            target_group=group,
            topics=topics,
            funding_note=funding,
            filmed=filmed,
            is_basic=responsible == R.COUNCIL and year <= 2,
            position=position,
        )
    return plan
