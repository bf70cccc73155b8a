"""The benchmark's PostgreSQL: a cluster of its own under var/bench/pg, made
with initdb and started with pg_ctl (through mandat.testing.pgcluster), kept
between runs so that the generated scales are made once.

Each scale is a database of its own in the one cluster (``mandat_s1``,
``mandat_s40``); a marker file beside the cluster says that a scale was
generated completely, with what and how long it took."""

import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from mandat.testing import pgcluster

# The server's settings for the whole benchmark. Commits do not wait for the
# disk (synchronous_commit=off): pgbench's ceiling and Mandat run on the same
# cluster, so the ratio is fair, and the kept data stays safe (fsync is on).
# pg_stat_statements names the slowest statement of a slow page.
SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "max_connections": "200",
    "shared_buffers": "1GB",
    "effective_cache_size": "4GB",
    "work_mem": "16MB",
    "maintenance_work_mem": "512MB",
    "max_wal_size": "4GB",
    "checkpoint_timeout": "15min",
    "synchronous_commit": "off",
    "shared_preload_libraries": "pg_stat_statements",
    "pg_stat_statements.track": "top",
    "log_min_duration_statement": "1000",
}


class BenchCluster:
    """The kept cluster under ``root``: start it, make and name its
    databases, stop it."""

    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.bindir = pgcluster.find_bindir()
        self.port = 0
        self.handle: pgcluster.Cluster | None = None

    # Life cycle ---------------------------------------------------------------

    def _run_as(self) -> dict:
        return pgcluster.run_as_postgres(self.root)

    def start(self, *, fresh: bool = False) -> None:
        """Start the cluster, making it first when it is missing (or when
        ``fresh`` asks for a new one)."""
        reason = pgcluster.missing_reason()
        if reason:
            raise RuntimeError(reason)
        if fresh and self.root.exists():
            self._stop_leftover()
            shutil.rmtree(self.root)
            for marker in self.root.parent.glob("scale-*.json"):
                marker.unlink()
        self.root.mkdir(parents=True, exist_ok=True)
        run_as = self._run_as()
        if run_as:
            os.chown(self.root, run_as["user"], run_as["group"])
        if not (self.data / "PG_VERSION").exists():
            shutil.rmtree(self.data, ignore_errors=True)
            for marker in self.root.parent.glob("scale-*.json"):
                marker.unlink()
            pgcluster.initdb(bindir=self.bindir, data=self.data, run_as=run_as)
        self._stop_leftover()
        self.port = pgcluster._free_port()
        options = f"-p {self.port} -k {self.root} " + " ".join(
            f"-c {name}={value}" for name, value in SERVER_SETTINGS.items()
        )
        self.handle = pgcluster.Cluster(
            bindir=self.bindir,
            data=self.data,
            options=options,
            log=self.log,
            run_as=run_as,
        )
        self.handle.start()

    def _stop_leftover(self) -> None:
        """Stop a cluster an interrupted run left running."""
        if (self.data / "postmaster.pid").exists():
            subprocess.run(
                [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast"]
                + ["-w", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
                **self._run_as(),
            )

    def stop(self) -> None:
        if self.handle is not None and self.handle.running:
            self.handle.stop()

    # Databases ----------------------------------------------------------------

    def url(self, database: str) -> str:
        return f"postgres://mandat@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user="mandat",
            dbname=database,
            autocommit=True,
        )

    def database_exists(self, database: str) -> bool:
        with self.connect() as admin:
            row = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [database]
            ).fetchone()
        return row is not None

    def recreate_database(self, database: str) -> None:
        from psycopg import sql

        with self.connect() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(database)
                )
            )
            admin.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database))
            )
        with self.connect(database) as db:
            db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")

    def version(self) -> str:
        with self.connect() as admin:
            return admin.execute("SHOW server_version").fetchone()[0]


def database_name(scale: str) -> str:
    return f"mandat_s{scale}"


def database_name_from_url(url: str) -> str:
    return url.rsplit("/", 1)[1]


def marker_path(root: Path, scale: str) -> Path:
    return root / f"scale-{scale}.json"


def generator_fingerprint(base_dir: Path) -> str:
    """Return a hash of the generator's source, so a summary can say that
    the kept data came from an older generator."""
    digest = hashlib.sha256()
    paths = sorted((base_dir / "mandat/portal/generate").rglob("*.py"))
    command = base_dir / "mandat/core/management/commands/generate.py"
    for path in [*paths, command]:
        if path.exists():
            digest.update(path.relative_to(base_dir).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def read_marker(root: Path, scale: str) -> dict | None:
    path = marker_path(root, scale)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text())
    except ValueError:
        return None


def write_marker(root: Path, scale: str, **facts) -> None:
    facts.setdefault("generated_at", time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    marker_path(root, scale).write_text(json.dumps(facts, indent=2) + "\n")
