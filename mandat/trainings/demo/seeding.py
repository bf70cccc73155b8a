"""Seeding the demo's trainings: the plans of both periods, the last years of
the previous period with what was held, cancelled and moved, and the
trainings open now."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from mandat.directory.models import MandatePeriod, Person

from .. import services
from ..models import (
    Occasion,
    OccasionMove,
    PlanItem,
    Registration,
    Training,
    TrainingPlan,
)
from .plan import NEW_PLAN, plan_seed
from .records import at, occasion_seed, past_training_record, people_on


def seed(*, organisation) -> None:
    """Create the demo plan and trainings unless they exist."""
    if TrainingPlan.objects.filter(organisation=organisation).exists():
        return
    rng = random.Random(2027)
    periods = {
        p.name: p for p in MandatePeriod.objects.filter(organisation=organisation)
    }
    with transaction.atomic():
        new_plan = plan_seed(
            organisation, periods["2026–2030"], NEW_PLAN, "KS 2026-11-04 § 212"
        )
        old_plan = plan_seed(
            organisation,
            periods["2022–2026"],
            NEW_PLAN,
            "KS 2023-02-14 § 45",
        )
        _history(organisation, old_plan, rng)
        _now(organisation, new_plan, rng)


def _history(organisation, plan, rng):
    items = list(plan.items.order_by("position"))
    elected, presidia = people_on(organisation, datetime.date(2025, 3, 1))
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
            occasion_seed(
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
        past_training_record(organisation, training, occasions, invitees, rng)
        if item is not None:
            PlanItem.objects.filter(pk=item.pk).update(status=PlanItem.Status.DONE)
    # A training that was cancelled for too few registered.
    cancelled = services.training_create(
        actor=None,
        organisation=organisation,
        title="Medborgardialog i praktiken",
        plan_item=items[3],
    )
    occasion = occasion_seed(
        cancelled,
        [datetime.date(2026, 3, 18)],
        capacity=40,
        location="Vargö, Stadshuset",
        minimum=10,
    )
    past_training_record(organisation, cancelled, [occasion], elected[:60], rng)
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
    elected, presidia = people_on(organisation, today)
    introduction = services.training_create(
        actor=None,
        organisation=organisation,
        title="Introduktion för nya ledamöter i kommunfullmäktige",
        description="Om fullmäktiges arbete, ärendegången och de digitala verktygen.",
    )
    occasion = occasion_seed(
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
    past_training_record(
        organisation, introduction, [occasion], council, rng, attend=0.9
    )

    # Open now: the presidium training in December, nearly full.
    presidium = services.training_create(
        actor=None,
        organisation=organisation,
        title="Presidieutbildning: att leda digitala och hybrida sammanträden",
        plan_item=items[2],
        description="För ordförande och vice ordförande i nämnder och styrelser.",
    )
    start_day = max(today + datetime.timedelta(days=18), datetime.date(2026, 12, 10))
    occasion = occasion_seed(
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
    for category in ("facknamnd", "stadsdelsnamnd", "bolag"):
        services.target_rule_add(
            actor=None,
            training=presidium,
            kind="category",
            category=category,
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
        occasion_seed(
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
    for title in ("Förvaltningschef", "Nämndsekreterare"):
        services.target_rule_add(
            actor=None, training=basic, kind="officials_title", title=title
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
