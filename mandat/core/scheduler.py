"""Periodic work: every minute the worker runs each registered tick. A tick
finds what is due (reminders, deadlines, retries) and queues it with keys
that make queueing twice harmless, so any number of workers may tick."""

import logging
import threading
import time

from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

TICKS: list[str] = [
    "mandat.notifications.services.message_retry_due",
]


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
    results = {}
    for path in TICKS:
        if minute is not None and minute % INTERVALS.get(path, 1):
            continue
        try:
            results[path] = import_string(path)()
        except Exception:  # one broken tick must not stop the others
            logger.exception("Tick %s failed", path)
            results[path] = "failed"
    return results


def start_ticking(interval: float = 60.0) -> threading.Event:
    """Run ``scheduler_tick`` every ``interval`` seconds in a daemon thread."""
    stop = threading.Event()

    def loop():
        while not stop.wait(interval):
            close_old_connections()
            scheduler_tick(minute=int(time.time() // 60))
        close_old_connections()

    threading.Thread(target=loop, name="mandat-scheduler", daemon=True).start()
    return stop
