import contextlib
import logging
import os
import secrets
import socket
import time
from argparse import ArgumentParser
from collections.abc import Callable
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

from mandat.core.scheduler import scheduler_tick, start_ticking, worker_heartbeat

logger = logging.getLogger("mandat.worker")

# Waits between attempts while the database is away: 1, 2, 4 ... up to 30 s.
BACKOFF_MAX = 30.0


class Command(BaseCommand):
    help = (
        "Run the background worker: queued e-mail and imports, and every minute "
        "the periodic checks (reminders, deadlines, retries). It outlives a "
        "database that goes away: it waits and carries on when it is back."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--tick-interval", type=float, default=60.0)
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument(
            "--batch", action="store_true", help="Stop when the queue is empty."
        )

    def handle(
        self,
        *args: Any,
        interval: float,
        tick_interval: float,
        max_tasks: int | None,
        batch: bool,
        **options: Any,
    ) -> None:
        worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{secrets.token_hex(4)}"
        self._until_database_answers(lambda: worker_heartbeat(worker_id))
        if batch:
            self._until_database_answers(scheduler_tick)
        # The heartbeat tells other workers this one is alive; in batch mode
        # (a one-off run) the periodic checks are left to the real workers.
        stop = start_ticking(tick_interval, worker_id=worker_id, ticks=not batch)
        try:
            self._until_database_answers(
                lambda: call_command(
                    "db_worker",
                    interval=interval,
                    max_tasks=max_tasks,
                    batch=batch,
                    queue_name="*",
                    worker_id=worker_id,
                    startup_delay=False,
                    reload=False,
                )
            )
        finally:
            stop.set()

    def _until_database_answers(self, work: Callable[[], object]) -> None:
        """Run ``work``; when the database fails under it (restarting, locked
        for long, the network gone), drop the connections, wait and run it
        again, waiting longer each time."""
        wait = 1.0
        while True:
            try:
                work()
                return
            except DatabaseError as error:
                logger.warning(
                    "The database failed (%s); trying again in %.0f s", error, wait
                )
                for connection in connections.all(initialized_only=True):
                    # A broken connection is dropped even when closing fails.
                    with contextlib.suppress(DatabaseError):
                        connection.close()
                time.sleep(wait)
                wait = min(wait * 2, BACKOFF_MAX)
