"""Trainings of the demo organisation: the plan of the new mandate period,
modelled on a real municipality's programme, the last years of the previous
period with what was held, cancelled and moved, and the trainings open now.

What lies in the past is written as records, as an import of last years'
lists would be; what is open now goes through the services, so its
invitations and confirmations are in the outbox like real ones."""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from mandat.directory.models import MandatePeriod, Person
from mandat.directory.selectors import active_on_q

from . import services
from .models import (
    Invitation,
    Occasion,
    OccasionMove,
    PlanItem,
    Registration,
    SessionAttendance,
    Training,
    TrainingPlan,
)

ZONE = ZoneInfo("Europe/Stockholm")
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


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE)


def seed(*, organisation) -> None:
    """Create the demo plan and trainings unless they exist."""
    if TrainingPlan.objects.filter(organisation=organisation).exists():
        return
    rng = random.Random(2027)
    periods = {
        p.name: p for p in MandatePeriod.objects.filter(organisation=organisation)
    }
    with transaction.atomic():
        new_plan = _plan(
            organisation, periods["2026–2030"], NEW_PLAN, "KS 2026-11-04 § 212"
        )
        old_plan = _plan(
            organisation,
            periods["2022–2026"],
            NEW_PLAN,
            "KS 2023-02-14 § 45",
        )
        _history(organisation, old_plan, rng)
        _now(organisation, new_plan, rng)


def _plan(organisation, period, items, decision) -> TrainingPlan:
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


def _people(organisation, day):
    elected = list(
        Person.objects.filter(organisation=organisation, kind=Person.Kind.ELECTED)
        .filter(active_on_q(day, prefix="assignments__"))
        .distinct()
        .order_by("id")
    )
    presidia = list(
        Person.objects.filter(
            active_on_q(day, prefix="assignments__"),
            organisation=organisation,
            assignments__role__in=[
                "ordforande",
                "vice_ordforande",
                "andre_vice_ordforande",
            ],
        )
        .distinct()
        .order_by("id")
    )
    return elected, presidia


def _held(organisation, training, occasions, people, rng, *, attend=0.85):
    """Write a past training's invitations, registrations and attendance."""
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(organisation=organisation, training=training, person=p)
            for p in people
        ]
    )
    by_person = {i.person_id: i for i in invitations}
    chosen = [p for p in people if rng.random() < 0.45]
    registrations = []
    for index, person in enumerate(chosen):
        occasion = occasions[index % len(occasions)]
        registrations.append(
            Registration(
                organisation=organisation,
                training=training,
                occasion=occasion,
                person=person,
                invitation=by_person[person.pk],
                status=Registration.Status.REGISTERED,
                created_at=occasion.starts_at
                - datetime.timedelta(days=rng.randint(8, 40)),
                dietary_needs=rng.choice(
                    ["", "", "", "Vegetarisk", "Glutenfri", "Laktosfri"]
                ),
            )
        )
    Registration.objects.bulk_create(registrations)
    marks = []
    for registration in registrations:
        if registration.occasion.status != Occasion.Status.HELD:
            continue
        for session in registration.occasion.sessions.all():
            roll = rng.random()
            status = (
                SessionAttendance.Status.ATTENDED
                if roll < attend
                else SessionAttendance.Status.PARTLY
                if roll < attend + 0.04
                else SessionAttendance.Status.ABSENT
            )
            marks.append(
                SessionAttendance(
                    registration=registration, session=session, status=status
                )
            )
    SessionAttendance.objects.bulk_create(marks)


def _occasion(
    training,
    days,
    *,
    capacity,
    location,
    format="on_site",
    minimum=None,
    label="",
    deadline_days=10,
    passes=False,
):
    sessions = []
    for day in days:
        if passes:
            sessions += [
                services.SessionInput(at(day, 9), at(day, 12), "Förmiddagspass"),
                services.SessionInput(at(day, 13), at(day, 16), "Eftermiddagspass"),
            ]
        else:
            sessions.append(
                services.SessionInput(
                    at(day, 13, 30) if len(days) == 1 else at(day, 9),
                    at(day, 16, 30),
                    f"Dag {days.index(day) + 1}" if len(days) > 1 else "",
                )
            )
    return services.occasion_create(
        actor=None,
        training=training,
        sessions=sessions,
        label=label,
        format=format,
        location=location if format != "digital" else "",
        meeting_url="https://teams.example/exempelstad/utbildning"
        if format != "on_site"
        else "",
        capacity=capacity,
        minimum_participants=minimum,
        registration_deadline=at(
            days[0] - datetime.timedelta(days=deadline_days), 23, 59
        ),
    )


