"""Periodic work: every minute the worker runs each registered tick. A tick
finds what is due (reminders, deadlines, retries) and queues it with keys
that make queueing twice harmless, so any number of workers may tick."""

import logging
import threading

from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

TICKS: list[str] = [
    "mandat.notifications.services.message_retry_due",
]


def register_tick(path: str) -> None:
    if path not in TICKS:
        TICKS.append(path)


def scheduler_tick() -> dict[str, object]:
    """Run every tick once; return what each reported."""
    results = {}
    for path in TICKS:
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
            scheduler_tick()
        close_old_connections()

    threading.Thread(target=loop, name="mandat-scheduler", daemon=True).start()
    return stop
