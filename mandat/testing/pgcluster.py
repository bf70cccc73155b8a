"""A throwaway PostgreSQL cluster for the test suite, started from the server
binaries (initdb, pg_ctl) and removed afterwards.

PostgreSQL refuses to run as root, so when the suite runs as root (as CI does)
the cluster is started as the unprivileged user ``postgres``."""

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def find_bindir() -> Path | None:
    """Return the directory holding initdb and pg_ctl, or None."""
    on_path = shutil.which("pg_ctl")
    if on_path:
        # Debian links pg_ctl into the PATH; initdb lives beside its target.
        bindir = Path(on_path).resolve().parent
        if (bindir / "initdb").exists():
            return bindir
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda path: (
            int(Path(path).parent.parent.name)
            if Path(path).parent.parent.name.isdigit()
            else 0
        ),
        reverse=True,
    )
    for candidate in candidates:
        bindir = Path(candidate).parent
        if (bindir / "initdb").exists():
            return bindir
    return None


def missing_reason() -> str | None:
    """Say why a cluster cannot be started here, or None if it can."""
    if find_bindir() is None:
        return (
            "the PostgreSQL server binaries (initdb, pg_ctl) were not found; "
            "install them with: apt install postgresql"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return (
                "running as root and there is no 'postgres' user to run the "
                "cluster as; install the postgresql package or run as a normal user"
            )
    return None


def run_as_postgres(home: Path) -> dict:
    """Return the keyword arguments of ``subprocess.run`` that run a server
    binary as the user ``postgres`` when running as root (none otherwise)."""
    if os.geteuid() != 0:
        return {}
    account = pwd.getpwnam("postgres")
    return {
        "user": account.pw_uid,
        "group": account.pw_gid,
        "extra_groups": [],
        "env": {**os.environ, "HOME": str(home)},
    }


def initdb(*, bindir: Path, data: Path, run_as: dict) -> None:
    """Make a new cluster in ``data`` whose superuser ``mandat`` signs in
    without a password."""
    subprocess.run(
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "mandat",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        **run_as,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A running throwaway cluster that a test may stop and start again, as
    an administrator restarting PostgreSQL under a running Mandat would."""

    def __init__(self, *, bindir: Path, data: Path, options: str, log: Path, run_as):
        self.bindir, self.data, self.options, self.log = bindir, data, options, log
        self.run_as = run_as
        self.url = ""

    def _pg_ctl(self, *args: str, check: bool = True) -> None:
        subprocess.run(
            [str(self.bindir / "pg_ctl"), "-D", str(self.data), *args],
            check=check,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **self.run_as,
        )

    def start(self) -> None:
        self._pg_ctl("-o", self.options, "-l", str(self.log), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-m", mode, "-w", "stop")

    @property
    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster and yield its DATABASE_URL; stop and delete it after."""
    with cluster_handle() as handle:
        yield handle.url


@contextlib.contextmanager
def cluster_handle() -> Iterator[Cluster]:
    """Start a cluster and yield it (``.url``, ``.stop()``, ``.start()``);
    stop and delete it after."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError(missing_reason())
    base = Path(tempfile.mkdtemp(prefix="mandat-pg-"))
    run_as = run_as_postgres(base)
    if run_as:
        os.chown(base, run_as["user"], run_as["group"])
    data = base / "data"
    port = _free_port()
    options = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
        "-c max_connections=200"
    )
    handle = Cluster(
        bindir=bindir,
        data=data,
        options=options,
        log=base / "server.log",
        run_as=run_as,
    )
    try:
        initdb(bindir=bindir, data=data, run_as=run_as)
        handle.start()
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            port=port,
            user="mandat",
            dbname="postgres",
            autocommit=True,
        ) as admin:
            admin.execute("CREATE DATABASE mandat")
        handle.url = f"postgres://mandat@127.0.0.1:{port}/mandat"
        yield handle
    finally:
        if handle.running:
            handle._pg_ctl("-m", "immediate", "stop", check=False)
        shutil.rmtree(base, ignore_errors=True)
