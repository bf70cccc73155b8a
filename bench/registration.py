"""Registration through the personal link under load: the rate at 16
connections against pgbench's ceiling, then the burst (everyone at once for
a few places), whose outcome must be exact."""

import concurrent.futures
import statistics
import time
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from bench import cluster as clusters
from bench import pgbench
from bench.ceilings import pgbench_registration
from bench.client import Client
from bench.log import log
from bench.server import Server
from bench.targets import ratio
from bench.wrk import failed_requests, run_wrk

if TYPE_CHECKING:
    from bench.run import Bench


def measure(
    bench: "Bench", server: Server, env: dict, scale: str, *, workdir: Path
) -> None:
    """Measure registration on a training of its own, with its files in
    ``workdir``, and add the figures to the result."""
    args = bench.args
    log(f"Scale {scale}: preparing {args.people + args.burst} invitations")
    made = bench.fixtures(
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
        pairs = csrf_pairs(bench, server, tokens)
        log(
            f"Scale {scale}: {len(pairs)} CSRF pairs from the personal pages "
            f"in {time.monotonic() - started:.0f} s"
        )
        lines = workdir / "registrations.tsv"
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
        script = workdir / "registration.pgbench"
        with bench.cluster.connect(database) as db:
            script.write_text(
                pgbench.registration_script(pgbench.registration_columns(db))
            )
        tps = [pgbench_registration(bench, database, script, made["pgbench"])]
        cpu_before = server.web_cpu_seconds()
        worker_before = server.worker_cpu_seconds()
        figures = run_wrk(
            bench.wrk,
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
        with bench.cluster.connect(database) as db:
            registered = db.execute(
                "SELECT count(*) FROM trainings_registration WHERE occasion_id = %s",
                [made["throughput_occasion"]],
            ).fetchone()[0]
        tps.append(pgbench_registration(bench, database, script, made["pgbench"]))
        pgbench_tps = round(statistics.mean(t["tps"] for t in tps), 1)
        rps = round(figures["statuses"].get("302", 0) / figures["seconds"], 2)
        repeats = max(figures["lines_used"] - args.people, 0)
        result = {
            "scale": scale,
            "connections": 16,
            "rps": rps,
            "pgbench_tps": pgbench_tps,
            "pgbench_runs": tps,
            "ratio": ratio(rps, pgbench_tps),
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
            "errors": failed_requests(figures, expected="302"),
            "repeated_lines": repeats,
        }
        bench.result["ceilings"] += [
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
        result["burst"] = burst(
            bench, server, env, made, tokens[args.people :], pairs[args.people :]
        )
        bench.result["registrations"].append(result)
    finally:
        cleaned = bench.fixtures(
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


def csrf_pairs(
    bench: "Bench", server: Server, tokens: list[str]
) -> list[tuple[str, str]]:
    """GET each person's personal page as a new visitor would, for the
    CSRF cookie and form token of their registration."""

    def fetch(chunk):
        client = Client(server.base_url)
        try:
            return [client.csrf_pair(f"/t/{token}/") for token in chunk]
        finally:
            client.close()

    chunks = [
        tokens[i :: bench.args.client_threads] for i in range(bench.args.client_threads)
    ]
    with concurrent.futures.ThreadPoolExecutor(bench.args.client_threads) as pool:
        results = list(pool.map(fetch, chunks))
    pairs: list = [None] * len(tokens)
    for i, chunk_pairs in enumerate(results):
        pairs[i :: bench.args.client_threads] = chunk_pairs
    server.wait_idle()
    return pairs


def burst(bench: "Bench", server, env, made, tokens, pairs) -> dict:
    """Everyone at once: one POST per person from many connections, for
    the burst occasion's few places."""
    occasion = made["burst_occasion"]
    connections = bench.args.burst_connections
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
    outcome = bench.fixtures(env, "verify", "--occasion", str(occasion))
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


def _pct(value) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"
