"""What an import would do: the plan of people and assignments to create,
change and end, worked out from the checked rows."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Assignment, AssignmentRole, Person
from .files import COLUMN_BY_KEY, Problem
from .matching import Directory, check_across_rows, match_assignment, match_person
from .rows import Row, parse_row

# What a change in the preview does. The preview is stored with the job
# (ImportJob.result), so the words stay as they are.
CREATE, UPDATE, END = "create", "update", "end"
# The counts of the summary that are changes to the directory.
CHANGE_COUNTS = (
    "people_created",
    "people_changed",
    "assignments_created",
    "assignments_changed",
    "assignments_ended",
)


@dataclass
class Plan:
    """What an import would do, and every problem that stops it."""

    problems: list[Problem] = field(default_factory=list)
    new_people: list[Person] = field(default_factory=list)
    changed_people: list[tuple[Person, dict]] = field(default_factory=list)
    new_assignments: list[tuple[Assignment, str]] = field(default_factory=list)
    changed_assignments: list[tuple[Assignment, dict]] = field(default_factory=list)
    ended_assignments: list[Assignment] = field(default_factory=list)
    unchanged_rows: int = 0
    rows_total: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict:
        return {
            "rows": self.rows_total,
            "people_created": len(self.new_people),
            "people_changed": len(self.changed_people),
            "assignments_created": len(self.new_assignments),
            "assignments_changed": len(self.changed_assignments),
            "assignments_ended": len(self.ended_assignments),
            "errors": len(self.problems),
        }

    def preview(self, limit: int = 200) -> list[dict]:
        """Return the first ``limit`` changes as readable rows, fields named by
        the file's own column headers."""

        def headed(changes: dict) -> dict:
            return {
                COLUMN_BY_KEY[key].header: values for key, values in changes.items()
            }

        items: list[dict[str, object]] = []
        for person in self.new_people:
            items.append({"action": CREATE, "what": "person", "label": str(person)})
        for person, changes in self.changed_people:
            items.append(
                {
                    "action": UPDATE,
                    "what": "person",
                    "label": str(person),
                    "changes": headed(changes),
                }
            )
        for assignment, person_label in self.new_assignments:
            items.append(
                {
                    "action": CREATE,
                    "what": "assignment",
                    "label": _assignment_label(assignment, person_label),
                }
            )
        for assignment, changes in self.changed_assignments:
            items.append(
                {
                    "action": UPDATE,
                    "what": "assignment",
                    "label": _assignment_label(assignment, str(assignment.person)),
                    "changes": headed(changes),
                }
            )
        for assignment in self.ended_assignments:
            items.append(
                {
                    "action": END,
                    "what": "assignment",
                    "label": _assignment_label(assignment, str(assignment.person)),
                }
            )
        return items[:limit]


def summary_has_changes(summary: dict) -> bool:
    """Whether a stored summary would change the directory at all."""
    return any(summary.get(key) for key in CHANGE_COUNTS)


def preview_rows(preview: list[dict]) -> list[dict]:
    """The stored preview with what each change does as flags, for the page."""
    return [
        {
            **item,
            "is_new": item["action"] == CREATE,
            "is_changed": item["action"] == UPDATE,
        }
        for item in preview
    ]


def _assignment_label(assignment: Assignment, person_label: str) -> str:
    return f"{person_label} – {assignment.get_role_display()}, {assignment.body.name}"


def plan_import(
    *,
    organisation,
    keys: list[str],
    data: list[list],
    end_missing: bool,
    end_date: datetime.date | None,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    """Check every row against the directory and return what the import would do."""
    directory = Directory(organisation)
    plan = Plan(rows_total=len(data))
    rows: list[Row] = []
    for index, values in enumerate(data):
        # Rows with problems still take part in the checks across rows, so a
        # duplicate of a bad row is reported in the same round.
        rows.append(parse_row(index + 2, keys, values, directory, plan.problems))
        if progress and index % 250 == 249:
            progress(index + 1)
    check_across_rows(rows, directory, plan.problems)
    if plan.problems:
        plan.problems.sort(key=lambda problem: problem.row or 0)
        return plan
    _plan_changes(rows, keys, directory, plan, end_missing, end_date)
    if progress:
        progress(len(data))
    return plan


def _plan_changes(rows, keys, directory, plan, end_missing, end_date) -> None:
    present = set(keys)
    organisation = directory.organisation
    people: dict[str, Person] = {}
    new_people_keys: set[str] = set()
    matched_assignment_ids: set[int] = set()
    bodies_in_file: set[int] = set()
    for row in rows:
        person = people.get(row.person_key)
        if person is None:
            person = match_person(row, directory)
            fields = {
                key: value
                for key, value in row.person.items()
                if key in present or key == "register_id" and value
            }
            if person is None:
                person = Person(organisation=organisation, **fields)
                plan.new_people.append(person)
                new_people_keys.add(row.person_key)
            elif changes := _changed(person, fields):
                plan.changed_people.append((person, changes))
            people[row.person_key] = person
        if row.body is None:
            continue
        bodies_in_file.add(row.body.pk)
        existing = None
        if row.person_key not in new_people_keys:
            existing = match_assignment(
                directory.assignments.get(person.pk, []), row, matched_assignment_ids
            )
        wanted = {
            "party": row.party,
            "starts_on": row.starts_on,
            "ends_on": row.ends_on if "ends_on" in present else None,
            "substitute_order": row.substitute_order
            if row.role == AssignmentRole.SUBSTITUTE
            else None,
            "left_party_on": row.left_party_on,
        }
        if existing is None:
            assignment = Assignment(
                organisation=organisation,
                person=person,
                body=row.body,
                role=row.role,
                period=directory.period_for(row.starts_on),
                **wanted,
            )
            plan.new_assignments.append((assignment, str(person)))
            continue
        matched_assignment_ids.add(existing.pk)
        if "ends_on" not in present:
            wanted["ends_on"] = existing.ends_on
        if "substitute_order" not in present:
            wanted["substitute_order"] = existing.substitute_order
        if "left_party_on" not in present:
            wanted["left_party_on"] = existing.left_party_on
        if changes := _changed(existing, wanted):
            plan.changed_assignments.append((existing, changes))
        else:
            plan.unchanged_rows += 1
    if end_missing and end_date:
        for assignments in directory.assignments.values():
            for assignment in assignments:
                if (
                    assignment.body_id in bodies_in_file
                    and assignment.pk not in matched_assignment_ids
                    and assignment.starts_on <= end_date
                    and (assignment.ends_on is None or assignment.ends_on > end_date)
                ):
                    assignment.ends_on = end_date
                    plan.ended_assignments.append(assignment)


def _changed(record, wanted: dict) -> dict:
    """Set ``record``'s fields to ``wanted`` (not saved) and return what
    changed, ``{field: [before, after]}`` as the preview and the audit trail
    show it; nothing when the row already says the same."""
    changes = {
        key: [_show(getattr(record, key)), _show(value)]
        for key, value in wanted.items()
        if getattr(record, key) != value
    }
    if changes:
        for key, value in wanted.items():
            setattr(record, key, value)
    return changes


def _show(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else pgettext_lazy("answer", "no"))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
