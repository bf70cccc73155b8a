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
import datetime
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from bench import ceilings, registration, report, targets  # noqa: E402
from bench import cluster as clusters  # noqa: E402
from bench.client import Client  # noqa: E402
from bench.log import log  # noqa: E402
from bench.machine import machine_facts  # noqa: E402
from bench.pages import key_pages, measure_page  # noqa: E402
from bench.server import WORKERS, Server, free_port, server_environment  # noqa: E402
from bench.wrk import find_wrk, run_wrk  # noqa: E402

VAR = BASE_DIR / "var" / "bench"
RESULTS = BASE_DIR / "bench" / "results"
BIN = Path(sys.executable).parent
MANDAT = str(BIN / "mandat")
PASSWORD = "mandat-demo-2026"


class Bench:
    """One run: the cluster, the scales, their servers and the result. The
    parts it measures take the run as their first argument and add to its
    ``result``: the key pages (pages.py), the ceilings (ceilings.py) and
    registration through the personal link (registration.py); targets.py
    checks the figures and report.py writes the summary."""

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
                "connections": list(ceilings.CONNECTIONS),
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
            self.result["machine"] = machine_facts(
                base_dir=BASE_DIR, cluster=self.cluster, wrk=self.wrk
            )
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
            row["ceiling_rps"] = ceilings.ceiling_rps(
                result, row["scale"], row["connections"]
            )
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
            ceilings.measure_bare_view(self, server, scale, "start")
            pages_started = time.monotonic()
            worker_before = server.worker_cpu_seconds()
            for index, page in enumerate(pages):
                if index == len(pages) // 2:
                    ceilings.measure_bare_view(self, server, scale, "middle")
                try:
                    measure_page(self, server, scale, page, cookies)
                except Exception as error:  # noqa: BLE001 - reported, next page
                    self.failed(f"scale {scale}: {page.name}", error)
                    server.wait_idle()
            ceilings.measure_bare_view(self, server, scale, "end")
            # The task worker shares the two cores: say how much it took.
            facts["worker_cpu_share_during_pages"] = round(
                (server.worker_cpu_seconds() - worker_before)
                / (time.monotonic() - pages_started),
                3,
            )
            if not self.args.skip_registration:
                try:
                    registration.measure(self, server, env, scale, workdir=VAR / "run")
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
