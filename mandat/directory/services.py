"""Writers for the directory. Every change to a person or an assignment goes
through here and leaves an entry in the audit trail."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry, Organisation
from mandat.core.services import audit_entry_build, audit_record, diff, snapshot

from .imports import (
    FileProblem,
    Plan,
    header_keys,
    message_text,
    plan_import,
    read_table,
)
from .models import (
    KIND_DEFAULTS,
    Assignment,
    AssignmentRole,
    Body,
    ImportJob,
    MandatePeriod,
    Party,
    Person,
    TermRule,
)

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


def _validated(instance):
    try:
        instance.full_clean(validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ApplicationError(
            messages[0], field=None if field == "__all__" else field
        ) from error
    return instance


@transaction.atomic
def mandate_period_create(
    *,
    organisation: Organisation,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    election_date: datetime.date | None = None,
) -> MandatePeriod:
    """Create a mandate period."""
    period = MandatePeriod(
        organisation=organisation,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        election_date=election_date,
    )
    _validated(period).save()
    return period


@transaction.atomic
def party_create(
    *, organisation: Organisation, name: str, abbreviation: str, is_local=False
) -> Party:
    """Create a party."""
    party = Party(
        organisation=organisation,
        name=name,
        abbreviation=abbreviation,
        is_local=is_local,
    )
    _validated(party).save()
    return party


@transaction.atomic
def body_create(
    *,
    organisation: Organisation,
    name: str,
    kind: str,
    short_name: str = "",
    parent: Body | None = None,
    reporting_category: str | None = None,
    is_statutory: bool | None = None,
    term_rule: str | None = None,
    seats: int | None = None,
) -> Body:
    """Create a body; category, statutory status and term rule follow its kind
    unless given."""
    default_category, default_statutory, default_rule = KIND_DEFAULTS[kind]
    if parent is not None and reporting_category is None:
        default_category = parent.reporting_category
    body = Body(
        organisation=organisation,
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        reporting_category=reporting_category or default_category,
        is_statutory=default_statutory if is_statutory is None else is_statutory,
        term_rule=term_rule or default_rule,
        seats=seats,
    )
    _validated(body).save()
    return body


def body_term_start(*, body: Body, period: MandatePeriod) -> datetime.date:
    """Return the day a new term on ``body`` usually begins in ``period``.

    The council's term begins on 15 October of the election year; the
    executive board and the committees on 1 January after it; company and
    foundation boards at their annual meeting (taken as 1 May); bodies
    elected per calendar year on 1 January."""
    election_year = (period.election_date or period.starts_on).year
    match body.term_rule:
        case TermRule.COUNCIL:
            return datetime.date(election_year, 10, 15)
        case TermRule.CALENDAR_YEAR_AFTER_ELECTION | TermRule.CALENDAR_YEAR:
            return datetime.date(election_year + 1, 1, 1)
        case TermRule.ANNUAL_MEETING:
            return datetime.date(election_year + 1, 5, 1)
    return period.starts_on


def body_term_end(*, body: Body, period: MandatePeriod) -> datetime.date | None:
    """Return the day a term on ``body`` usually ends in ``period``."""
    start = body_term_start(body=body, period=period)
    match body.term_rule:
        case TermRule.COUNCIL:
            return datetime.date(start.year + 4, 10, 14)
        case TermRule.CALENDAR_YEAR_AFTER_ELECTION:
            return datetime.date(start.year + 3, 12, 31)
        case TermRule.CALENDAR_YEAR:
            return datetime.date(start.year, 12, 31)
        case TermRule.ANNUAL_MEETING:
            return datetime.date(start.year + 4, 4, 30)
    return period.ends_on


@transaction.atomic
def person_create(*, actor, organisation: Organisation, **fields) -> Person:
    """Create a person in the directory."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    person = Person(organisation=organisation, **fields)
    person.email = person.email.strip().lower()
    _validated(person)
    _check_person_unique(person)
    person.save()
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        instance=person,
        changes=diff({}, snapshot(person, PERSON_FIELDS)),
    )
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **fields) -> Person:
    """Change a person's details."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    before = snapshot(person, PERSON_FIELDS)
    for name, value in fields.items():
        setattr(person, name, value)
    person.email = person.email.strip().lower()
    _validated(person)
    _check_person_unique(person)
    changes = diff(before, snapshot(person, PERSON_FIELDS))
    if changes:
        person.save()
        audit_record(
            actor=actor,
            organisation=person.organisation,
            action=AuditEntry.Action.UPDATE,
            instance=person,
            changes=changes,
        )
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
    actor,
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
    _validated(assignment)
    if Assignment.objects.filter(
        person=person, body=body, role=role, starts_on=starts_on
    ).exists():
        raise ApplicationError(_("This person already has this role from that day."))
    assignment.save()
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        instance=assignment,
        changes=diff({}, snapshot(assignment, ASSIGNMENT_FIELDS)),
    )
    return assignment


@transaction.atomic
def assignment_update(*, actor, assignment: Assignment, **fields) -> Assignment:
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
    _validated(assignment)
    changes = diff(before, snapshot(assignment, ASSIGNMENT_FIELDS))
    if changes:
        assignment.save()
        audit_record(
            actor=actor,
            organisation=assignment.organisation,
            action=AuditEntry.Action.UPDATE,
            instance=assignment,
            changes=changes,
        )
    return assignment


@transaction.atomic
def assignment_end(
    *, actor, assignment: Assignment, ends_on: datetime.date, reason: str = ""
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
    audit_record(
        actor=actor,
        organisation=assignment.organisation,
        action=AuditEntry.Action.END,
        instance=assignment,
        changes=diff(before, snapshot(assignment, ASSIGNMENT_FIELDS)),
    )
    return assignment


# The import of the register --------------------------------------------------


@transaction.atomic
def import_job_create(
    *,
    actor,
    organisation: Organisation,
    filename: str,
    content: bytes,
    end_missing: bool = False,
    end_date: datetime.date | None = None,
) -> ImportJob:
    """Store an uploaded register and have the worker check it (a dry run)."""
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ApplicationError(
            message_text(
                "file_too_large", {"limit": settings.IMPORT_MAX_BYTES // 1024 // 1024}
            ),
            field="file",
        )
    if end_missing and end_date is None:
        raise ApplicationError(
            _("Give the day the missing assignments end."), field="end_date"
        )
    job = ImportJob.objects.create(
        organisation=organisation,
        created_by=actor,
        filename=filename[:255],
        content=content,
        end_missing=end_missing,
        end_date=end_date if end_missing else None,
    )
    from .tasks import import_job_check_task

    transaction.on_commit(lambda: import_job_check_task.enqueue(job.pk))
    return job


def _progress(job: ImportJob):
    def report(done: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(rows_done=done)

    return report


def _plan_for(job: ImportJob) -> Plan:
    try:
        keys, data = read_table(job.filename, bytes(job.content))
    except FileProblem as problem:
        plan = Plan()
        plan.problems.append(problem.problem)
        return plan
    ImportJob.objects.filter(pk=job.pk).update(rows_total=len(data), rows_done=0)
    return plan_import(
        organisation=job.organisation,
        keys=keys,
        data=data,
        end_missing=job.end_missing,
        end_date=job.end_date,
        progress=_progress(job),
    )


def _store_plan(job: ImportJob, plan: Plan, status: str) -> None:
    job.status = status
    job.rows_total = plan.rows_total
    job.rows_done = plan.rows_total
    job.result = {
        "summary": plan.summary(),
        "problems": [problem.as_dict() for problem in plan.problems[:1000]],
        "preview": plan.preview(),
    }
    job.finished_at = timezone.now()
    job.save(
        update_fields=["status", "rows_total", "rows_done", "result", "finished_at"]
    )


def import_job_check(*, job_id: int) -> ImportJob:
    """Check an uploaded register and record what importing it would do.

    Safe to run twice: a job that is no longer being checked is left alone."""
    job = ImportJob.objects.select_related("organisation").get(pk=job_id)
    if job.status != ImportJob.Status.CHECKING:
        return job
    plan = _plan_for(job)
    _store_plan(
        job, plan, ImportJob.Status.CHECKED if plan.ok else ImportJob.Status.REJECTED
    )
    return job


@transaction.atomic
def import_job_confirm(*, actor, job: ImportJob) -> ImportJob:
    """Have the worker carry out a checked import."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportJob.Status.CHECKED:
        raise ApplicationError(_("Only a checked file without errors can be imported."))
    job.status = ImportJob.Status.APPLYING
    job.rows_done = 0
    job.save(update_fields=["status", "rows_done"])
    from .tasks import import_job_apply_task

    transaction.on_commit(lambda: import_job_apply_task.enqueue(job.pk))
    return job


