"""`make bench`: Mandat's key pages and registration under load, against
ceilings measured in the same run (docs/performance.md, "Benchmark").

    .venv/bin/python -m bench.run                 # scales 1 and 40
    .venv/bin/python -m bench.run --scales 1      # one scale
    .venv/bin/python -m bench.run --fresh         # generate the scales again

A PostgreSQL cluster of its own under var/bench/pg (kept, with each scale
generated once by `mandat generate`), the production server (`mandat serve`,
gunicorn, 4 workers, DEBUG off) and one `mandat worker` per scale, load from
wrk in a second process on loopback. Writes bench/results/latest.json and
bench/results/latest.md."""

import argparse
import concurrent.futures
import datetime
import http.client
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from bench import cluster as clusters  # noqa: E402
from bench import pgbench, report, targets  # noqa: E402
from bench.client import Client, Response  # noqa: E402
from bench.server import (  # noqa: E402
    WORKERS,
    Server,
    free_port,
    machine_busy,
    server_environment,
)
from bench.wrk import find_wrk, run_wrk, wrk_version  # noqa: E402

VAR = BASE_DIR / "var" / "bench"
RESULTS = BASE_DIR / "bench" / "results"
BIN = Path(sys.executable).parent
MANDAT = str(BIN / "mandat")
PASSWORD = "mandat-demo-2026"
CONNECTIONS = (1, 16)
# A page whose one request takes longer than this is not put under load at
# 16 connections (it would only fill the queue); above SKIP_ALL not at all.
SLOW_SECONDS = 2.0
SKIP_ALL_SECONDS = 5.0
PROBES = 5


def log(text: str) -> None:
    stamp = datetime.datetime.now().strftime("%H:%M:%S")
    print(f"[{stamp}] {text}", flush=True)


@dataclass
class Page:
    name: str
    path: str
    viewer: str | None  # "coordinator", "official" or None (no sign-in)


def key_pages(picked: dict) -> tuple[list[Page], list[str]]:
    """Return the key pages of the picked objects, and notes on pages that
    could not be chosen."""
    org = f"/o/{picked['org']}"
    pages, missing = [], []

    def add(name, path, viewer="coordinator", needs=()):
        lacking = [key for key in needs if picked.get(key) in (None, "")]
        if viewer and not picked.get(viewer):
            lacking.append(f"a {viewer} who signs in with the demo password")
        if lacking:
            missing.append(f"{name}: no {', '.join(lacking)} in the data")
        else:
            pages.append(Page(name, path.format(**picked), viewer))

    add("overview", org + "/")
    add("training list", org + "/trainings/")
    for sort in picked.get("training_sorts", []):
        if not sort.startswith("-"):
            add(f"training list ?o={sort}", org + f"/trainings/?o={sort}")
    add("training page", org + "/trainings/{training}/", needs=["training"])
    add(
        "participant list",
        org + "/trainings/occasions/{occasion}/participants/",
        needs=["occasion"],
    )
    add(
        "check-in list",
        org + "/trainings/occasions/{occasion}/checkin/",
        needs=["occasion"],
    )
    add("Mina utbildningar", org + "/my/trainings/", viewer="official")
    add("people list", org + "/directory/people/")
    add("meeting page", org + "/meetings/{meeting}/", needs=["meeting"])
    add(
        "minutes",
        org + "/meetings/{minutes_meeting}/minutes/",
        needs=["minutes_meeting"],
    )
    add("annual report", org + "/reports/annual/?year={year}")
    add("annual report PDF", org + "/reports/annual/?year={year}&format=pdf")
    add(
        "evaluation results",
        org + "/evaluations/{questionnaire}/results/",
        needs=["questionnaire"],
    )
    add(
        "search",
        org + "/search/?q=" + urllib.parse.quote(picked.get("search", "")),
    )
    add("calendar feed", "/cal/{feed_token}.ics", viewer=None, needs=["feed_token"])
    return pages, missing


