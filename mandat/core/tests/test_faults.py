"""Faults as they happen in production, with the real processes: a worker
killed with kill -9 in the middle of a batch of e-mail, a web worker killed
in the middle of a burst of registrations, and PostgreSQL stopped and started
under a running server and worker. Nothing is lost, nothing is done twice,
pages answer 503 while the database is away, and everything comes back by
itself.

Mandat runs here as a new installation would: `mandat migrate`, `mandat
serve` (gunicorn) and `mandat worker` in processes of their own, on a
PostgreSQL cluster of the test's own that it can stop."""

import http.client
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from mandat.testing import pgcluster
from mandat.testing.received import SmtpInbox, free_port

pytestmark = [
    pytest.mark.standalone,
    pytest.mark.skipif(
        pgcluster.missing_reason() is not None,
        reason=f"needs the PostgreSQL server binaries: {pgcluster.missing_reason()}",
    ),
]
BASE_DIR = Path(__file__).resolve().parents[3]
MESSAGES = 120
PEOPLE = 60
CAPACITY = 20

SEED = """
import datetime, json
from django.utils import timezone
from mandat.core.models import Organisation
from mandat.directory.models import Person
from mandat.notifications.models import Message
from mandat.trainings.models import Invitation, Occasion, Session, Training

organisation = Organisation.objects.create(name="Felby kommun", slug="felby")
training = Training.objects.create(
    organisation=organisation, title="Presidieutbildning", status="open"
)
start = timezone.now() + datetime.timedelta(days=30)
occasion = Occasion.objects.create(
    organisation=organisation, training=training, capacity=%(capacity)d,
    starts_at=start, ends_at=start + datetime.timedelta(hours=3),
)
Session.objects.create(
    occasion=occasion, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
)
tokens = []
for number in range(%(people)d):
    person = Person.objects.create(
        organisation=organisation, first_name="Person", last_name=f"{number:03}",
        email=f"person{number}@felby.se",
    )
    tokens.append(
        Invitation.objects.create(
            organisation=organisation, training=training, person=person
        ).token
    )
Message.objects.bulk_create(
    Message(
        organisation=organisation, event="trainings.reminder",
        dedupe_key=f"fault-test:{number}", to_email=f"person{number}@felby.se",
        subject=f"Påminnelse {number}", body_text="Hej!",
        next_attempt_at=timezone.now(),
    )
    for number in range(%(messages)d)
)
print(json.dumps({"tokens": tokens, "occasion": occasion.pk}))
"""


def environment(url: str, **extra) -> dict:
    env = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": url,
        "SECRET_KEY": "fault-test-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
        "MESSAGE_LEASE_SECONDS": "3",
        "MESSAGE_REQUEUE_SECONDS": "3",
        "TASK_STALE_SECONDS": "3",
        "PYTHONPATH": str(BASE_DIR),
        # Static files from the source, as in the rest of the suite: the
        # faults are the database's and the processes', not collectstatic's.
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "WHITENOISE_USE_FINDERS": "true",
    }
    env.update(extra)
    return env


def mandat(*args) -> list[str]:
    return [sys.executable, "-m", "mandat.cli", *args]


