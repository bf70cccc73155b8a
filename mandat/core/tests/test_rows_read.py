"""A page's SQL reads rows in proportion to what the page shows, not to the
organisation's history.

The same-query-count tests (``django_assert_num_queries`` at two sizes) pass
for a page that runs one query over two million rows. This test reads what
each query of a request costs: PostgreSQL runs it under ``EXPLAIN (ANALYZE,
FORMAT JSON)`` and every scan of a table or an index in the plan counts the
rows it read (those it returned and those its filter threw away, in every
loop). The organisation's history then grows tenfold (past trainings with
their invitations, registrations, attendance, evaluations, e-mails and audit
entries, past meetings, films) while what each page shows stays the same; a
page passes when it reads at most twice as many rows as before.

The planner is told not to scan whole tables where an index serves
(``enable_seqscan = off``): at a few thousand rows a sequential scan is the
cheapest plan, at a city's ten years it is not, and the test asks whether the
page *can* be answered from the rows it shows. A page is added with one line
in ``PAGES``.

To see where the rows go, run it with ``-s`` and ``ROWS_READ_DETAIL`` set to
page names separated by commas: each query's rows at both sizes; with
``ROWS_READ_PLANS=<rows>`` also the plan of every query reading more."""

import datetime
import json
import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mandat.accounts.models import Membership, User
from mandat.core.access import Role
from mandat.core.models import AuditEntry, Organisation
from mandat.directory.models import Assignment, Body, Person
from mandat.evaluations.models import Questionnaire, Recipient
from mandat.knowledge.models import Film
from mandat.meetings import services as meetings
from mandat.meetings.models import ActionItem
from mandat.notifications.models import Message
from mandat.trainings.models import (
    Invitation,
    Occasion,
    Registration,
    Session,
    SessionAttendance,
    Training,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# History added at each step: past trainings, and per training its fan-out.
TRAININGS_SMALL, TRAININGS_LARGE = 60, 600
INVITED, REGISTERED = 30, 10
# A page may read this many times the rows it read on the small history ...
GROWTH = 2.0
# ... plus this many rows (a page reading almost nothing may double).
SLACK = 200


@dataclass
class World:
    organisation: Organisation
    coordinator: User
    official: User
    people: list[Person]
    training: Training
    occasion: Occasion
    meeting: object
    year: int

    @property
    def slug(self) -> str:
        return self.organisation.slug


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[World], str]
    user: str = "coordinator"


def _url(name: str, *args: Callable[[World], object], query: str = ""):
    def build(world: World) -> str:
        return reverse(name, args=[world.slug, *(arg(world) for arg in args)]) + query

    return build


PAGES = [
    Page("overview", _url("portal:dashboard")),
    Page("training list", _url("trainings:training-list")),
    Page("training list by title", _url("trainings:training-list", query="?o=title")),
    Page(
        "training list by status", _url("trainings:training-list", query="?o=-status")
    ),
    Page("training page", _url("trainings:training-detail", lambda w: w.training.pk)),
    Page("participant list", _url("trainings:participants", lambda w: w.occasion.pk)),
    Page("check-in list", _url("trainings:checkin", lambda w: w.occasion.pk)),
    Page("Mina utbildningar", _url("trainings:my-trainings"), user="official"),
    Page("people list", _url("directory:person-list")),
    Page("group page", _url("meetings:group-detail", lambda w: w.meeting.group_id)),
    Page("meeting page", _url("meetings:meeting-detail", lambda w: w.meeting.pk)),
    Page("minutes", _url("meetings:minutes", lambda w: w.meeting.pk)),
    Page(
        "annual report",
        lambda w: reverse("reports:annual-report", args=[w.slug]) + f"?year={w.year}",
    ),
    Page("evaluations list", _url("evaluations:questionnaire-list")),
    Page("audit trail", _url("core:audit-list")),
    Page("film library", _url("knowledge:film-list")),
    Page("person search", _url("directory:person-search", query="?q=efternamn0")),
    Page("outbox", _url("notifications:outbox")),
    Page("search", _url("knowledge:search", query="?q=utbildning")),
    Page("group list", _url("meetings:group-list")),
    Page("body list", _url("directory:body-list")),
    Page("assignment list", _url("directory:assignment-list", query="?history=on")),
    Page("person page", _url("directory:person-detail", lambda w: w.people[0].pk)),
]

