"""Writers for people and their assignments. Every change leaves an entry
in the audit trail."""

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry, Organisation
from mandat.core.services import (
    Actor,
    audit_created,
    audit_record,
    audit_updated,
    changed,
    snapshot,
)

from ..models import (
    Assignment,
    AssignmentRole,
    Body,
    MandatePeriod,
    Party,
    Person,
)
from .setup import validated

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "kind",
    "gender",
    "title",
    "home_municipality",
    "register_id",
    "protected_identity",
)
ASSIGNMENT_FIELDS = (
    "person",
    "body",
    "role",
    "party",
    "left_party_on",
    "substitute_order",
    "period",
    "starts_on",
    "ends_on",
    "end_reason",
)


@transaction.atomic
def person_create(*, actor: Actor, organisation: Organisation, **fields: Any) -> Person:
    """Create a person in the directory."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    person = Person(organisation=organisation, **fields)
    person.email = person.email.strip().lower()
    validated(person)
    _check_person_unique(person)
    person.save()
    audit_created(actor, person, PERSON_FIELDS)
    return person


@transaction.atomic
def person_update(*, actor: Actor, person: Person, **fields: Any) -> Person:
    """Change a person's details."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    before = snapshot(person, PERSON_FIELDS)
    for name, value in fields.items():
        setattr(person, name, value)
    person.email = person.email.strip().lower()
    validated(person)
    _check_person_unique(person)
    changes = changed(before, person)
    if changes:
        person.save()
        audit_updated(actor, person, changes)
    return person


def _check_person_unique(person: Person) -> None:
    others = Person.objects.filter(organisation_id=person.organisation_id).exclude(
        pk=person.pk
    )
    if person.email and others.filter(email__iexact=person.email).exists():
        raise ApplicationError(
            _("Someone else in the directory already has this e-mail address."),
            field="email",
        )
    if person.register_id and others.filter(register_id=person.register_id).exists():
        raise ApplicationError(
            _("Someone else in the directory already has this register id."),
            field="register_id",
        )


@transaction.atomic
def assignment_create(
    *,
    actor: Actor,
    person: Person,
    body: Body,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    party: Party | None = None,
    substitute_order: int | None = None,
    period: MandatePeriod | None = None,
    left_party_on: datetime.date | None = None,
) -> Assignment:
    """Give ``person`` a role on ``body``."""
    organisation = person.organisation
    if body.organisation_id != organisation.pk or (
        party is not None and party.organisation_id != organisation.pk
    ):
        raise ApplicationError(
            _("The body and party must be in the same organisation.")
        )
    assignment = Assignment(
        organisation=organisation,
        person=person,
        body=body,
        role=role,
        party=party,
        substitute_order=substitute_order
        if role == AssignmentRole.SUBSTITUTE
        else None,
        period=period,
        starts_on=starts_on,
        ends_on=ends_on,
        left_party_on=left_party_on,
    )
    validated(assignment)
    if Assignment.objects.filter(
        person=person, body=body, role=role, starts_on=starts_on
    ).exists():
        raise ApplicationError(_("This person already has this role from that day."))
    assignment.save()
    audit_created(actor, assignment, ASSIGNMENT_FIELDS)
    return assignment


@transaction.atomic
def assignment_update(
    *, actor: Actor, assignment: Assignment, **fields: Any
) -> Assignment:
    """Change an assignment: dates, party, call-in order."""
    allowed = {
        "party",
        "left_party_on",
        "substitute_order",
        "starts_on",
        "ends_on",
        "end_reason",
        "period",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown assignment fields: {sorted(unknown)}")
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    for name, value in fields.items():
        setattr(assignment, name, value)
    validated(assignment)
    changes = changed(before, assignment)
    if changes:
        assignment.save()
        audit_updated(actor, assignment, changes)
    return assignment


@transaction.atomic
def assignment_end(
    *, actor: Actor, assignment: Assignment, ends_on: datetime.date, reason: str = ""
) -> Assignment:
    """End an assignment on ``ends_on`` (someone leaves the body)."""
    if ends_on < assignment.starts_on:
        raise ApplicationError(
            _("The end date is before the start date."), field="ends_on"
        )
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.ends_on = ends_on
    assignment.end_reason = reason
    assignment.save(update_fields=["ends_on", "end_reason", "updated_at"])
    changes = changed(before, assignment)
    audit_record(
        actor=actor, action=AuditEntry.Action.END, instance=assignment, changes=changes
    )
    return assignment
