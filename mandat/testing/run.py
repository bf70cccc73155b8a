"""`make test`: the whole suite, in parts.

    checks      ruff (lint and format), mypy (types), migrations up to date,
                translations
    sqlite      every test except the browser tests, on SQLite
    postgres    every test except the browser and standalone tests, on a
                throwaway PostgreSQL (standalone tests start Mandat in processes
                of their own on their own SQLite file: once is enough)
    browser     the browser tests in headless Chromium (on PostgreSQL when it runs)

A part that cannot run here (no Chromium, no PostgreSQL binaries) is reported
loudly with how to install what is missing. The outcome of each part is written
to var/test-summary.json, which .ci/run reads to refuse skipped parts.

Extra arguments are passed to every pytest run, e.g. `make test ARGS=-x`."""

import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from . import pgcluster

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR = BASE_DIR / "var"
RESULTS = VAR / "test-results"
BIN = Path(sys.executable).parent
MYPY_SECRET_KEY = "type-checking-only-secret-key-never-used-to-sign-anything"


def banner(text: str) -> None:
    print(f"\n{'=' * 78}\n{text}\n{'=' * 78}", flush=True)


def loud(text: str) -> None:
    line = "!" * 78
    print(f"\n{line}\n{text}\n{line}\n", flush=True)


def junit_counts(path: Path) -> dict:
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if not path.exists():
        return counts
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    for suite in suites:
        for key in counts:
            counts[key] += int(suite.get(key, 0))
    return counts


class PytestRun:
    """One part's pytest, started now. In the background its output goes to
    a file of its own (two parts at once would interleave their dots),
    printed when ``result()`` waits for it."""

    def __init__(
        self, name: str, marker: str, env: dict, extra: list[str], *, background=False
    ) -> None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.junit = RESULTS / f"{name}.xml"
        self.junit.unlink(missing_ok=True)
        command = [
            str(BIN / "python"),
            "-m",
            "pytest",
            "-m",
            marker,
            f"--junitxml={self.junit}",
            "-q",
            # Two parts at once must not write pytest's cache together.
            "-p",
            "no:cacheprovider",
            *extra,
        ]
        self.log = (RESULTS / f"{name}.log").open("w") if background else None
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT if self.log else None,
        )

    def result(self) -> dict:
        code = self.process.wait()
        seconds = round(time.monotonic() - self.started, 1)
        if self.log is not None:
            self.log.close()
            banner(f"{self.name}: its output (it ran beside the part above)")
            print((RESULTS / f"{self.name}.log").read_text(), end="", flush=True)
        return _outcome(self.name, code, seconds, junit_counts(self.junit))


def run_pytest(name: str, marker: str, env: dict, extra: list[str]) -> dict:
    return PytestRun(name, marker, env, extra).result()


def _outcome(name: str, code: int, seconds: float, counts: dict) -> dict:
    if code == 5:
        # "No tests ran" is neither a pass nor a fail: the part is broken.
        loud(f"{name}: pytest collected no tests. That is an error in the suite.")
        status = "failed"
    else:
        status = "passed" if code == 0 else "failed"
    return {"status": status, "exit_code": code, "seconds": seconds, **counts}


