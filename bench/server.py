"""Mandat as production runs it: `mandat serve` (gunicorn, DEBUG off) and one
`mandat worker`, with the benchmark's instrumentation switched on
(MANDAT_BENCH=1, mandat/core/bench.py). The processes' CPU time and resident
memory are read from /proc."""

import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

WORKERS = 4
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(
    *, base_dir: Path, var_dir: Path, database_url: str, port: int
) -> dict:
    """Return the environment of the server, the worker and the helper
    scripts: production settings, the bench database, instrumentation on."""
    env = {
        key: value
        for key, value in os.environ.items()
        # Nothing of the caller's own Mandat configuration leaks in.
        if not key.startswith(("DJANGO_", "MANDAT_"))
        and key
        not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "EMAIL_BACKEND"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(WORKERS),
        SECURE_COOKIES="false",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        WHITENOISE_USE_FINDERS="true",
        MANDAT_VAR_DIR=str(var_dir),
        MANDAT_BENCH="1",
        # Mail is queued in the outbox as always; the worker sends it nowhere.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(base_dir),
    )
    return env


class Server:
    """gunicorn and the worker on one database; ``start()``, ``stop()`` and
    the workers' figures from /proc."""

    def __init__(self, *, mandat: str, env: dict, log_dir: Path, label: str):
        self.mandat, self.env, self.log_dir, self.label = mandat, env, log_dir, label
        self.base_url = "http://" + env["BIND"]
        self.web: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    def _log(self, command: str) -> Path:
        return self.log_dir / f"{command}-{self.label}.log"

    def _spawn(self, command: str) -> subprocess.Popen:
        """Start ``mandat <command>`` in a session of its own, its output in
        its log file."""
        return subprocess.Popen(
            [self.mandat, command],
            env=self.env,
            stdout=open(self._log(command), "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.web, self.worker = self._spawn("serve"), self._spawn("worker")
        web_log = self._log("serve")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.web.poll() is not None:
                raise RuntimeError(f"mandat serve stopped at start; see {web_log}")
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=5):
                    pass
                if len(self.web_workers()) == WORKERS:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"mandat serve did not answer; see {web_log}")

    def stop(self) -> None:
        for process in (self.web, self.worker):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (self.web, self.worker):
            if process is None:
                continue
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    # /proc ------------------------------------------------------------------

    def web_workers(self) -> list[int]:
        """Return the pids of gunicorn's worker processes."""
        return children(self.web.pid) if self.web else []

    def worker_pids(self) -> list[int]:
        """Return the pids of the task worker (and anything it started)."""
        if self.worker is None:
            return []
        return [self.worker.pid, *children(self.worker.pid)]

    def web_cpu_seconds(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.web_workers())

    def worker_cpu_seconds(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.worker_pids())

    def rss_mb(self) -> list[float]:
        return [rss_mb(pid) for pid in self.web_workers()]

    def wait_idle(self, *, quiet_seconds: float = 0.3, limit: float = 120) -> float:
        """Wait until the web workers and the task worker stop spending CPU
        (requests a finished load left in the queue are done, and the task
        worker's start, its tick or the e-mails it writes); return how long
        it took."""
        started = time.monotonic()

        def spent() -> float:
            return self.web_cpu_seconds() + self.worker_cpu_seconds()

        before = spent()
        while time.monotonic() - started < limit:
            time.sleep(quiet_seconds)
            now = spent()
            if now - before < 0.02:
                break
            before = now
        return time.monotonic() - started


def children(pid: int) -> list[int]:
    """Return the direct children of ``pid`` from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def cpu_seconds(pid: int) -> float:
    """Return the user plus system CPU time of ``pid``, in seconds."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    # utime and stime are fields 14 and 15 of proc(5), 12 and 13 here.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_mb(pid: int) -> float:
    """Return the resident memory (VmRSS) of ``pid`` in MB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def machine_busy(seconds: float = 1.0) -> float:
    """Return the share of all cores busy over ``seconds`` (/proc/stat), to
    tell whether something else runs on the machine while measuring."""

    def sample():
        fields = [int(v) for v in Path("/proc/stat").read_text().split()[1:9]]
        idle = fields[3] + fields[4]  # idle + iowait
        return sum(fields), idle

    total_before, idle_before = sample()
    time.sleep(seconds)
    total_after, idle_after = sample()
    total = total_after - total_before
    return round(1 - (idle_after - idle_before) / total, 3) if total else 0.0
