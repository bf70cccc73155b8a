"""The environment every benchmark runs in: a throwaway SQLite file or
PostgreSQL cluster, and settings that need no set-up."""

import contextlib
import os
import tempfile
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