def import_job_apply(*, job_id: int) -> ImportJob:
    """Check the register again against today's directory and, if it is still
    without errors, write every change in one transaction: all or nothing."""
    job = ImportJob.objects.select_related("organisation", "created_by").get(pk=job_id)
    if job.status != ImportJob.Status.APPLYING:
        return job
    plan = _plan_for(job)
    if not plan.ok:
        _store_plan(job, plan, ImportJob.Status.REJECTED)
        return job
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != ImportJob.Status.APPLYING:
            return locked
        _write_plan(plan, actor=job.created_by, organisation=job.organisation, job=job)
        _store_plan(job, plan, ImportJob.Status.APPLIED)
    return job


def _write_plan(plan: Plan, *, actor, organisation, job: ImportJob) -> None:
    note = _("Import of %(file)s") % {"file": job.filename}
    entries = []
    Person.objects.bulk_create(plan.new_people)
    for person in plan.new_people:
        entries.append(
            audit_entry_build(
                actor=actor,
                organisation=organisation,
                action=AuditEntry.Action.CREATE,
                instance=person,
                changes=diff({}, snapshot(person, PERSON_FIELDS)),
                message=note,
            )
        )
    now = timezone.now()
    for person, _changes in plan.changed_people:
        person.updated_at = now
    Person.objects.bulk_update(
        [person for person, _changes in plan.changed_people],
        [*PERSON_FIELDS, "updated_at"],
        batch_size=500,
    )
    for person, changes in plan.changed_people:
        entries.append(
            audit_entry_build(
                actor=actor,
                organisation=organisation,
                action=AuditEntry.Action.UPDATE,
                instance=person,
                changes=changes,
                message=note,
            )
        )
    new_assignments = []
    for assignment, _label in plan.new_assignments:
        assignment.person_id = assignment.person.pk
        new_assignments.append(assignment)
    Assignment.objects.bulk_create(new_assignments, batch_size=500)
    for assignment in new_assignments:
        entries.append(
            audit_entry_build(
                actor=actor,
                organisation=organisation,
                action=AuditEntry.Action.CREATE,
                instance=assignment,
                changes=diff({}, snapshot(assignment, ASSIGNMENT_FIELDS)),
                message=note,
            )
        )
    changed = [assignment for assignment, _changes in plan.changed_assignments]
    for assignment in changed + plan.ended_assignments:
        assignment.updated_at = now
    Assignment.objects.bulk_update(
        changed + plan.ended_assignments,
        [
            "party",
            "starts_on",
            "ends_on",
            "substitute_order",
            "left_party_on",
            "updated_at",
        ],
        batch_size=500,
    )
    for assignment, changes in plan.changed_assignments:
        entries.append(
            audit_entry_build(
                actor=actor,
                organisation=organisation,
                action=AuditEntry.Action.UPDATE,
                instance=assignment,
                changes=changes,
                message=note,
            )
        )
    for assignment in plan.ended_assignments:
        entries.append(
            audit_entry_build(
                actor=actor,
                organisation=organisation,
                action=AuditEntry.Action.END,
                instance=assignment,
                changes={"ends_on": [None, assignment.ends_on.isoformat()]},
                message=note,
            )
        )
    AuditEntry.objects.bulk_create(entries, batch_size=1000)


