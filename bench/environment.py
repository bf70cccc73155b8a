"""The environment every benchmark runs in: a throwaway SQLite file or
PostgreSQL cluster, and settings that need no set-up; and how a benchmark
script starts in it (``bench_main``)."""

import argparse
import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


@contextlib.contextmanager
def bench_environment(*, postgres: bool):
    """Point Django at a fresh database for the length of the block."""
    workdir = Path(tempfile.mkdtemp(prefix="mandat-bench-"))
    with contextlib.ExitStack() as stack:
        if postgres:
            from mandat.testing.pgcluster import cluster

            os.environ["DATABASE_URL"] = stack.enter_context(cluster())
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
        os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
        os.environ["MANDAT_VAR_DIR"] = str(workdir)
        os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
        os.environ["WHITENOISE_USE_FINDERS"] = "1"
        os.environ["STATICFILES_BACKEND"] = (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
        yield workdir


def bench_main(run: Callable[[argparse.Namespace], None], **defaults: int) -> None:
    """Run a benchmark script: parse its options (``--name`` for each keyword,
    a whole number defaulting to its value) and ``--postgres``, then call
    ``run(args)`` with Django set up on a fresh, migrated database."""
    parser = argparse.ArgumentParser()
    for name, default in defaults.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=default)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with bench_environment(postgres=args.postgres):
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        run(args)
