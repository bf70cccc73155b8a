"""Benchmark: search at the scale of one large city (20,000 searchable
entries: trainings, films, handbook pages and minutes items).

    .venv/bin/python bench/search.py             # SQLite with FTS5
    .venv/bin/python bench/search.py --postgres  # PostgreSQL, swedish tsvector
"""

import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.environment import bench_main  # noqa: E402

WORDS = (
    "budget nämnd fullmäktige styrelse sammanträde digitalt möte protokoll jäv "
    "arvode ersättning utbildning presidium ordförande ledamot ersättare "
    "kommunallagen offentlighet sekretess medborgardialog tillitsbaserad "
    "styrning arbetsmiljö säkerhet hot sociala medier ekonomi bokslut "
    "socialtjänst skola äldreomsorg miljö bygglov kultur fritid"
)


def run(args) -> None:
    from django.db import connection, transaction

    from mandat.accounts.models import Membership, User
    from mandat.core.access import Role
    from mandat.core.models import Organisation
    from mandat.knowledge.models import SearchEntry
    from mandat.knowledge.search import search, stems

    rng = random.Random(3)
    organisation = Organisation.objects.create(name="Storstad", slug="storstad")
    user = User.objects.create_user(email="s@example.se", password="x" * 12)
    Membership.objects.create(
        user=user, organisation=organisation, role=Role.COORDINATOR
    )
    started = time.perf_counter()
    kinds = ["training", "film", "page", "minutes"]
    rows = []
    for number in range(args.entries):
        title = " ".join(rng.choices(WORDS.split(), k=4)).capitalize()
        body = " ".join(rng.choices(WORDS.split(), k=120)) + "."
        rows.append(
            SearchEntry(
                organisation=organisation,
                kind=kinds[number % 4],
                key=str(number),
                title=title,
                body=body,
                stemmed=" ".join(stems(f"{title} {body}")),
                url=f"/x/{number}/",
                audience="everyone",
            )
        )
    with transaction.atomic():
        SearchEntry.objects.bulk_create(rows, batch_size=1000)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "UPDATE knowledge_searchentry SET vector = "
                    "setweight(to_tsvector('swedish', title), 'A') || "
                    "setweight(to_tsvector('swedish', body), 'B')"
                )
                cursor.execute("ANALYZE knowledge_searchentry")
            else:
                cursor.executemany(
                    "INSERT INTO knowledge_search_fts (rowid, title, body) "
                    "VALUES (%s, %s, %s)",
                    [
                        (e.pk, " ".join(stems(e.title)), e.stemmed)
                        for e in SearchEntry.objects.only("pk", "title", "stemmed")
                    ],
                )
    print(
        f"{connection.vendor}: {args.entries} entries indexed in "
        f"{time.perf_counter() - started:.1f} s"
    )
    queries = [
        "digitalt möte",
        "budget",
        "jäv ordförande",
        "tillitsbaserad styrning",
        "sociala medier hot",
        "äldreomsorg",
        "protokoll sekretess",
        "bygglov",
    ]
    search(organisation=organisation, user=user, query="budget")
    timings = []
    for _ in range(3):
        for query in queries:
            begun = time.perf_counter()
            hits = search(organisation=organisation, user=user, query=query)
            timings.append((time.perf_counter() - begun) * 1000)
            assert hits, query
    print(
        f"search, {len(timings)} queries: median {statistics.median(timings):.0f} ms, "
        f"slowest {max(timings):.0f} ms (30 hits with snippets each)"
    )


if __name__ == "__main__":
    bench_main(run, entries=20_000)
