"""Background work of the directory, run by `mandat worker`."""

import logging

from django_tasks import task

from . import services

logger = logging.getLogger(__name__)


@task()
def import_job_check_task(job_id: int) -> None:
    _import_step(services.import_job_check, job_id, "Checking")


@task()
def import_job_apply_task(job_id: int) -> None:
    _import_step(services.import_job_apply, job_id, "Applying")


def _import_step(step, job_id: int, doing: str) -> None:
    """Run one step of an import; if it breaks, the import is marked failed
    (its page says so) and the error stays in the log and the task."""
    try:
        step(job_id=job_id)
    except Exception:
        logger.exception("%s import %s failed", doing, job_id)
        services.import_job_fail(job_id=job_id)
        raise