def _history(organisation, plan, rng):
    items = list(plan.items.order_by("position"))
    elected, presidia = _people(organisation, datetime.date(2025, 3, 1))
    trainings = [
        (
            "Tillitsbaserad styrning – workshop",
            None,
            [
                ("Fysiskt tillfälle", [datetime.date(2025, 3, 21)], "on_site", True),
                ("Digitalt tillfälle", [datetime.date(2025, 4, 11)], "digital", True),
            ],
            elected,
            "Uppdrag från KS att arbeta in tillitsbaserad styrning i utbildningen.",
        ),
        (
            "Att leda digitala sammanträden – för presidier",
            items[2],
            [("", [datetime.date(2025, 5, 20)], "digital", False)],
            presidia,
            "Mötesteknik för ordförande och vice ordförande.",
        ),
        (
            "Omvärldsanalys och samhällsförändringar",
            items[6],
            [("", [datetime.date(2025, 10, 8)], "hybrid", False)],
            elected,
            "Föreläsning med samtal. Filmas och läggs i filmbiblioteket.",
        ),
        (
            "Arbetsgivaransvaret som förtroendevald",
            items[4],
            [("", [datetime.date(2025, 11, 26)], "on_site", False)],
            elected,
            "",
        ),
    ]
    for title, item, occasions_spec, invitees, description in trainings:
        training = services.training_create(
            actor=None,
            organisation=organisation,
            title=title,
            plan_item=item,
            description=description,
        )
        occasions = [
            _occasion(
                training,
                days,
                capacity=60,
                location="Vargö, Stadshuset",
                format=fmt,
                label=label,
                passes=passes,
            )
            for label, days, fmt, passes in occasions_spec
        ]
        if title.startswith("Arbetsgivaransvaret"):
            occasion = occasions[0]
            OccasionMove.objects.create(
                occasion=occasion,
                old_starts_at=at(datetime.date(2025, 11, 12), 13, 30),
                new_starts_at=occasion.starts_at,
                reason="Krockade med budgetfullmäktige",
            )
        Occasion.objects.filter(training=training).update(status=Occasion.Status.HELD)
        Training.objects.filter(pk=training.pk).update(status=Training.Status.HELD)
        for occasion in occasions:
            occasion.status = Occasion.Status.HELD
        _held(organisation, training, occasions, invitees, rng)
        if item is not None:
            PlanItem.objects.filter(pk=item.pk).update(status=PlanItem.Status.DONE)
    # A training that was cancelled for too few registered.
    cancelled = services.training_create(
        actor=None,
        organisation=organisation,
        title="Medborgardialog i praktiken",
        plan_item=items[3],
    )
    occasion = _occasion(
        cancelled,
        [datetime.date(2026, 3, 18)],
        capacity=40,
        location="Vargö, Stadshuset",
        minimum=10,
    )
    _held(organisation, cancelled, [occasion], elected[:60], rng)
    Occasion.objects.filter(pk=occasion.pk).update(
        status=Occasion.Status.CANCELLED,
        cancel_reason="För få anmälda vid sista anmälningsdag",
    )
    Registration.objects.filter(occasion=occasion).update(
        status=Registration.Status.CANCELLED,
        cancelled_at=at(datetime.date(2026, 3, 5), 9),
        status_reason="För få anmälda vid sista anmälningsdag",
    )
    Training.objects.filter(pk=cancelled.pk).update(
        status=Training.Status.CANCELLED,
        cancel_reason="För få anmälda vid sista anmälningsdag",
    )
    PlanItem.objects.filter(pk=items[3].pk).update(
        status=PlanItem.Status.CANCELLED, status_note="Inställd: för få anmälda"
    )


