from typing import Any

from django.core.management.base import BaseCommand

from mandat.core.scheduler import scheduler_tick


class Command(BaseCommand):
    help = "Run the periodic checks once (for cron, or when no worker ticks)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path, result in scheduler_tick().items():
            self.stdout.write(f"{path}: {result}")
