from django.core.management import call_command
from django.core.management.base import BaseCommand

from mandat.core.scheduler import scheduler_tick, start_ticking


class Command(BaseCommand):
    help = (
        "Run the background worker: queued e-mail and imports, and every minute "
        "the periodic checks (reminders, deadlines, retries)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--tick-interval", type=float, default=60.0)
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument(
            "--batch", action="store_true", help="Stop when the queue is empty."
        )

    def handle(self, *args, interval, tick_interval, max_tasks, batch, **options):
        scheduler_tick()
        stop = None if batch else start_ticking(tick_interval)
        try:
            call_command(
                "db_worker",
                interval=interval,
                max_tasks=max_tasks,
                batch=batch,
                queue_name="*",
                startup_delay=False,
                reload=False,
            )
        finally:
            if stop is not None:
                stop.set()