# Plans a planner picks for a few thousand rows that read a whole table or
# index where a city's data would be read through an index, row by row.
PLANNER_OFF = ("enable_seqscan", "enable_hashjoin", "enable_mergejoin")

SCANS = {
    "Seq Scan",
    "Index Scan",
    "Index Only Scan",
    "Bitmap Heap Scan",
    "Tid Scan",
}


def plan_rows_read(plan: dict) -> int:
    """Return the rows every table and index scan of ``plan`` read: those it
    returned and those its filters removed, over all its loops."""
    rows = 0
    if plan["Node Type"] in SCANS:
        per_loop = (
            plan.get("Actual Rows", 0)
            + plan.get("Rows Removed by Filter", 0)
            + plan.get("Rows Removed by Index Recheck", 0)
        )
        rows += round(per_loop * plan.get("Actual Loops", 1))
    for child in plan.get("Plans", []):
        rows += plan_rows_read(child)
    return rows


def rows_read(client: Client, url: str) -> tuple[int, list[tuple[int, str]]]:
    """Open ``url`` and return the rows its queries read, and per query."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    per_query = []
    with connection.cursor() as cursor:
        for setting in PLANNER_OFF:
            cursor.execute(f"SET LOCAL {setting} = off")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            (document,) = cursor.fetchone()
            if isinstance(document, str):
                document = json.loads(document)
            rows = plan_rows_read(document[0]["Plan"])
            per_query.append((rows, sql))
            if rows > int(os.environ.get("ROWS_READ_PLANS") or 10**12):
                cursor.execute("EXPLAIN (ANALYZE) " + sql)
                print("\n".join(row[0] for row in cursor.fetchall()))
        for setting in PLANNER_OFF:
            cursor.execute(f"SET LOCAL {setting} = on")
    return sum(rows for rows, _ in per_query), per_query


def _at(day: datetime.date, hour: int = 13) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def world_create() -> World:
    """An organisation as it stands today: its directory, a training with an
    occasion this month and its participants, an elected official with a
    few trainings of their own, and the steering group's latest meeting."""
    organisation = Organisation.objects.create(name="Radby kommun", slug="radby")
    coordinator = User.objects.create_user(email="cora@radby.example", password=None)
    official = User.objects.create_user(email="olle@radby.example", password=None)
    for role in (Role.COORDINATOR, Role.ADMINISTRATOR):
        Membership.objects.create(
            user=coordinator, organisation=organisation, role=role
        )
    Membership.objects.create(
        user=official, organisation=organisation, role=Role.ELECTED
    )
    bodies = Body.objects.bulk_create(
        Body(
            organisation=organisation,
            name=f"Nämnd {n}",
            kind="namnd",
            reporting_category="facknamnd",
            term_rule="january",
        )
        for n in range(5)
    )
    people = Person.objects.bulk_create(
        Person(
            organisation=organisation,
            first_name=f"Förnamn{n}",
            last_name=f"Efternamn{n:03}",
            email=f"p{n}@radby.example",
            gender=("woman", "man")[n % 2],
        )
        for n in range(80)
    )
    Person.objects.filter(pk=people[0].pk).update(account=official)
    Assignment.objects.bulk_create(
        Assignment(
            organisation=organisation,
            person=person,
            body=bodies[n % 5],
            role="ledamot",
            starts_on=datetime.date(2020, 1, 1),
        )
        for n, person in enumerate(people)
    )
    today = timezone.localdate()
    training = Training.objects.create(
        organisation=organisation, title="Aktuell utbildning", status="open"
    )
    occasion = _occasion(training, _at(today + datetime.timedelta(days=10)))
    Invitation.objects.bulk_create(
        Invitation(organisation=organisation, training=training, person=person)
        for person in people[:40]
    )
    Registration.objects.bulk_create(
        Registration(
            organisation=organisation,
            training=training,
            occasion=occasion,
            person=person,
            status="registered",
        )
        for person in people[:20]
    )
    # The official's own trainings: three held this year.
    for number in range(3):
        own = Training.objects.create(
            organisation=organisation, title=f"Egen {number}", status="held"
        )
        held = _occasion(own, _at(today - datetime.timedelta(days=20 + number)))
        registration = Registration.objects.create(
            organisation=organisation,
            training=own,
            occasion=held,
            person=people[0],
            status="registered",
        )
        SessionAttendance.objects.create(
            registration=registration,
            session=held.sessions.get(),
            status="attended",
        )
    group = meetings.group_create(
        actor=None,
        organisation=organisation,
        name="Styrgruppen",
        kind="styrgrupp",
    )
    meeting = _meeting(group, _at(today - datetime.timedelta(days=3), 9), people)
    return World(
        organisation=organisation,
        coordinator=coordinator,
        official=official,
        people=people,
        training=training,
        occasion=occasion,
        meeting=meeting,
        year=today.year,
    )