def run_checks(env: dict) -> dict:
    started = time.monotonic()
    # mypy's Django plugin loads the settings, which refuse to start without a
    # SECRET_KEY (main() sets one for the tests; a caller may not have).
    mypy_env = {**env, "SECRET_KEY": env.get("SECRET_KEY") or MYPY_SECRET_KEY}
    steps = [
        ([str(BIN / "ruff"), "check", "."], env),
        ([str(BIN / "ruff"), "format", "--check", "."], env),
        ([str(BIN / "mypy")], mypy_env),
        ([str(BIN / "python"), "-m", "mandat.core.translations"], env),
        (
            [
                str(BIN / "python"),
                "-m",
                "mandat.cli",
                "makemigrations",
                "--check",
                "--dry-run",
            ],
            env,
        ),
    ]
    failed = []
    for step, step_env in steps:
        if subprocess.run(step, cwd=BASE_DIR, env=step_env).returncode != 0:
            failed.append(" ".join([Path(step[0]).name, *step[1:]]))
    return {
        "status": "failed" if failed else "passed",
        "failed_steps": failed,
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> int:
    extra = sys.argv[1:]
    base_env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    base_env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    base_env.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
    summary: dict = {"parts": {}}
    parts = summary["parts"]
    started = time.monotonic()

    banner("checks: ruff, mypy, translations, migrations")
    parts["checks"] = run_checks(base_env)

    # The SQLite and PostgreSQL parts, the two longest, run side by side, each
    # mostly on one core; when the SQLite part is done the browser part takes
    # its core, beside the rest of the PostgreSQL part, in a database of its
    # own on the same cluster. The outputs follow one another.
    banner("sqlite: the suite on SQLite, beside the PostgreSQL part (output below)")
    sqlite = PytestRun(
        "sqlite", "not browser and not postgres", base_env, extra, background=True
    )

    pg_reason = pgcluster.missing_reason()
    chromium = shutil.which("chromium")
    maybe_cluster = _maybe_cluster(pg_reason)
    with maybe_cluster as pg_url:
        postgres = None
        if pg_url:
            banner("postgres: the suite again on a throwaway PostgreSQL cluster")
            postgres = PytestRun(
                "postgres",
                "not browser and not standalone",
                {**base_env, "DATABASE_URL": pg_url},
                extra,
                background=True,
            )
        else:
            reason = maybe_cluster.reason
            parts["postgres"] = {"status": "skipped", "reason": reason}
            loud(f"SKIPPED the PostgreSQL part: {reason}")
        parts["sqlite"] = sqlite.result()
        if chromium:
            database = "PostgreSQL" if pg_url else "SQLite"
            banner(f"browser: headless Chromium ({chromium}) on {database}")
            browser_url = _database(pg_url, "mandat_browser") if pg_url else ""
            env = {**base_env, **({"DATABASE_URL": browser_url} if pg_url else {})}
            parts["browser"] = run_pytest("browser", "browser", env, extra)
            parts["browser"]["database"] = database
        else:
            reason = (
                "the chromium command was not found on PATH; "
                "install it with: apt install chromium"
            )
            parts["browser"] = {"status": "skipped", "reason": reason}
            loud(f"SKIPPED the browser part: {reason}")
        if postgres is not None:
            parts["postgres"] = postgres.result()

    summary["seconds"] = round(time.monotonic() - started, 1)
    VAR.mkdir(exist_ok=True)
    (VAR / "test-summary.json").write_text(json.dumps(summary, indent=2) + "\n")

    banner("summary")
    for name, part in parts.items():
        detail = part.get("reason") or (
            f"{part.get('tests', '')} tests, {part.get('failures', 0)} failures, "
            f"{part.get('errors', 0)} errors, {part.get('skipped', 0)} skipped"
            if "tests" in part
            else ", ".join(part.get("failed_steps", [])) or "ok"
        )
        print(
            f"  {name:<9} {part['status']:<8} {part.get('seconds', '-'):>6}s  {detail}"
        )
    print(f"  total {summary['seconds']}s")
    failed = [name for name, part in parts.items() if part["status"] == "failed"]
    skipped = [name for name, part in parts.items() if part["status"] == "skipped"]
    if skipped:
        loud("NOT EVERYTHING RAN: " + ", ".join(skipped) + " skipped (see above).")
    return 1 if failed else 0


def _database(url: str, name: str) -> str:
    """The same cluster's address for another database (its tests then make
    test_<name>, apart from the other part's)."""
    return urlsplit(url)._replace(path=f"/{name}").geturl()


class _maybe_cluster:
    def __init__(self, reason):
        self.reason = reason
        self.context = None

    def __enter__(self):
        if self.reason:
            return None
        self.context = pgcluster.cluster()
        try:
            return self.context.__enter__()
        except (OSError, subprocess.CalledProcessError) as error:
            self.context = None
            loud(f"Could not start PostgreSQL: {error}")
            self.reason = f"the cluster did not start: {error}"
            return None

    def __exit__(self, *exc):
        if self.context is not None:
            return self.context.__exit__(*exc)
        return False


if __name__ == "__main__":
    sys.exit(main())