def query(url: str, sql: str, *params):
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def wait_for(condition, *, timeout: float, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(every)
    return condition()


class SlowInbox(SmtpInbox):
    """An SMTP server that takes a little while per message, as real ones do,
    so that a worker can be killed in the middle of a batch."""

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        await asyncio.sleep(0.02)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture(scope="module")
def installation(tmp_path_factory):
    """A migrated PostgreSQL cluster with an organisation, a training with
    60 invited people, and 300 queued messages."""
    with pgcluster.cluster_handle() as cluster:
        var = tmp_path_factory.mktemp("fault-var")
        env = environment(cluster.url, MANDAT_VAR_DIR=str(var))
        subprocess.run(mandat("migrate", "-v0"), env=env, check=True, cwd=BASE_DIR)
        seeded = subprocess.run(
            mandat(
                "shell",
                "-c",
                SEED % {"capacity": CAPACITY, "people": PEOPLE, "messages": MESSAGES},
            ),
            env=env,
            check=True,
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
        )
        data = json.loads(seeded.stdout.strip().splitlines()[-1])
        yield cluster, env, data


@pytest.fixture
def smtp(installation):
    from aiosmtpd.controller import Controller

    inbox = SlowInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield (
        inbox,
        {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
        },
    )
    controller.stop()


def start_worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        mandat("worker", "--tick-interval", "1", "--interval", "0.2"),
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def message_ids(inbox) -> list[str]:
    ids = []
    for _to, data in list(inbox.received):
        match = re.search(rb"^Message-ID: (<[^>]+>)", data, re.MULTILINE | re.I)
        ids.append(match[1].decode())
    return ids


def test_a_worker_killed_in_the_middle_of_a_batch_loses_and_doubles_nothing(
    installation, smtp
):
    cluster, env, _data = installation
    inbox, mail_env = smtp
    env = {**env, **mail_env}
    first = start_worker(env)
    assert wait_for(lambda: len(inbox.received) >= MESSAGES // 3, timeout=60)

    first.send_signal(signal.SIGKILL)
    first.wait()
    cut_at = len(inbox.received)
    second = start_worker(env)
    try:
        sent = wait_for(
            lambda: (
                query(
                    cluster.url,
                    "SELECT count(*) FROM notifications_message WHERE status = 'sent'",
                )[0][0]
                == MESSAGES
            ),
            timeout=90,
        )
        running = wait_for(
            lambda: (
                query(
                    cluster.url,
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                    "WHERE status = 'RUNNING'",
                )[0][0]
                == 0
            ),
            timeout=30,
        )
    finally:
        stop(second)

    ids = message_ids(inbox)
    assert sent, query(
        cluster.url, "SELECT status, count(*) FROM notifications_message GROUP BY 1"
    )
    assert running  # the task cut off with the first worker did not stay running
    assert MESSAGES // 3 <= cut_at < MESSAGES
    # Every message arrived. A message on the wire when the worker died may
    # arrive twice, with the same Message-ID, which mail programs show once.
    assert len(set(ids)) == MESSAGES
    assert len(ids) - len(set(ids)) <= 1
    print(f"\nkilled after {cut_at} of {MESSAGES}; received {len(ids)} for {MESSAGES}")


class Browser:
    """A visitor with cookies, as a browser keeps them."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str):
        try:
            with self.opener.open(self.base + path, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path: str, fields: dict):
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(
            self.base + path, data=data, headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


@pytest.fixture
def server(installation):
    """`mandat serve` (gunicorn, two workers) and `mandat worker`."""
    cluster, env, data = installation
    port = free_port()
    env = {
        **env,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    web = subprocess.Popen(
        mandat("serve"),
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    assert wait_for(lambda: _answers(base), timeout=30)
    worker = start_worker(env)
    yield cluster, base, web, worker, data
    stop(worker)
    stop(web)


def _answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def register(base: str, token: str, occasion: int) -> bool:
    """Register from the personal link as a person would, clicking again when
    the connection breaks; return whether the page confirmed it."""
    visitor = Browser(base)
    for _attempt in range(5):
        try:
            status, page = visitor.get(f"/t/{token}/")
            if status != 200:
                continue
            status, page = visitor.post(
                f"/t/{token}/",
                {
                    "csrfmiddlewaretoken": csrf_token(page),
                    "action": "register",
                    "occasion": occasion,
                    "dietary_needs": "",
                    "accessibility_needs": "",
                },
            )
            if status == 200:
                return True
        except (OSError, urllib.error.URLError, http.client.HTTPException):
            # The connection broke, before the answer or in the middle of
            # it (IncompleteRead): click again.
            time.sleep(0.1)
    return False


def gunicorn_workers(master: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    return [int(pid) for pid in children.read_text().split()]


def test_a_web_worker_killed_in_a_burst_of_registrations_loses_and_doubles_nothing(
    server,
):
    cluster, base, web, _worker, data = server
    killed = threading.Event()

    def kill_one_worker():
        time.sleep(0.4)
        os.kill(gunicorn_workers(web)[0], signal.SIGKILL)
        killed.set()

    threading.Thread(target=kill_one_worker, daemon=True).start()
    with ThreadPoolExecutor(max_workers=8) as pool:
        confirmed = list(
            pool.map(lambda t: register(base, t, data["occasion"]), data["tokens"])
        )

    assert killed.is_set()
    rows = query(
        cluster.url,
        "SELECT person_id, status FROM trainings_registration "
        "WHERE status IN ('registered', 'waiting')",
    )
    people = [person for person, _status in rows]
    assert all(confirmed)  # every person got through, clicking again if needed
    assert len(people) == len(set(people)) == PEOPLE  # none lost, none doubled
    assert sum(status == "registered" for _p, status in rows) == CAPACITY
    # Each registration's confirmation is queued once.
    assert wait_for(
        lambda: (
            query(
                cluster.url,
                "SELECT count(*), count(DISTINCT dedupe_key) "
                "FROM notifications_message "
                "WHERE event LIKE 'trainings.registration_%%'",
            )[0]
            == (PEOPLE, PEOPLE)
        ),
        timeout=10,
    )


def test_pages_answer_503_while_postgresql_is_stopped_and_recover_by_themselves(
    server,
):
    cluster, base, web, worker, data = server
    page = f"/t/{data['tokens'][0]}/"
    visitor = Browser(base)
    assert visitor.get(page)[0] == 200

    cluster.stop()
    try:
        status, text = visitor.get(page)
        health = visitor.get("/healthz")[0]
    finally:
        cluster.start()

    assert status == 503
    assert "tillfälligt otillgängligt" in text
    assert health == 503
    assert wait_for(lambda: visitor.get(page)[0] == 200, timeout=30)
    # The worker outlived the outage and works: a message queued now is sent.
    query(
        cluster.url,
        "UPDATE notifications_message SET status = 'queued', "
        "next_attempt_at = now(), attempts = 0 "
        "WHERE dedupe_key = 'fault-test:0'",
    )
    assert worker.poll() is None
    assert wait_for(
        lambda: (
            query(
                cluster.url,
                "SELECT status FROM notifications_message "
                "WHERE dedupe_key = 'fault-test:0'",
            )[0][0]
            == "sent"
        ),
        timeout=60,
    )
    assert web.poll() is None
