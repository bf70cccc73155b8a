"""The machine a run measured on: its cores, processor and memory, the
versions of what ran, the commit, and whether other work kept it busy."""

import os
import platform
import subprocess
import sys
from pathlib import Path

from bench import pgbench
from bench.cluster import BenchCluster
from bench.server import machine_busy
from bench.wrk import wrk_version


def machine_facts(*, base_dir: Path, cluster: BenchCluster, wrk: str) -> dict:
    """Return the facts of the machine, for the result's ``machine``."""

    def output(*command) -> str:
        try:
            return subprocess.run(
                command, capture_output=True, text=True, cwd=base_dir
            ).stdout.strip()
        except OSError:
            return ""

    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = int(line.split()[1]) // 1024
    versions = output(
        sys.executable,
        "-c",
        "import django, gunicorn, psycopg; print(django.get_version(), "
        "gunicorn.__version__, psycopg.__version__)",
    ).split()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_mb": memory,
        "kernel": platform.release(),
        "os": output("sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"),
        "python": platform.python_version(),
        "django": versions[0] if versions else "",
        "gunicorn": versions[1] if len(versions) > 1 else "",
        "psycopg": versions[2] if len(versions) > 2 else "",
        "postgresql": cluster.version(),
        "pgbench": pgbench.pgbench_version(cluster.bindir),
        "wrk": wrk_version(wrk),
        "commit": output("git", "rev-parse", "--short", "HEAD"),
        "busy_at_start": machine_busy(2),
        "dirty": bool(output("git", "status", "--porcelain", "--untracked-files=no")),
    }