class Bench:
    def __init__(self, args):
        self.args = args
        self.seconds = args.seconds
        self.result: dict = {
            "schema": 1,
            "started_at": datetime.datetime.now()
            .astimezone()
            .isoformat(timespec="seconds"),
            "settings": {
                "workers": WORKERS,
                "connections": list(CONNECTIONS),
                "seconds_per_run": self.seconds,
                "registration_seconds": args.registration_seconds,
                "pgbench_seconds": args.pgbench_seconds,
                "postgresql": clusters.SERVER_SETTINGS,
            },
            "scales": {},
            "pages": [],
            "ceilings": [],
            "registrations": [],
            "rss_mb_per_worker_by_scale": {},
            "phases": {},
        }
        self.cluster = clusters.BenchCluster(VAR / "pg")
        self.wrk = ""

    # The run ------------------------------------------------------------------

    def run(self) -> dict:
        started = time.monotonic()
        self.wrk = find_wrk()
        if (
            self.cluster.bindir is None
            or not (self.cluster.bindir / "pgbench").exists()
        ):
            raise SystemExit(
                "pgbench and the PostgreSQL server binaries are missing: "
                "apt install postgresql"
            )
        log(f"PostgreSQL cluster in {self.cluster.root}")
        self.cluster.start(fresh=self.args.fresh)
        try:
            self.result["machine"] = self.machine()
            for scale in self.args.scales:
                phase = time.monotonic()
                try:
                    self.prepare_scale(scale)
                except Exception as error:  # noqa: BLE001 - reported, next scale
                    self.failed(f"scale {scale}: generating", error)
                    continue
                finally:
                    self.result["phases"][f"generate scale {scale}"] = round(
                        time.monotonic() - phase, 1
                    )
                phase = time.monotonic()
                try:
                    self.measure_scale(scale)
                except Exception as error:  # noqa: BLE001 - reported, next scale
                    self.failed(f"scale {scale}: measuring", error)
                self.result["phases"][f"measure scale {scale}"] = round(
                    time.monotonic() - phase, 1
                )
        finally:
            self.cluster.stop()
            self.finish(time.monotonic() - started)
        return self.result

    def failed(self, what: str, error: Exception) -> None:
        """Record a part that failed; the run goes on with the next."""
        text = f"{what}: {type(error).__name__}: {error}"
        log("FAILED " + text)
        self.result.setdefault("failures", []).append(text[:2000])

    def finish(self, seconds: float) -> None:
        result = self.result
        result["seconds"] = round(seconds, 1)
        result["finished_at"] = (
            datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        )
        bare = [
            c["rps"]
            for c in result["ceilings"]
            if c["what"] == "bare view" and c["connections"] == 16 and c["rps"]
        ]
        result["ceiling_rps"] = round(statistics.median(bare), 1) if bare else None
        # Every page against the median of its scale's ceilings, measured
        # before, between and after the pages.
        for row in result["pages"]:
            row["ceiling_rps"] = self.ceiling_rps(row["scale"], row["connections"])
            row["ceiling_ratio"] = targets.ratio(row.get("rps"), row["ceiling_rps"])
        target = targets.target_scale(result)
        by_scale = result["rss_mb_per_worker_by_scale"]
        result["rss_mb_per_worker"] = by_scale.get(target) or next(
            iter(by_scale.values()), []
        )
        result["registration"] = next(
            (r for r in result["registrations"] if r["scale"] == target),
            result["registrations"][-1] if result["registrations"] else None,
        )
        result["targets"] = targets.evaluate_targets(result)
        for field in targets.shape_errors(result):
            log(f"The result lacks {field}")
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "latest.json").write_text(
            json.dumps(result, indent=2, ensure_ascii=False) + "\n"
        )
        (RESULTS / "latest.md").write_text(report.render_markdown(result))
        log(f"Wrote {RESULTS / 'latest.json'} and latest.md in {seconds / 60:.1f} min")

    # Data ---------------------------------------------------------------------

    def env_for(self, scale: str, port: int = 0) -> dict:
        return server_environment(
            base_dir=BASE_DIR,
            var_dir=VAR / "run",
            database_url=self.cluster.url(clusters.database_name(scale)),
            port=port or free_port(),
        )

    def prepare_scale(self, scale: str) -> None:
        """Make the scale's database once: migrate and generate; later runs
        only migrate what is new."""
        database = clusters.database_name(scale)
        env = self.env_for(scale)
        marker = clusters.read_marker(VAR, scale)
        fingerprint = clusters.generator_fingerprint(BASE_DIR)
        ready = marker is not None and self.cluster.database_exists(database)
        if ready:
            log(f"Scale {scale}: kept from {marker.get('generated_at')}")
            self.mandat(env, "migrate", "--no-input", quiet=True)
            if scale != "demo" and marker.get("generator") != fingerprint:
                log(
                    f"Scale {scale}: the generator changed since; "
                    "run with --fresh to generate again"
                )
            self.result["scales"][scale] = {"generated": marker, "database": database}
            return
        log(f"Scale {scale}: generating (once; kept in {self.cluster.root})")
        self.cluster.recreate_database(database)
        started = time.monotonic()
        self.mandat(env, "migrate", "--no-input", quiet=True)
        if scale == "demo":
            self.mandat(env, "seed_demo")
        else:
            self.mandat(env, "generate", "--scale", scale)
        seconds = round(time.monotonic() - started, 1)
        clusters.write_marker(
            VAR, scale, seconds=seconds, generator=fingerprint, database=database
        )
        with self.cluster.connect(database) as db:
            db.execute("VACUUM ANALYZE")
        log(f"Scale {scale}: generated in {seconds / 60:.1f} min")
        self.result["scales"][scale] = {
            "generated": clusters.read_marker(VAR, scale),
            "database": database,
        }

    def mandat(self, env: dict, *args: str, quiet: bool = False) -> str:
        result = subprocess.run(
            [MANDAT, *args], env=env, cwd=BASE_DIR, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"mandat {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        if not quiet and result.stdout.strip():
            print(result.stdout.strip(), flush=True)
        return result.stdout

    def fixtures(self, env: dict, *args: str) -> dict:
        result = subprocess.run(
            [sys.executable, "-m", "bench.fixtures", *args],
            env=env,
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"bench.fixtures {args[0]} failed:\n{result.stderr}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    # Measuring one scale ------------------------------------------------------

    def measure_scale(self, scale: str) -> None:
        port = free_port()
        env = self.env_for(scale, port)
        log(f"Scale {scale}: choosing the objects")
        picked = self.fixtures(env, "pick")
        facts = self.result["scales"][scale]
        facts["counts"] = picked.pop("counts", {})
        facts["objects"] = {k: v for k, v in picked.items() if k != "feed_token"}
        pages, missing = key_pages(picked)
        if self.args.pages:
            pages = [p for p in pages if any(s in p.name for s in self.args.pages)]
        facts["missing_pages"] = missing
        for note in missing:
            log(f"Scale {scale}: skipped {note}")
        server = Server(mandat=MANDAT, env=env, log_dir=VAR / "logs", label=scale)
        log(f"Scale {scale}: starting mandat serve and mandat worker on port {port}")
        server.start()
        try:
            cookies = self.sign_in(server, picked)
            # Every worker imports and warms what a first request needs.
            run_wrk(
                self.wrk,
                url=server.base_url + "/bench/bare/",
                connections=16,
                seconds=2,
            )
            server.wait_idle()
            self.ceiling(server, scale, "start")
            pages_started = time.monotonic()
            worker_before = server.worker_cpu_seconds()
            for index, page in enumerate(pages):
                if index == len(pages) // 2:
                    self.ceiling(server, scale, "middle")
                try:
                    self.measure_page(server, scale, page, cookies)
                except Exception as error:  # noqa: BLE001 - reported, next page
                    self.failed(f"scale {scale}: {page.name}", error)
                    server.wait_idle()
            self.ceiling(server, scale, "end")
            # The task worker shares the two cores: say how much it took.
            facts["worker_cpu_share_during_pages"] = round(
                (server.worker_cpu_seconds() - worker_before)
                / (time.monotonic() - pages_started),
                3,
            )
            if not self.args.skip_registration:
                try:
                    self.registration(server, env, scale)
                except Exception as error:  # noqa: BLE001 - reported
                    self.failed(f"scale {scale}: registration", error)
            rss = server.rss_mb()
            self.result["rss_mb_per_worker_by_scale"][scale] = rss
            log(f"Scale {scale}: resident memory per worker {rss} MB")
        finally:
            server.stop()

    def sign_in(self, server: Server, picked: dict) -> dict:
        cookies = {}
        for viewer in ("coordinator", "official"):
            if picked.get(viewer):
                client = Client(server.base_url)
                try:
                    cookies[viewer] = client.login(picked[viewer], PASSWORD)
                except (RuntimeError, OSError) as error:
                    self.failed(f"signing in as the {viewer}", error)
                finally:
                    client.close()
        return cookies

    def ceiling(self, server: Server, scale: str, when: str) -> None:
        # Nothing of the bench runs now: what the cores do is someone else's.
        busy = machine_busy()
        if busy > 0.1:
            log(
                f"Scale {scale}: the machine is {busy * 100:.0f} % busy before the "
                "ceiling with nothing of the bench running: figures will be low"
            )
        for connections in CONNECTIONS:
            figures = run_wrk(
                self.wrk,
                url=server.base_url + "/bench/bare/",
                connections=connections,
                seconds=self.args.ceiling_seconds,
            )
            server.wait_idle()
            self.result["ceilings"].append(
                {
                    "what": "bare view",
                    "scale": scale,
                    "connections": connections,
                    "when": when,
                    "rps": figures["rps"],
                    "p50_ms": figures["p50_ms"],
                    "p95_ms": figures["p95_ms"],
                    "p99_ms": figures["p99_ms"],
                    "errors": _errors(figures, expected="200"),
                    "machine_busy_before": busy,
                }
            )
            log(
                f"Scale {scale}: bare view at {connections} connections: "
                f"{figures['rps']:.0f} rps, p50 {figures['p50_ms']} ms ({when})"
            )

    def ceiling_rps(self, scale: str, connections: int) -> float | None:
        values = [
            c["rps"]
            for c in self.result["ceilings"]
            if c["what"] == "bare view"
            and c["scale"] == scale
            and c["connections"] == connections
        ]
        return statistics.median(values) if values else None

    def probe(self, server: Server, page: Page, cookie: str) -> dict:
        """Plain requests, one after the other: the instrumentation headers,
        the size, and pg_stat_statements' slowest statement."""
        database = clusters.database_name_from_url(server.env["DATABASE_URL"])
        with self.cluster.connect(database) as db:
            db.execute("SELECT pg_stat_statements_reset()")
        client = Client(server.base_url)
        client.cookies = _parse_cookie(cookie)
        samples = []
        for number in range(PROBES):
            started = time.perf_counter()
            try:
                response = client.get(page.path)
            except (OSError, http.client.HTTPException) as error:
                # gunicorn's timeout (60 s) killed the worker, or the like.
                response = Response(
                    0, {}, str(error).encode(), time.perf_counter() - started
                )
            samples.append(response)
            if response.status != 200:
                break
            if response.seconds > SKIP_ALL_SECONDS or (
                number >= 1 and response.seconds > SLOW_SECONDS
            ):
                break
        client.close()
        # The first request of a worker warms its caches; later ones count.
        counted = samples[1:] if len(samples) > 2 else samples
        last = samples[-1]

        def median_header(name):
            values = [float(s.header(name)) for s in counted if s.header(name)]
            return round(statistics.median(values), 2) if values else None

        probe = {
            "status": last.status,
            "samples": len(samples),
            "probe_ms": round(statistics.median(s.seconds for s in counted) * 1000, 1),
            "queries": median_header("X-Mandat-Queries"),
            "sql_ms": median_header("X-Mandat-SQL-ms"),
            "cpu_ms": median_header("X-Mandat-CPU-ms"),
            "commits": median_header("X-Mandat-Commits"),
            "kb": round(len(last.body) / 1024, 1),
        }
        if probe["queries"] is not None:
            probe["queries"] = int(probe["queries"])
        with self.cluster.connect(database) as db:
            row = db.execute(
                "SELECT query, calls, mean_exec_time, total_exec_time"
                " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                " WHERE d.datname = current_database()"
                " AND query NOT ILIKE '%pg_stat_statements%'"
                " ORDER BY total_exec_time DESC LIMIT 1"
            ).fetchone()
        if row:
            probe["top_sql"] = {
                "query": " ".join(row[0].split())[:400],
                "calls": row[1],
                "mean_ms": round(row[2], 2),
                "total_ms": round(row[3], 2),
            }
        return probe

    def measure_page(
        self, server: Server, scale: str, page: Page, cookies: dict
    ) -> None:
        cookie = cookies.get(page.viewer, "") if page.viewer else ""
        probe = self.probe(server, page, cookie)
        server.wait_idle()
        seconds = probe["probe_ms"] / 1000
        note = ""
        if probe["status"] == 0:
            note = f"no answer: the connection closed after {seconds:.0f} s"
        elif probe["status"] != 200:
            note = f"answered HTTP {probe['status']}, not measured"
        for connections in CONNECTIONS:
            row = {
                "name": page.name,
                "path": _masked(page.path),
                "scale": scale,
                "connections": connections,
                **{k: v for k, v in probe.items() if k != "status"},
                "note": note,
            }
            figures = None
            if probe["status"] != 200:
                pass
            elif seconds > SKIP_ALL_SECONDS or (
                connections > 1 and seconds > SLOW_SECONDS
            ):
                row["note"] = f"one request took {seconds:.1f} s: " + (
                    "not put under load"
                    if connections > 1
                    else "figures of the plain requests"
                )
            else:
                figures = run_wrk(
                    self.wrk,
                    url=server.base_url + page.path,
                    connections=connections,
                    seconds=self.seconds,
                    headers=(f"Cookie: {cookie}",) if cookie else (),
                    timeout=60,
                )
                server.wait_idle()
            if figures is not None:
                errors = _errors(figures, expected="200")
                row.update(
                    requests=figures["requests"],
                    p50_ms=figures["p50_ms"],
                    p95_ms=figures["p95_ms"],
                    p99_ms=figures["p99_ms"],
                    max_ms=figures["max_ms"],
                    rps=figures["rps"],
                    errors=errors,
                    load_queries=figures["queries_mean"],
                    load_sql_ms=figures["sql_ms_mean"],
                )
                if errors:
                    row["note"] = f"{errors} of {figures['requests']} answers not 200"
            elif probe["status"] == 200 and connections == 1:
                # Too slow for wrk: the plain requests are the figures.
                row.update(
                    requests=probe["samples"],
                    p50_ms=probe["probe_ms"],
                    p95_ms=probe["probe_ms"],
                    p99_ms=probe["probe_ms"],
                    rps=round(1 / seconds, 3) if seconds else None,
                    estimated=True,
                )
            else:
                row.update(p50_ms=None, p95_ms=None, p99_ms=None, rps=None)
            row["ceiling_rps"] = self.ceiling_rps(scale, connections)
            row["ceiling_ratio"] = targets.ratio(row.get("rps"), row["ceiling_rps"])
            self.result["pages"].append(row)
            log(
                f"Scale {scale}: {page.name} at {connections}: "
                f"p50 {row.get('p50_ms')} p95 {row.get('p95_ms')} ms, "
                f"{row.get('rps')} rps, {probe['queries']} queries, "
                f"SQL {probe['sql_ms']} ms, CPU {probe['cpu_ms']} ms"
                + (f" ({row['note']})" if row["note"] else "")
            )

    # Registration -------------------------------------------------------------

    def registration(self, server: Server, env: dict, scale: str) -> None:
        args = self.args
        log(f"Scale {scale}: preparing {args.people + args.burst} invitations")
        made = self.fixtures(
            env,
            "prepare",
            "--people",
            str(args.people + args.burst),
            "--burst-capacity",
            str(args.burst_capacity),
        )
        tokens = made["tokens"]
        database = clusters.database_name(scale)
        try:
            started = time.monotonic()
            pairs = self.csrf_pairs(server, tokens)
            log(
                f"Scale {scale}: {len(pairs)} CSRF pairs from the personal pages "
                f"in {time.monotonic() - started:.0f} s"
            )
            lines = VAR / "run" / "registrations.tsv"
            lines.parent.mkdir(parents=True, exist_ok=True)
            lines.write_text(
                "".join(
                    registration_line(
                        token, cookie, form_token, made["throughput_occasion"]
                    )
                    for token, (cookie, form_token) in zip(
                        tokens[: args.people], pairs[: args.people], strict=True
                    )
                )
            )
            script = VAR / "run" / "registration.pgbench"
            with self.cluster.connect(database) as db:
                script.write_text(
                    pgbench.registration_script(pgbench.registration_columns(db))
                )
            tps = [self.pgbench(database, script, made["pgbench"])]
            cpu_before = server.web_cpu_seconds()
            worker_before = server.worker_cpu_seconds()
            figures = run_wrk(
                self.wrk,
                url=server.base_url + "/",
                connections=16,
                seconds=args.registration_seconds,
                script="lines.lua",
                lines=lines,
                timeout=60,
            )
            server.wait_idle()
            cpu = server.web_cpu_seconds() - cpu_before
            worker_cpu = server.worker_cpu_seconds() - worker_before
            with self.cluster.connect(database) as db:
                registered = db.execute(
                    "SELECT count(*) FROM trainings_registration"
                    " WHERE occasion_id = %s",
                    [made["throughput_occasion"]],
                ).fetchone()[0]
            tps.append(self.pgbench(database, script, made["pgbench"]))
            pgbench_tps = round(statistics.mean(t["tps"] for t in tps), 1)
            rps = round(figures["statuses"].get("302", 0) / figures["seconds"], 2)
            repeats = max(figures["lines_used"] - args.people, 0)
            result = {
                "scale": scale,
                "connections": 16,
                "rps": rps,
                "pgbench_tps": pgbench_tps,
                "pgbench_runs": tps,
                "ratio": targets.ratio(rps, pgbench_tps),
                "requests": figures["requests"],
                "registrations": registered,
                "queries": figures["queries_mean"],
                "sql_ms": figures["sql_ms_mean"],
                "commits": figures["commits_mean"],
                "request_cpu_ms": figures["cpu_ms_mean"],
                "cpu_ms": round(cpu * 1000 / registered, 2) if registered else None,
                "worker_cpu_ms": round(worker_cpu * 1000 / registered, 2)
                if registered
                else None,
                "p50_ms": figures["p50_ms"],
                "p95_ms": figures["p95_ms"],
                "p99_ms": figures["p99_ms"],
                "statuses": figures["statuses"],
                "errors": _errors(figures, expected="302"),
                "repeated_lines": repeats,
            }
            self.result["ceilings"] += [
                {
                    "what": "pgbench registration",
                    "scale": scale,
                    "connections": 16,
                    "rps": t["tps"],
                    "p50_ms": t["latency_ms"],
                    "p99_ms": None,
                }
                for t in tps
            ]
            log(
                f"Scale {scale}: registration {rps} /s against pgbench {pgbench_tps} "
                f"tps ({_pct(result['ratio'])}), {result['queries']} queries, "
                f"{result['commits']} commits, {result['cpu_ms']} ms CPU each"
            )
            if repeats:
                log(
                    f"Scale {scale}: {repeats} registrations repeated a person; "
                    "raise --people"
                )
            result["burst"] = self.burst(
                server, env, made, tokens[args.people :], pairs[args.people :]
            )
            self.result["registrations"].append(result)
        finally:
            cleaned = self.fixtures(
                env,
                "cleanup",
                "--training",
                str(made["training"]),
                str(made["pgbench"]["training"]),
            )
            if cleaned.get("error"):
                log(
                    f"Scale {scale}: the bench trainings stay (cancelled): "
                    f"{cleaned['error']}"
                )

    def pgbench(self, database: str, script: Path, variables: dict) -> dict:
        figures = pgbench.run_pgbench(
            bindir=self.cluster.bindir,
            port=self.cluster.port,
            database=database,
            script=script,
            variables=variables,
            clients=16,
            seconds=self.args.pgbench_seconds,
        )
        with self.cluster.connect(database) as db:
            db.execute(
                "DELETE FROM trainings_registration"
                " WHERE occasion_id = %s AND status = 'cancelled'",
                [variables["occasion"]],
            )
        return figures

    def csrf_pairs(self, server: Server, tokens: list[str]) -> list[tuple[str, str]]:
        """GET each person's personal page as a new visitor would, for the
        CSRF cookie and form token of their registration."""

        def fetch(chunk):
            client = Client(server.base_url)
            try:
                return [client.csrf_pair(f"/t/{token}/") for token in chunk]
            finally:
                client.close()

        chunks = [
            tokens[i :: self.args.client_threads]
            for i in range(self.args.client_threads)
        ]
        with concurrent.futures.ThreadPoolExecutor(self.args.client_threads) as pool:
            results = list(pool.map(fetch, chunks))
        pairs: list = [None] * len(tokens)
        for i, chunk_pairs in enumerate(results):
            pairs[i :: self.args.client_threads] = chunk_pairs
        server.wait_idle()
        return pairs

    def burst(self, server, env, made, tokens, pairs) -> dict:
        """Everyone at once: one POST per person from many connections, for
        the burst occasion's few places."""
        occasion = made["burst_occasion"]
        connections = self.args.burst_connections
        order = list(range(len(tokens)))
        statuses: dict[str, int] = {}

        def post(chunk):
            client = Client(server.base_url)
            answers = []
            try:
                for i in chunk:
                    cookie, form_token = pairs[i]
                    client.cookies = {"csrftoken": cookie}
                    response = client.post(
                        f"/t/{tokens[i]}/",
                        registration_form(form_token, occasion),
                    )
                    answers.append(response.status)
            finally:
                client.close()
            return answers

        chunks = [order[i::connections] for i in range(connections)]
        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(connections) as pool:
            for answers in pool.map(post, chunks):
                for status in answers:
                    statuses[str(status)] = statuses.get(str(status), 0) + 1
        seconds = time.monotonic() - started
        server.wait_idle()
        outcome = self.fixtures(env, "verify", "--occasion", str(occasion))
        burst = {
            "requests": len(tokens),
            "connections": connections,
            "capacity": made["burst_capacity"],
            "registered": outcome["registered"],
            "waiting": outcome["waiting"],
            "in_order": outcome["in_order"],
            "statuses": statuses,
            "errors": sum(n for s, n in statuses.items() if s != "302"),
            "seconds": round(seconds, 1),
        }
        log(
            f"Burst: {burst['requests']} requests for {burst['capacity']} places in "
            f"{seconds:.0f} s: {burst['registered']} registered, {burst['waiting']} "
            f"waiting, in order: {burst['in_order']}, answers {statuses}"
        )
        return burst

    # Facts --------------------------------------------------------------------

    def machine(self) -> dict:
        def output(*command) -> str:
            try:
                return subprocess.run(
                    command, capture_output=True, text=True, cwd=BASE_DIR
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
            "postgresql": self.cluster.version(),
            "pgbench": pgbench.pgbench_version(self.cluster.bindir),
            "wrk": wrk_version(self.wrk),
            "commit": output("git", "rev-parse", "--short", "HEAD"),
            "busy_at_start": machine_busy(2),
            "dirty": bool(
                output("git", "status", "--porcelain", "--untracked-files=no")
            ),
        }


def registration_form(form_token: str, occasion: int) -> dict:
    return {
        "csrfmiddlewaretoken": form_token,
        "action": "register",
        "occasion": str(occasion),
        "dietary_needs": "",
        "accessibility_needs": "",
    }


def registration_line(token: str, cookie: str, form_token: str, occasion: int) -> str:
    """Return one line of lines.lua's file: method, path, cookie, body."""
    body = urllib.parse.urlencode(registration_form(form_token, occasion))
    return f"POST\t/t/{token}/\tcsrftoken={cookie}\t{body}\n"


def _errors(figures: dict, *, expected: str) -> int:
    """Return the answers that were not ``expected`` plus wrk's socket
    errors and timeouts."""
    wrong = sum(n for status, n in figures["statuses"].items() if status != expected)
    errors = figures.get("errors") or {}
    return wrong + sum(
        errors.get(k, 0) for k in ("connect", "read", "write", "timeout")
    )


def _parse_cookie(header: str) -> dict:
    cookies = {}
    for part in header.split(";"):
        if "=" in part:
            name, value = part.strip().split("=", 1)
            cookies[name] = value
    return cookies


def _masked(path: str) -> str:
    """Keep secret addresses (the calendar feed's token) out of the results."""
    if path.startswith("/cal/"):
        return "/cal/<token>.ics"
    return path


def _pct(value) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="make bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--scales",
        default="1,40",
        help="comma-separated scales of `mandat generate` (or 'demo'); default 1,40",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="make the cluster and every scale anew"
    )
    parser.add_argument(
        "--seconds", type=float, default=8, help="per wrk run of a page"
    )
    parser.add_argument("--ceiling-seconds", type=float, default=5)
    parser.add_argument("--registration-seconds", type=float, default=10)
    parser.add_argument("--pgbench-seconds", type=int, default=5)
    parser.add_argument(
        "--people", type=int, default=2500, help="invited for the throughput run"
    )
    parser.add_argument("--burst", type=int, default=2000, help="requests of the burst")
    parser.add_argument("--burst-capacity", type=int, default=100)
    parser.add_argument("--burst-connections", type=int, default=32)
    parser.add_argument("--client-threads", type=int, default=8)
    parser.add_argument("--skip-registration", action="store_true")
    parser.add_argument(
        "--pages", nargs="*", help="only the pages whose names contain these words"
    )
    args = parser.parse_args(argv)
    args.scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    if shutil.which("apt-get") is None and shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt install wrk")
    Bench(args).run()


if __name__ == "__main__":
    main()
