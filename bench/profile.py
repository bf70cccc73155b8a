"""Where a key page's time goes: cProfile over requests made in this process
against a scale that `make bench` generated (its kept cluster in
var/bench/pg), with the objects `make bench` measures.

    .venv/bin/python -m bench.profile "people list"
    .venv/bin/python -m bench.profile --scale 1 --requests 50 "training list"
    .venv/bin/python -m bench.profile --registration   # the personal link's POST

It prints the functions with the most time of their own and the most time
under them (Mandat's, Django's and the libraries'), and the queries per
request. The settings are production's (DEBUG off); the server is not
involved, so gunicorn and the network are not in the figures."""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR = BASE_DIR / "var" / "bench"
MADE: list[dict] = []  # the registration's trainings, removed at the end


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("page", nargs="?", default="", help="a key page's name")
    parser.add_argument("--scale", default="40")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--registration", action="store_true")
    parser.add_argument(
        "--path",
        help="profile this address instead of a key page (signed in as the "
        "coordinator)",
    )
    parser.add_argument(
        "--queries",
        type=int,
        default=0,
        metavar="CHARACTERS",
        help="print each query's time and its first CHARACTERS characters",
    )
    parser.add_argument(
        "--explain",
        type=float,
        metavar="MS",
        help="print the plan of each query that took at least MS milliseconds",
    )
    args = parser.parse_args(argv)

    from bench import cluster as clusters
    from bench.server import server_environment

    cluster = clusters.BenchCluster(VAR / "pg")
    cluster.start()
    try:
        database = clusters.database_name(args.scale)
        if not cluster.database_exists(database):
            sys.exit(f"Scale {args.scale} is not generated: run make bench first.")
        env = server_environment(
            base_dir=BASE_DIR,
            var_dir=VAR / "run",
            database_url=cluster.url(database),
            port=8000,
        )
        env["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
        os.environ.update(env)
        _profile(args)
    finally:
        cluster.stop()


def _profile(args) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.fixtures import pick
    from bench.pages import Page, key_pages
    from mandat.accounts.models import User

    picked = pick()
    client = Client()
    if args.registration:
        request = _registration_requests(picked, client)
    else:
        pages, _missing = key_pages(picked)
        matching = [page for page in pages if args.page.lower() in page.name.lower()]
        if args.path:
            matching = [Page(args.path, args.path, "coordinator")]
        if not matching:
            sys.exit("Pages: " + ", ".join(page.name for page in pages))
        page = matching[0]
        if page.viewer:
            client.force_login(User.objects.get(email=picked[page.viewer]))
        print(f"{page.name}: {page.path}")

        def request():
            response = client.get(page.path)
            assert response.status_code == 200, response.status_code

    for _warm in range(3):
        request()
    with CaptureQueriesContext(connection) as captured:
        request()
    print(f"{len(captured.captured_queries)} queries per request")
    if args.queries:
        for query in captured.captured_queries:
            print(
                f"{float(query['time']) * 1000:8.2f} ms  {query['sql'][: args.queries]}"
            )
    if args.explain is not None:
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                if float(query["time"]) * 1000 < args.explain:
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                print("\n" + query["sql"] + "\n")
                print("\n".join(row[0] for row in cursor.fetchall()))
    started = time.process_time()
    for _n in range(args.requests):
        request()
    cpu = (time.process_time() - started) * 1000 / args.requests
    print(f"{cpu:.1f} ms of this process's CPU per request, without the profiler")
    profile = cProfile.Profile()
    profile.enable()
    for _n in range(args.requests):
        request()
    profile.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats(order).print_stats(args.top)
        print(f"\n--- by {order}, {args.requests} requests ---")
        print(out.getvalue().split("\n\n", 2)[-1])
    from bench.fixtures import cleanup

    for made in MADE:
        cleanup(trainings=[made["training"], made["pgbench"]["training"]])


def _registration_requests(picked: dict, client):
    """The personal link's POST for one invited person after another, on a
    training made as `make bench` makes its own (in its organisation of its
    own, removed when the profile is printed)."""
    from bench.fixtures import prepare

    made = prepare(people=500, burst_capacity=10, pgbench_registered=1)
    MADE.append(made)
    tokens = iter(made["tokens"])

    def request():
        token = next(tokens)
        response = client.post(
            f"/t/{token}/",
            {"action": "register", "occasion": made["throughput_occasion"]},
        )
        assert response.status_code == 302, response.status_code

    return request


if __name__ == "__main__":
    main()
