"""The directory an import compares against, the checks across the rows of
a file, and finding the person and the assignment a row stands for."""

import datetime

from mandat.core.models import Organisation

from ..models import Assignment, Body, MandatePeriod, Party, Person
from .files import COLUMN_BY_KEY, PERSON_KEYS, Problem
from .rows import Row, fold


class Directory:
    """The parts of one organisation's directory an import compares against,
    loaded in a handful of queries."""

    def __init__(self, organisation: Organisation) -> None:
        self.organisation = organisation
        bodies = list(Body.objects.filter(organisation=organisation))
        self.bodies = {}
        for body in bodies:
            self.bodies[fold(body.name)] = body
            if body.short_name:
                self.bodies.setdefault(fold(body.short_name), body)
        self.parties = {}
        for party in Party.objects.filter(organisation=organisation):
            self.parties[fold(party.abbreviation)] = party
            self.parties.setdefault(fold(party.name), party)
        self.periods = list(MandatePeriod.objects.filter(organisation=organisation))
        people = list(Person.objects.filter(organisation=organisation))
        self.people_by_register_id = {p.register_id: p for p in people if p.register_id}
        self.people_by_email = {p.email.lower(): p for p in people if p.email}
        self.assignments: dict[int, list[Assignment]] = {}
        for assignment in Assignment.objects.filter(
            organisation=organisation
        ).select_related("body", "party", "person"):
            self.assignments.setdefault(assignment.person_id, []).append(assignment)

    def period_for(self, day: datetime.date | None) -> MandatePeriod | None:
        for period in self.periods:
            if day and period.contains(day):
                return period
        return None


def check_across_rows(rows: list[Row], directory: Directory, problems) -> None:
    first_row_of_person: dict[str, Row] = {}
    owner_of_email: dict[str, Row] = {}
    first_row_of_assignment: dict[tuple, int] = {}
    for row in rows:
        if row.person_key == "email:":
            continue  # no identity: already reported on the row itself
        earlier = first_row_of_person.setdefault(row.person_key, row)
        if earlier is not row and any(
            earlier.person[key] != row.person[key] for key in PERSON_KEYS
        ):
            problems.append(
                Problem(row.number, None, "conflicting_person", {"row": earlier.number})
            )
        email = row.person["email"]
        if email:
            owner = owner_of_email.setdefault(email, row)
            if owner.person_key != row.person_key:
                problems.append(
                    Problem(
                        row.number,
                        COLUMN_BY_KEY["email"].header,
                        "duplicate_email",
                        {"row": owner.number},
                        email,
                    )
                )
            existing = directory.people_by_email.get(email)
            matched = match_person(row, directory)
            if existing is not None and existing != matched:
                problems.append(
                    Problem(
                        row.number,
                        COLUMN_BY_KEY["email"].header,
                        "email_taken",
                        {"name": str(existing)},
                        email,
                    )
                )
        if row.body is not None:
            key = (row.person_key, row.body.pk, row.role, row.starts_on)
            if key in first_row_of_assignment:
                problems.append(
                    Problem(
                        row.number,
                        None,
                        "duplicate_assignment",
                        {"row": first_row_of_assignment[key]},
                    )
                )
            else:
                first_row_of_assignment[key] = row.number


def match_person(row: Row, directory: Directory) -> Person | None:
    register_id = row.person["register_id"]
    if register_id and register_id in directory.people_by_register_id:
        return directory.people_by_register_id[register_id]
    email = row.person["email"]
    if email and email in directory.people_by_email:
        person = directory.people_by_email[email]
        if not register_id or not person.register_id:
            return person
    return None


def match_assignment(candidates, row: Row, taken: set[int]) -> Assignment | None:
    body = row.body  # a row without problems has its body
    same = [
        a
        for a in candidates
        if body is not None
        and a.body_id == body.pk
        and a.role == row.role
        and a.pk not in taken
    ]
    for assignment in same:
        if assignment.starts_on == row.starts_on:
            return assignment
    for assignment in same:
        if assignment.ends_on is None or (
            row.starts_on and assignment.ends_on >= row.starts_on
        ):
            return assignment
    return None
