"""Benchmark: the REST API's lists on generated data (a scale `make bench`
made, its kept cluster in var/bench/pg), as another system reads them with
a token of the largest organisation: the median time of a page of 100 and
of 500, and the queries per request.

    .venv/bin/python -m bench.api              # scale 40
    .venv/bin/python -m bench.api --scale 1
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR = BASE_DIR / "var" / "bench"
LISTS = [
    "people/",
    "assignments/",
    "bodies/",
    "trainings/",
    "occasions/",
    "registrations/",
    "attendance/",
    "meetings/",
    "items/",
    "action-items/",
    "questionnaires/",
    "plan-items/",
]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.api")
    parser.add_argument("--scale", default="40")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("lists", nargs="*", help="only these, e.g. attendance/")
    parser.add_argument(
        "--queries", action="store_true", help="print each query with its time"
    )
    parser.add_argument(
        "--org", default="storstad", help="the organisation (the generated large city)"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(BASE_DIR))
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
        run(args)
    finally:
        cluster.stop()


def run(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from mandat.api.models import ApiToken
    from mandat.api.services import api_token_create
    from mandat.core.models import Organisation

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.get(slug=args.org)
    token, secret = api_token_create(
        actor=None, organisation=organisation, name="bench", scope="read"
    )
    client = Client()
    headers = {"Authorization": f"Bearer {secret}"}
    print(f"{organisation.name}, scale {args.scale}, {args.requests} requests each")
    try:
        for path in args.lists or LISTS:
            for size in (100, 500):
                url = f"/api/v1/{path}?page_size={size}"
                first = client.get(url, headers=headers)
                assert first.status_code == 200, (url, first.status_code)
                times = []
                for _ in range(args.requests):
                    started = time.perf_counter()
                    client.get(url, headers=headers)
                    times.append((time.perf_counter() - started) * 1000)
                with CaptureQueriesContext(connection) as queries:
                    client.get(url, headers=headers)
                print(
                    f"  {path:<16} {size:>3} a page of {first.json()['count']:>7}: "
                    f"median {statistics.median(times):7.1f} ms, "
                    f"{len(queries.captured_queries)} queries"
                )
                if args.queries:
                    for query in queries.captured_queries:
                        milliseconds = float(query["time"]) * 1000
                        print(f"      {milliseconds:7.1f} ms  {query['sql'][:150]}")
    finally:
        ApiToken.objects.filter(pk=token.pk).delete()


if __name__ == "__main__":
    main()
