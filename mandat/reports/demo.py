"""Costs and budgets of the demo: each held or planned training has the
costs a municipality books (speaker, venue, catering per participant,
filming), against a yearly budget that one year goes over."""

import random

from django.db import transaction
from django.utils import timezone

from mandat.trainings.models import PlanItem, Registration, Training

from . import services
from .models import Budget, CostLine, ReportNarrative


def seed(*, organisation) -> None:
    """Create the demo costs and budgets unless they exist."""
    if Budget.objects.filter(organisation=organisation).exists():
        return
    rng = random.Random(2029)
    this_year = timezone.localdate().year
    trainings = list(
        Training.objects.filter(organisation=organisation)
        .exclude(status=Training.Status.CANCELLED)
        .prefetch_related("occasions")
        .order_by("id")
    )
    with transaction.atomic():
        for year, amount in ((this_year - 1, 180_000), (this_year, 250_000)):
            services.budget_set(
                actor=None,
                organisation=organisation,
                year=year,
                amount=amount,
                note="Kommunstyrelsens anslag för politikerutbildning",
            )
        lines = []
        for training in trainings:
            occasions = list(training.occasions.all())
            if not occasions:
                continue
            first = occasions[0]
            day = timezone.localdate(first.starts_at)
            people = Registration.objects.filter(
                training=training, status=Registration.Status.REGISTERED
            ).count()
            costs = [
                ("speaker", rng.choice([12_000, 18_500, 25_000, 32_000]), "Föreläsare"),
                ("venue", rng.choice([0, 4_500, 8_000]) * len(occasions), "Lokalhyra"),
                ("catering", 145 * max(people, 10), "Fika och lunch"),
            ]
            if rng.random() < 0.4:
                costs.append(("filming", 15_000, "Filmning och textning"))
            if rng.random() < 0.3:
                costs.append(("moderator", 9_000, "Extern moderator"))
            for category, amount, what in costs:
                if amount:
                    lines.append(
                        CostLine(
                            organisation=organisation,
                            training=training,
                            occasion=first,
                            category=category,
                            amount=amount,
                            incurred_on=day,
                            supplier="Exempelföretaget AB"
                            if category != "catering"
                            else "Stadshusets restaurang",
                            description=what,
                        )
                    )
        CostLine.objects.bulk_create(lines)
        # In the last period, the common trainings held for everyone were
        # the basic programme, so its follow-up has something to show.
        PlanItem.objects.filter(
            plan__organisation=organisation,
            plan__period__starts_on__lt=timezone.localdate(),
            plan__period__ends_on__lt=timezone.localdate(),
            trainings__status=Training.Status.HELD,
        ).update(is_basic=True)
        for year in (this_year - 1, this_year):
            ReportNarrative.objects.create(
                organisation=organisation,
                year=year,
                introduction=(
                    f"Styrgruppen för politikerutbildning redovisar här {year} års "
                    "arbete till kommunstyrelsen: genomförda utbildningar, "
                    "deltagande, utvärderingar och ekonomi."
                ),
                trainings=(
                    "Utbildningarna har genomförts enligt utbildningsplanen med "
                    "några undantag. En utbildning ställdes in på grund av för få "
                    "anmälda och en flyttades för att inte krocka med "
                    "budgetfullmäktige."
                ),
                evaluations=(
                    "Deltagarna är överlag nöjda. Flera efterfrågar mer tid för "
                    "frågor och materialet i förväg, vilket tas med i planeringen."
                ),
                economy=(
                    "Kostnaderna består främst av föreläsare, lokaler och "
                    "förtäring. Filmade utbildningar gör att fler kan ta del i "
                    "efterhand."
                ),
                outlook=(
                    "Nästa år genomförs en workshop om tillitsbaserad styrning och "
                    "en fördjupad utbildning för presidierna i att leda digitala "
                    "sammanträden."
                ),
            )
