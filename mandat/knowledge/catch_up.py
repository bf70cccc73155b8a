"""Catch-up for newcomers: someone who got their first assignment recently
sees the basic programme's items they have not taken, with the films of each
and its next occasions, and is invited to them (unless the coordinator turned
catch-up off for the item)."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mandat.core.models import Organisation
from mandat.directory.models import Person
from mandat.directory.selectors import newcomer_ids
from mandat.trainings.models import (
    Invitation,
    Occasion,
    PlanItem,
    SessionAttendance,
    Training,
)
from mandat.trainings.services import invitation_send

from .models import Film, FilmView

ATTENDED = (SessionAttendance.Status.ATTENDED, SessionAttendance.Status.PARTLY)


@dataclass
class CatchUpItem:
    item: PlanItem
    films: list[Film] = field(default_factory=list)
    watched: list[Film] = field(default_factory=list)
    occasions: list[Occasion] = field(default_factory=list)


def basic_items(organisation, day: datetime.date) -> list[PlanItem]:
    """The basic programme of the plan of the period that ``day`` falls in."""
    return list(
        PlanItem.objects.filter(
            plan__organisation=organisation,
            plan__period__starts_on__lte=day,
            plan__period__ends_on__gte=day,
            is_basic=True,
            catch_up=True,
        ).order_by("year", "month", "position")
    )


def catch_up_list(person: Person) -> list[CatchUpItem]:
    """The basic items ``person`` has not taken, with films and occasions."""
    today = timezone.localdate()
    items = basic_items(person.organisation, today)
    taken = set(
        SessionAttendance.objects.filter(
            registration__person=person,
            status__in=ATTENDED,
            registration__training__plan_item__in=items,
        ).values_list("registration__training__plan_item_id", flat=True)
    )
    missing = [item for item in items if item.pk not in taken]
    films = Film.objects.filter(
        Q(plan_item__in=missing) | Q(training__plan_item__in=missing),
        status=Film.Status.PUBLISHED,
    ).select_related("training")
    watched = set(
        FilmView.objects.filter(person=person, film__in=films).values_list(
            "film_id", flat=True
        )
    )
    occasions = (
        Occasion.objects.filter(
            training__plan_item__in=missing,
            training__status=Training.Status.OPEN,
            starts_at__gt=timezone.now(),
        )
        .exclude(status=Occasion.Status.CANCELLED)
        .select_related("training")
        .order_by("starts_at")
    )
    rows = {item.pk: CatchUpItem(item=item) for item in missing}
    for film in films:
        # The query took films of a plan item or of a training of one.
        item_id = film.plan_item_id or (
            film.training.plan_item_id if film.training is not None else None
        )
        if item_id in rows:
            target = (
                rows[item_id].watched if film.pk in watched else rows[item_id].films
            )
            target.append(film)
    for occasion in occasions:
        item_id = occasion.training.plan_item_id  # the query took items' only
        if item_id is not None:
            rows[item_id].occasions.append(occasion)
    return list(rows.values())


def newcomers(organisation) -> list[Person]:
    """The organisation's newcomers (``directory.selectors.newcomer_ids``),
    in need of the basic programme."""
    ids = newcomer_ids(organisation=organisation, on=timezone.localdate())
    return list(Person.objects.filter(pk__in=ids).order_by("last_name", "first_name"))


@transaction.atomic
def catch_up_invite(*, actor, person: Person) -> int:
    """Invite ``person`` to the next open occasion of each basic item they
    have not taken; return how many trainings they were invited to."""
    invited = 0
    already = set(
        Invitation.objects.filter(person=person).values_list("training_id", flat=True)
    )
    for row in catch_up_list(person):
        trainings = {o.training for o in row.occasions}
        for training in trainings:
            if training.pk in already:
                continue
            invitation_send(actor=actor, training=training, people=[person])
            already.add(training.pk)
            invited += 1
    return invited


def catch_up_due() -> int:
    """Invite the newcomers of every organisation; run by the worker."""
    invited = 0
    for organisation in Organisation.objects.all():
        for person in newcomers(organisation):
            invited += catch_up_invite(actor=None, person=person)
    return invited
