"""The load: wrk (Debian's package) in a process of its own on loopback,
bounded in time and connections, with the Lua scripts in bench/lua/ that
print their figures as one JSON line."""

import json
import os
import shutil
import subprocess
from pathlib import Path

LUA_DIR = Path(__file__).resolve().parent / "lua"
MARK = "WRK_JSON "


def find_wrk(*, install: bool = True) -> str:
    """Return the wrk command; install Debian's package when it is missing
    and this runs as root, else say how."""
    found = shutil.which("wrk")
    if found:
        return found
    if install and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (apt-get install -y wrk) ...", flush=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"],
            check=False,
            stdout=subprocess.DEVNULL,
        )
        found = shutil.which("wrk")
        if found:
            return found
    raise RuntimeError("wrk is missing; install it with: apt install wrk")


def wrk_version(wrk: str) -> str:
    result = subprocess.run([wrk, "--version"], capture_output=True, text=True)
    text = (result.stdout or result.stderr).strip().splitlines()
    return text[0].split(" Copyright")[0] if text else ""


def parse_wrk_output(text: str) -> dict:
    """Return the figures of a wrk run from its output: the JSON line the
    Lua scripts print, in milliseconds and requests per second."""
    line = next((line for line in text.splitlines() if line.startswith(MARK)), None)
    if line is None:
        raise ValueError("no WRK_JSON line in wrk's output:\n" + text[-2000:])
    raw = json.loads(line[len(MARK) :])
    seconds = raw["duration_us"] / 1e6
    requests = int(raw["requests"])
    latency = raw["latency_us"]
    sums = raw.get("sums") or {}
    counted = sums.get("counted", 0)
    errors = {key: int(value) for key, value in (raw.get("errors") or {}).items()}
    statuses = {
        str(int(float(key))): int(value)
        for key, value in (raw.get("statuses") or {}).items()
    }
    result = {
        "requests": requests,
        "seconds": round(seconds, 3),
        "rps": round(requests / seconds, 2) if seconds else 0.0,
        "statuses": statuses,
        "errors": errors,
        "bytes": int(raw.get("bytes", 0)),
        "lines_used": int(raw.get("lines_used", 0)),
    }
    if requests:
        for name in ("p50", "p75", "p90", "p95", "p99"):
            result[f"{name}_ms"] = round(latency[name] / 1000, 2)
        result["max_ms"] = round(latency["max"] / 1000, 2)
        result["mean_ms"] = round(latency["mean"] / 1000, 2)
    else:
        for name in ("p50", "p75", "p90", "p95", "p99", "max", "mean"):
            result[f"{name}_ms"] = None
    for name in ("queries", "sql_ms", "commits", "cpu_ms"):
        result[f"{name}_mean"] = (
            round(sums[name] / counted, 2) if counted and name in sums else None
        )
    return result


def run_wrk(
    wrk: str,
    *,
    url: str,
    connections: int,
    seconds: float,
    script: str = "page.lua",
    headers: tuple[str, ...] = (),
    lines: Path | None = None,
    timeout: float = 30,
) -> dict:
    """Run wrk against ``url`` and return parse_wrk_output's figures."""
    env = {**os.environ, "BENCH_LUA_DIR": str(LUA_DIR), "BENCH_THREADS": "1"}
    if lines is not None:
        env["BENCH_LINES"] = str(lines)
    command = [
        wrk,
        "-t",
        "1",
        "-c",
        str(connections),
        "-d",
        f"{seconds:g}s",
        "--timeout",
        f"{timeout:g}s",
        "-s",
        str(LUA_DIR / script),
    ]
    for header in headers:
        command += ["-H", header]
    command.append(url)
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env,
        timeout=seconds + timeout + 60,
    )
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed: {result.stderr.strip() or result.stdout}")
    return parse_wrk_output(result.stdout)


def failed_requests(figures: dict, *, expected: str) -> int:
    """Return the answers that were not ``expected`` plus wrk's socket
    errors and timeouts."""
    wrong = sum(n for status, n in figures["statuses"].items() if status != expected)
    errors = figures.get("errors") or {}
    return wrong + sum(
        errors.get(k, 0) for k in ("connect", "read", "write", "timeout")
    )
