"""The import of the register of elected officials: checked in the
background, shown, then applied all or nothing."""

import datetime
import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry, Organisation
from mandat.core.services import Actor, actor_user, audit_entry_build, diff, snapshot

from .. import tasks
from ..imports import (
    FileProblem,
    Plan,
    header_keys,
    message_text,
    plan_import,
    read_table,
)
from ..models import (
    Assignment,
    ImportJob,
    Person,
)
from .people import ASSIGNMENT_FIELDS, PERSON_FIELDS

# The import of the register --------------------------------------------------


@transaction.atomic
def import_job_create(
    *,
    actor: Actor,
    organisation: Organisation,
    filename: str,
    content: bytes,
    end_missing: bool = False,
    end_date: datetime.date | None = None,
    automatic: bool = False,
) -> ImportJob:
    """Store an uploaded register and have the worker check it (a dry run).
    An ``automatic`` import (the register sync's) is applied once it is
    checked without errors, with no one to confirm it."""
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
        # The installation's user model, which an app above this one defines.
        created_by=actor_user(actor),
        filename=filename[:255],
        content=content,
        end_missing=end_missing,
        end_date=end_date if end_missing else None,
        automatic=automatic,
    )
    transaction.on_commit(lambda: tasks.import_job_check_task.enqueue(job.pk))
    return job


def _progress(job: ImportJob) -> Callable[[int], None]:
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
    if job.automatic and plan.ok:
        return import_job_confirm(actor=None, job=job)
    return job


@transaction.atomic
def import_job_confirm(*, actor: Actor, job: ImportJob) -> ImportJob:
    """Have the worker carry out a checked import."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportJob.Status.CHECKED:
        raise ApplicationError(_("Only a checked file without errors can be imported."))
    job.status = ImportJob.Status.APPLYING
    job.rows_done = 0
    job.save(update_fields=["status", "rows_done"])
    transaction.on_commit(lambda: tasks.import_job_apply_task.enqueue(job.pk))
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


def _write_plan(
    plan: Plan, *, actor: Actor, organisation: Organisation, job: ImportJob
) -> None:
    note = _("Import of %(file)s") % {"file": job.filename}
    entries: list[AuditEntry] = []
    entry = functools.partial(
        audit_entry_build, actor=actor, organisation=organisation, message=note
    )
    Person.objects.bulk_create(plan.new_people)
    for person in plan.new_people:
        entries.append(
            entry(
                action=AuditEntry.Action.CREATE,
                instance=person,
                changes=diff({}, snapshot(person, PERSON_FIELDS)),
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
            entry(
                action=AuditEntry.Action.UPDATE,
                instance=person,
                changes=changes,
            )
        )
    new_assignments: list[Assignment] = []
    for assignment, _label in plan.new_assignments:
        assignment.person_id = assignment.person.pk
        new_assignments.append(assignment)
    Assignment.objects.bulk_create(new_assignments, batch_size=500)
    for assignment in new_assignments:
        entries.append(
            entry(
                action=AuditEntry.Action.CREATE,
                instance=assignment,
                changes=diff({}, snapshot(assignment, ASSIGNMENT_FIELDS)),
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
            entry(
                action=AuditEntry.Action.UPDATE,
                instance=assignment,
                changes=changes,
            )
        )
    for assignment in plan.ended_assignments:
        entries.append(
            entry(
                action=AuditEntry.Action.END,
                instance=assignment,
                changes={
                    "ends_on": [
                        None,
                        assignment.ends_on.isoformat() if assignment.ends_on else None,
                    ]
                },
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
    actor: Actor,
    organisation: Organisation,
    rows: list[dict[str, Any]],
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
