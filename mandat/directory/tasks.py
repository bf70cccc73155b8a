"""Background work of the directory, run by `mandat worker`."""

import logging

from django_tasks import task

from . import services

logger = logging.getLogger(__name__)


@task()
def import_job_check_task(job_id: int) -> None:
    try:
        services.import_job_check(job_id=job_id)
    except Exception:
        logger.exception("Checking import %s failed", job_id)
        services.import_job_fail(job_id=job_id)
        raise


@task()
def import_job_apply_task(job_id: int) -> None:
    try:
        services.import_job_apply(job_id=job_id)
    except Exception:
        logger.exception("Applying import %s failed", job_id)
        services.import_job_fail(job_id=job_id)
        raise