def _occasion(training: Training, starts: datetime.datetime) -> Occasion:
    occasion = Occasion.objects.create(
        organisation=training.organisation,
        training=training,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        capacity=100,
        status="held" if starts < timezone.now() else "planned",
    )
    Session.objects.create(
        occasion=occasion, starts_at=occasion.starts_at, ends_at=occasion.ends_at
    )
    return occasion


def _meeting(group, starts: datetime.datetime, people: list[Person]):
    meeting = meetings.meeting_create(
        actor=None,
        group=group,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        location="Rum 1",
        meeting_url="",
    )
    ActionItem.objects.bulk_create(
        ActionItem(
            organisation=group.organisation,
            meeting=meeting,
            what=f"Uppgift {n}",
            owner=people[n + 1],
            status="done",
        )
        for n in range(3)
    )
    return meeting


def history_add(world: World, trainings: int) -> None:
    """Add ``trainings`` trainings held in earlier years, each with its
    invitations, registrations, attendance, evaluation, e-mails and audit
    entries, and a past meeting and a film for every ten of them."""
    organisation, people = world.organisation, world.people[1:]
    first = datetime.date(world.year - 9, 1, 10)
    offset = Training.objects.filter(organisation=organisation).count()
    days = (datetime.date(world.year - 1, 12, 1) - first).days
    added = Training.objects.bulk_create(
        Training(
            organisation=organisation, title=f"Historik {offset + n}", status="held"
        )
        for n in range(trainings)
    )
    occasions = Occasion.objects.bulk_create(
        Occasion(
            organisation=organisation,
            training=training,
            starts_at=_at(first + datetime.timedelta(days=(n * 37) % days)),
            ends_at=_at(first + datetime.timedelta(days=(n * 37) % days), 16),
            status="held",
        )
        for n, training in enumerate(added)
    )
    sessions = Session.objects.bulk_create(
        Session(occasion=o, starts_at=o.starts_at, ends_at=o.ends_at) for o in occasions
    )
    invitations, registrations = [], []
    for n, (training, occasion) in enumerate(zip(added, occasions, strict=True)):
        invited = [people[(n * 7 + k) % len(people)] for k in range(INVITED)]
        invitations += [
            Invitation(organisation=organisation, training=training, person=person)
            for person in invited
        ]
        registrations += [
            Registration(
                organisation=organisation,
                training=training,
                occasion=occasion,
                person=person,
                status="registered",
            )
            for person in invited[:REGISTERED]
        ]
    Invitation.objects.bulk_create(invitations, batch_size=5000)
    Registration.objects.bulk_create(registrations, batch_size=5000)
    session_of = {session.occasion_id: session for session in sessions}
    SessionAttendance.objects.bulk_create(
        (
            SessionAttendance(
                registration=registration,
                session=session_of[registration.occasion_id],
                status="attended",
            )
            for registration in registrations
        ),
        batch_size=5000,
    )
    questionnaires = Questionnaire.objects.bulk_create(
        Questionnaire(
            organisation=organisation,
            title=f"Utvärdering {training.title}",
            training=training,
            status="closed",
        )
        for training in added
    )
    Recipient.objects.bulk_create(
        (
            Recipient(
                questionnaire=questionnaire,
                person=registration.person,
                occasion_id=registration.occasion_id,
                closes_at=timezone.now(),
                has_answered=True,
            )
            for questionnaire, training in zip(questionnaires, added, strict=True)
            for registration in registrations
            if registration.training_id == training.pk
        ),
        batch_size=5000,
    )
    sent = Message.objects.bulk_create(
        (
            Message(
                organisation=organisation,
                event="trainings.invitation",
                dedupe_key=f"invitation:{i.training_id}:{i.person_id}",
                person=i.person,
                to_email=i.person.email,
                subject="Inbjudan",
                body_text="Du är inbjuden.",
                status="sent",
            )
            for i in invitations
        ),
        batch_size=5000,
    )
    # Sent when those trainings were held, years ago (bulk_create stamps now).
    Message.objects.filter(pk__in=[message.pk for message in sent]).update(
        created_at=_at(first), sent_at=_at(first)
    )
    AuditEntry.objects.bulk_create(
        (
            AuditEntry(
                organisation=organisation,
                action="create",
                object_type="trainings.registration",
                object_id=str(registration.pk),
                object_repr=f"Anmälan {registration.pk}",
            )
            for registration in registrations
        ),
        batch_size=5000,
    )
    group = world.meeting.group
    for n in range(trainings // 10):
        day = first + datetime.timedelta(days=(n * 53) % days)
        _meeting(group, _at(day, 9), world.people)
    Film.objects.bulk_create(
        Film(
            organisation=organisation,
            title=f"Film {offset + n}",
            video_url=f"https://video.example/{offset + n}",
            status="published",
        )
        for n in range(trainings // 10)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def test_list_pages_read_rows_in_proportion_to_the_page_not_the_history():
    world = world_create()
    clients = {}
    for key in ("coordinator", "official"):
        clients[key] = Client()
        clients[key].force_login(getattr(world, key))

    def measure() -> dict[str, tuple[int, list]]:
        return {
            page.name: rows_read(clients[page.user], page.url(world)) for page in PAGES
        }

    history_add(world, TRAININGS_SMALL)
    small = measure()
    history_add(world, TRAININGS_LARGE - TRAININGS_SMALL)
    large = measure()

    failures = []
    for page in PAGES:
        (before, _), (after, queries) = small[page.name], large[page.name]
        print(f"{page.name:<28} {before:>8} {after:>8}")
        if page.name in os.environ.get("ROWS_READ_DETAIL", "").split(","):
            for (rows_small, sql), (rows_large, _) in zip(
                small[page.name][1], queries, strict=False
            ):
                where = sql[sql.find(" FROM ") :][:400]
                print(f"    {rows_small:>7} {rows_large:>7}  {where}")
        if after > GROWTH * before + SLACK:
            worst = max(queries, key=lambda query: query[0])
            failures.append(
                f"{page.name}: {before} rows read with {TRAININGS_SMALL} past "
                f"trainings, {after} with {TRAININGS_LARGE}; the most by one "
                f"query ({worst[0]} rows): {worst[1][:600]}"
            )
    assert not failures, "\n\n".join(failures)
