import os
import shutil
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand


def gunicorn_argv(*, bind: str, workers: int) -> list[str]:
    """Return the command line of the production web server."""
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or (
        shutil.which("gunicorn") or "gunicorn"
    )
    return [
        gunicorn,
        "config.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        # Masks the tokens of personal links in the access log.
        "--logger-class",
        "mandat.core.security.AccessLogger",
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        "--timeout",
        "60",
    ]


class Command(BaseCommand):
    help = "Run the production web server (gunicorn, static files by WhiteNoise)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3"))
        )

    def handle(self, *args: Any, bind: str, workers: int, **options: Any) -> None:
        argv = gunicorn_argv(bind=bind, workers=workers)
        os.execv(argv[0], argv)