def import_job_fail(*, job_id: int) -> None:
    """Mark an import that stopped on an unexpected error; nothing was written."""
    ImportJob.objects.filter(
        pk=job_id, status__in=[ImportJob.Status.CHECKING, ImportJob.Status.APPLYING]
    ).update(status=ImportJob.Status.FAILED, finished_at=timezone.now())


@transaction.atomic
def register_import_rows(
    *,
    actor,
    organisation: Organisation,
    rows: list[dict],
    note: str,
    end_missing: bool = False,
    end_date: datetime.date | None = None,
) -> Plan:
    """Import register rows given as dicts keyed by column header, at once.

    For the demo, the benchmark and tests; uploads go through ImportJob."""
    headers = list(rows[0]) if rows else []
    keys = header_keys(headers)
    data = [[row.get(header, "") for header in headers] for row in rows]
    plan = plan_import(
        organisation=organisation,
        keys=keys,
        data=data,
        end_missing=end_missing,
        end_date=end_date,
    )
    if not plan.ok:
        raise ApplicationError(
            "; ".join(
                f"{p.row}/{p.column}: {message_text(p.code, p.params)}"
                for p in plan.problems[:10]
            )
        )
    job = ImportJob(organisation=organisation, filename=note)
    _write_plan(plan, actor=actor, organisation=organisation, job=job)
    return plan
