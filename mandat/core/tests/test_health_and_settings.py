import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]


def _production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in (
            "SECURE_COOKIES",
            "DEBUG",
            "STATICFILES_BACKEND",
            "TASKS_BACKEND",
            "EMAIL_BACKEND",
            # Set by the browser tests (Playwright's loop beside Django's
            # ORM) when they run in the same session; never in production.
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="x7!q"
        + "production-grade-secret-key-with-enough-entropy-9f3k2j" * 2,
        ALLOWED_HOSTS="mandat.example.se",
    )
    env.update(extra)
    return env


@pytest.mark.django_db
def test_healthz_reports_the_database_as_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable():
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='mandat.example.se', secure=True);"
        "print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=_production_env(DATABASE_URL="postgres://nobody@127.0.0.1:1/none"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503", result.stderr
    assert json.loads(body) == {"status": "error", "database": "unreachable"}


def test_production_settings_pass_the_deploy_check():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        cwd=BASE_DIR,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.standalone
def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode');"
        "options = connection.settings_dict['OPTIONS'];"
        "print(c.fetchone()[0], options['transaction_mode'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=_production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'wal.sqlite3'}"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["wal", "IMMEDIATE"], result.stderr


WRITER = """
import django, sys
django.setup()
from django.db import transaction
from mandat.core.models import Organisation
from mandat.directory import services
organisation = Organisation.objects.get(slug="delad")
for n in range(40):
    with transaction.atomic():
        # Read first, then write: the pattern that fails with "database is
        # locked" when a deferred transaction must upgrade its lock.
        Organisation.objects.get(pk=organisation.pk)
        services.person_create(
            actor=None, organisation=organisation,
            first_name=f"P{sys.argv[1]}", last_name=str(n),
        )
print("ok")
"""


@pytest.mark.standalone
def test_several_processes_write_to_one_sqlite_file_without_locking_errors(tmp_path):
    env = _production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    setup = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);"
        "from mandat.core.models import Organisation;"
        "Organisation.objects.create(name='Delad', slug='delad')"
    )
    subprocess.run(
        [sys.executable, "-c", setup], cwd=BASE_DIR, env=env, check=True, timeout=120
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(n)],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    outputs = [writer.communicate(timeout=120) for writer in writers]

    assert [out.strip() for out, _err in outputs] == ["ok"] * 4, outputs
    count = (
        "import django; django.setup();"
        "from mandat.directory.models import Person; print(Person.objects.count())"
    )
    result = subprocess.run(
        [sys.executable, "-c", count],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "160"
