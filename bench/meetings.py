"""Benchmark: the SQL queries of a meeting page and its minutes at two sizes
(items, attendees and past meetings), and the time to render long minutes as
PDF/A and as Word.

    .venv/bin/python bench/meetings.py             # SQLite file
    .venv/bin/python bench/meetings.py --postgres  # a throwaway PostgreSQL
"""

import contextlib
import datetime
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.environment import bench_main  # noqa: E402


def run(args) -> None:
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from mandat.accounts.models import Membership, User
    from mandat.core.access import Role
    from mandat.core.models import Organisation
    from mandat.directory.models import Assignment, Body, Party, Person
    from mandat.meetings import services
    from mandat.meetings.models import MeetingGroup

    organisation = Organisation.objects.create(name="Benchby", slug="benchby")
    user = User.objects.create_user(email="b@example.se", password="x" * 12)
    Membership.objects.create(
        user=user, organisation=organisation, role=Role.COORDINATOR
    )
    body = Body.objects.create(
        organisation=organisation,
        name="Styrgruppen",
        kind="styrgrupp",
        reporting_category="ovrigt",
        term_rule="custom",
        is_statutory=False,
    )
    group = MeetingGroup.objects.create(organisation=organisation, body=body)

    def add_members(count, start):
        for number in range(start, start + count):
            party = Party.objects.create(
                organisation=organisation,
                name=f"Parti {number}",
                abbreviation=f"P{number}",
            )
            person = Person.objects.create(
                organisation=organisation,
                first_name="Ledamot",
                last_name=f"Nummer {number}",
                email=f"l{number}@example.se",
            )
            Assignment.objects.create(
                organisation=organisation,
                person=person,
                body=body,
                role="ordforande" if number == 0 else "ledamot",
                party=party,
                starts_on=datetime.date(2020, 1, 1),
            )

    def build(members, items, past):
        from zoneinfo import ZoneInfo

        zone = ZoneInfo("Europe/Stockholm")
        for number in range(past):
            day = datetime.date(2021, 1, 1) + datetime.timedelta(days=14 * number)
            services.meeting_create(
                actor=None,
                group=group,
                starts_at=datetime.datetime.combine(day, datetime.time(9), zone),
                ends_at=datetime.datetime.combine(day, datetime.time(11), zone),
            )
        day = datetime.date(2026, 6, 1) + datetime.timedelta(days=len(past_sizes))
        meeting = services.meeting_create(
            actor=None,
            group=group,
            starts_at=datetime.datetime.combine(day, datetime.time(9), zone),
            ends_at=datetime.datetime.combine(day, datetime.time(11), zone),
        )
        services.attendance_prefill(meeting=meeting)
        services.attendance_record(
            actor=None,
            meeting=meeting,
            statuses={r.person_id: "present" for r in meeting.attendances.all()},
            serving_for={},
        )
        text = "<p>" + " ".join(["Styrgruppen diskuterade utbildningen."] * 12) + "</p>"
        for number in range(items):
            item = services.item_create(
                actor=None,
                meeting=meeting,
                title=f"Punkt {number}",
                kind="decision",
                notes=text + "<ul><li>Ett</li><li>Två</li></ul>",
                decision="Styrgruppen beslutade i enlighet med förslaget.",
            )
            services.action_item_create(
                actor=None,
                meeting=meeting,
                item=item,
                what="Återkom",
                owner_label="SLK",
            )
        return meeting

    past_sizes = []
    client = Client()
    client.force_login(user)
    rows = []
    for members, items, past in ((8, 5, 2), (30, args.items, 40)):
        add_members(
            members - Assignment.objects.filter(body=body).count(),
            Assignment.objects.filter(body=body).count(),
        )
        meeting = build(members, items, past)
        past_sizes.append(past)
        counts = []
        for page in ("meeting-detail", "minutes"):
            url = f"/o/benchby/meetings/{meeting.pk}/" + (
                "minutes/" if page == "minutes" else ""
            )
            client.get(url, secure=True)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, secure=True)
            assert response.status_code == 200, response.status_code
            counts.append(len(queries.captured_queries))
        rows.append((members, items, group.meetings.count(), *counts, meeting))
    for members, items, meetings, detail, minutes, _meeting in rows:
        print(
            f"{members} members, {items} items, {meetings} meetings in the group: "
            f"meeting page {detail} queries, minutes {minutes} queries"
        )
    meeting = rows[-1][-1]
    started = time.perf_counter()
    response = client.get(f"/o/benchby/meetings/{meeting.pk}/minutes.pdf", secure=True)
    pdf_seconds = time.perf_counter() - started
    pages = "?"
    with contextlib.suppress(OSError):  # pdfinfo comes with poppler-utils
        info = subprocess.run(
            ["pdfinfo", "-"], input=response.content, capture_output=True, check=False
        ).stdout.decode()
        pages = re.search(r"Pages:\s+(\d+)", info).group(1)
    started = time.perf_counter()
    docx = client.get(
        f"/o/benchby/meetings/{meeting.pk}/minutes.docx", secure=True
    ).content
    word_seconds = time.perf_counter() - started
    print(
        f"minutes PDF/A of {rows[-1][1]} items: {pdf_seconds:.2f} s, "
        f"{len(response.content) // 1024} kB, {pages} pages"
    )
    print(f"minutes Word file: {word_seconds:.2f} s, {len(docx) // 1024} kB")


if __name__ == "__main__":
    bench_main(run, items=40)