def _now(organisation, plan, rng):
    """This term's first trainings: one held, one open with a waiting list,
    the basic training open for registration."""
    today = timezone.localdate()
    items = list(plan.items.order_by("position"))
    elected, presidia = _people(organisation, today)
    introduction = services.training_create(
        actor=None,
        organisation=organisation,
        title="Introduktion för nya ledamöter i kommunfullmäktige",
        description="Om fullmäktiges arbete, ärendegången och de digitala verktygen.",
    )
    occasion = _occasion(
        introduction,
        [datetime.date(2026, 10, 28)],
        capacity=100,
        location="Sessionssalen, Stadshuset",
    )
    Occasion.objects.filter(pk=occasion.pk).update(status=Occasion.Status.HELD)
    occasion.status = Occasion.Status.HELD
    Training.objects.filter(pk=introduction.pk).update(status=Training.Status.HELD)
    council = list(
        Person.objects.filter(
            organisation=organisation,
            assignments__body__name="Kommunfullmäktige",
            assignments__starts_on__gte=datetime.date(2026, 10, 15),
        )
        .distinct()
        .order_by("id")
    )
    _held(organisation, introduction, [occasion], council, rng, attend=0.9)

    # Open now: the presidium training in December, nearly full.
    presidium = services.training_create(
        actor=None,
        organisation=organisation,
        title="Presidieutbildning: att leda digitala och hybrida sammanträden",
        plan_item=items[2],
        description="För ordförande och vice ordförande i nämnder och styrelser.",
    )
    start_day = max(today + datetime.timedelta(days=18), datetime.date(2026, 12, 10))
    occasion = _occasion(
        presidium,
        [start_day],
        capacity=25,
        minimum=8,
        location="Vargö, Stadshuset",
        deadline_days=7,
    )
    services.training_set_status(
        actor=None, training=presidium, status=Training.Status.OPEN
    )
    services.target_rule_add(
        actor=None,
        training=presidium,
        kind="category",
        category="facknamnd",
        roles="presidium",
    )
    services.target_rule_add(
        actor=None,
        training=presidium,
        kind="category",
        category="stadsdelsnamnd",
        roles="presidium",
    )
    services.target_rule_add(
        actor=None,
        training=presidium,
        kind="category",
        category="bolag",
        roles="presidium",
    )
    services.invitation_send(actor=None, training=presidium)
    invited = list(presidium.invitations.select_related("person"))
    rng.shuffle(invited)
    for invitation in invited[:29]:
        services.registration_create(
            actor=None,
            occasion=occasion,
            person=invitation.person,
            invitation=invitation,
        )

    # Open now: the basic training in February, two alternative two-day occasions.
    basic = services.training_create(
        actor=None,
        organisation=organisation,
        title="Grundutbildning för förtroendevalda 2027",
        plan_item=items[0],
        description=(
            "Kommunallagen, förvaltningsrätt, så styrs Exempelstad, roller och "
            "arvoden. Välj ett av tillfällena; båda dagarna hör ihop. "
            "Utbildningen filmas."
        ),
    )
    for label, first in (
        ("Tillfälle 1", datetime.date(2027, 2, 8)),
        ("Tillfälle 2", datetime.date(2027, 2, 15)),
    ):
        _occasion(
            basic,
            [first, first + datetime.timedelta(days=1)],
            capacity=150,
            minimum=40,
            location="Sessionssalen, Stadshuset",
            label=label,
            deadline_days=21,
        )
    services.training_set_status(
        actor=None, training=basic, status=Training.Status.OPEN
    )
    services.target_rule_add(
        actor=None, training=basic, kind="all_elected", roles="everyone"
    )
    services.target_rule_add(
        actor=None, training=basic, kind="officials_title", title="Förvaltningschef"
    )
    services.target_rule_add(
        actor=None, training=basic, kind="officials_title", title="Nämndsekreterare"
    )
    services.invitation_send(actor=None, training=basic)
    occasions = list(basic.occasions.order_by("starts_at"))
    invited = list(basic.invitations.select_related("person"))
    rng.shuffle(invited)
    for index, invitation in enumerate(invited[:90]):
        services.registration_create(
            actor=None,
            occasion=occasions[index % 2],
            person=invitation.person,
            invitation=invitation,
            dietary_needs=rng.choice(["", "", "", "Vegetarisk", "Glutenfri"]),
        )
