"""Periodic work: every minute the worker runs each registered tick. A tick
finds what is due (reminders, deadlines, retries) and queues it with keys
that make queueing twice harmless, so any number of workers may tick."""

import logging
import threading
import time

from django.db import close_old_connections
from django.utils.module_loading import import_string

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# Each app registers its ticks in its AppConfig.ready() (register_tick).
TICKS: list[str] = ["mandat.core.scheduler.tasks_recover_interrupted"]

# A task taken by workers this many times without finishing is given up.
TASK_MAX_RUNS = 3


class TaskInterrupted(Exception):
    """The worker running the task stopped before the task finished."""


# Ticks that need not run every minute: path → minutes between runs.
INTERVALS: dict[str, int] = {}


def register_tick(path: str, *, every_minutes: int = 1) -> None:
    if path not in TICKS:
        TICKS.append(path)
    if every_minutes > 1:
        INTERVALS[path] = every_minutes


def scheduler_tick(*, minute: int | None = None) -> dict[str, object]:
    """Run the ticks due at ``minute`` (minutes since the epoch; every tick
    when None, as `mandat tick` does); return what each reported."""
    results: dict[str, object] = {}
    for path in TICKS:
        if minute is not None and minute % INTERVALS.get(path, 1):
            continue
        try:
            results[path] = import_string(path)()
        except Exception:  # one broken tick must not stop the others
            logger.exception("Tick %s failed", path)
            results[path] = "failed"
    return results


def worker_heartbeat(worker_id: str) -> None:
    """Record that the worker ``worker_id`` is alive now."""
    from django.utils import timezone

    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now},
        create_defaults={"seen_at": now, "started_at": now},
    )


def tasks_recover_interrupted() -> int:
    """Run again the tasks left "running" by a worker that died (killed, its
    machine restarted, the database gone mid-task): every Mandat task is safe
    to run twice. A worker counts as dead when it has not said it was alive
    for ``TASK_STALE_SECONDS``. A task taken ``TASK_MAX_RUNS`` times is marked
    failed instead, so a task that kills its worker cannot loop. Return how
    many were recovered."""
    import datetime

    from django.conf import settings
    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    stale = timezone.now() - datetime.timedelta(seconds=settings.TASK_STALE_SECONDS)
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=stale).values_list(
            "worker_id", flat=True
        )
    )
    recovered = 0
    for result in DBTaskResult.objects.running().filter(started_at__lt=stale)[:500]:
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue  # a long task of a live worker
        if len(result.worker_ids) >= TASK_MAX_RUNS:
            logger.error(
                "Task %s was cut off %s times; failed", result.pk, TASK_MAX_RUNS
            )
            result.set_failed(TaskInterrupted("the worker stopped during the task"))
        else:
            logger.warning(
                "Task %s was cut off with its worker; queued again", result.pk
            )
            DBTaskResult.objects.filter(pk=result.pk, status=result.status).update(
                status=TaskResultStatus.READY,
                started_at=None,
                run_after=timezone.now(),
            )
        recovered += 1
    WorkerHeartbeat.objects.filter(
        seen_at__lt=timezone.now() - datetime.timedelta(days=1)
    ).delete()
    return recovered


def start_ticking(
    interval: float = 60.0, *, worker_id: str = "", ticks: bool = True
) -> threading.Event:
    """Every ``interval`` seconds, in a daemon thread, say that ``worker_id``
    is alive and (unless ``ticks`` is false) run ``scheduler_tick``. A
    database that fails is logged and tried again at the next beat."""
    stop = threading.Event()

    def beat() -> None:
        close_old_connections()
        if worker_id:
            try:
                worker_heartbeat(worker_id)
            except Exception:  # the database may be away: try at the next beat
                logger.exception("Could not record the worker's heartbeat")
        if ticks:
            scheduler_tick(minute=int(time.time() // 60))

    def loop() -> None:
        beat()
        while not stop.wait(interval):
            beat()
        close_old_connections()

    threading.Thread(target=loop, name="mandat-scheduler", daemon=True).start()
    return stop
