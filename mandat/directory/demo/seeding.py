"""Seeding the demo directory, and finding a demo person for the demos of
the other apps."""

import datetime
import random

from django.utils import timezone

from ..models import Body, Person
from ..selectors import active_on_q
from ..services import (
    body_create,
    mandate_period_create,
    party_create,
    register_import_rows,
)
from .bodies import BODIES, NEW_PERIOD, OLD_PERIOD
from .names import PARTIES
from .register import DemoRegister


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
    bodies: dict[str, Body] = {}
    for spec in BODIES:
        bodies[spec.name] = body_create(
            organisation=organisation,
            name=spec.name,
            short_name=spec.short_name,
            kind=spec.kind,
            parent=bodies.get(spec.parent) if spec.parent else None,
            reporting_category=spec.category,
            is_statutory=spec.statutory,
            seats=spec.members,
        )
    rows = DemoRegister(random.Random(2026)).rows()
    register_import_rows(actor=None, organisation=organisation, rows=rows, note="demo")


def demo_person(
    organisation, *, title: str | None = None, body: str | None = None, role=None
) -> Person | None:
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
