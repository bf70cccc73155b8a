"""The key pages `make bench` measures, at the objects bench.fixtures picks
in the data, and the measuring of each: a few plain requests one after the
other (the instrumentation headers, the size, pg_stat_statements' slowest
statement), then wrk at each number of connections of the ceilings."""

import http.client
import statistics
import time
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench import cluster as clusters
from bench.ceilings import CONNECTIONS, ceiling_rps
from bench.client import Client, Response
from bench.log import log
from bench.server import Server
from bench.targets import ratio
from bench.wrk import failed_requests, run_wrk

if TYPE_CHECKING:
    from bench.run import Bench


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


# A page whose one request takes longer than this is not put under load at
# 16 connections (it would only fill the queue); above SKIP_ALL not at all.
SLOW_SECONDS = 2.0
SKIP_ALL_SECONDS = 5.0
PROBES = 5


def probe_page(bench: "Bench", server: Server, page: Page, cookie: str) -> dict:
    """Plain requests, one after the other: the instrumentation headers,
    the size, and pg_stat_statements' slowest statement."""
    database = clusters.database_name_from_url(server.env["DATABASE_URL"])
    with bench.cluster.connect(database) as db:
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
    with bench.cluster.connect(database) as db:
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
    bench: "Bench", server: Server, scale: str, page: Page, cookies: dict
) -> None:
    """Measure ``page`` with plain requests, then under load at each number
    of connections, and add a row per number to the result."""
    cookie = cookies.get(page.viewer, "") if page.viewer else ""
    probe = probe_page(bench, server, page, cookie)
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
        elif seconds > SKIP_ALL_SECONDS or (connections > 1 and seconds > SLOW_SECONDS):
            row["note"] = f"one request took {seconds:.1f} s: " + (
                "not put under load"
                if connections > 1
                else "figures of the plain requests"
            )
        else:
            figures = run_wrk(
                bench.wrk,
                url=server.base_url + page.path,
                connections=connections,
                seconds=bench.seconds,
                headers=(f"Cookie: {cookie}",) if cookie else (),
                timeout=60,
            )
            server.wait_idle()
        if figures is not None:
            errors = failed_requests(figures, expected="200")
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
        row["ceiling_rps"] = ceiling_rps(bench.result, scale, connections)
        row["ceiling_ratio"] = ratio(row.get("rps"), row["ceiling_rps"])
        bench.result["pages"].append(row)
        log(
            f"Scale {scale}: {page.name} at {connections}: "
            f"p50 {row.get('p50_ms')} p95 {row.get('p95_ms')} ms, "
            f"{row.get('rps')} rps, {probe['queries']} queries, "
            f"SQL {probe['sql_ms']} ms, CPU {probe['cpu_ms']} ms"
            + (f" ({row['note']})" if row["note"] else "")
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
