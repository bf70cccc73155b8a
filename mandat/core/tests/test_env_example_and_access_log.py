"""An installation as the README sets it up: `cp .env.example .env`, a key
filled in, and `mandat check --deploy` passes with the defaults the empty
variables stand for; `mandat serve` then writes an access log without the
tokens of personal links. Each runs in a copy of the source, in processes of
its own with nothing of the test run in their environment."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.standalone
BASE_DIR = Path(__file__).resolve().parents[3]
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".venv", "var", ".git", "node_modules", "__pycache__", ".ruff_cache", ".hypothesis"
)
KEY = "k" * 20 + "Zq8-Xy_0123456789abcdefghijklmnopqrstuvw"
SECRET = "Zq8-Xy_secret_Tok3n_abcdefghijklmnop"


@pytest.fixture(scope="module")
def installation(tmp_path_factory) -> Path:
    """A copy of the source with .env copied from .env.example."""
    source = tmp_path_factory.mktemp("installation") / "mandat"
    shutil.copytree(BASE_DIR, source, ignore=NOT_IN_A_CLONE)
    shutil.copy(source / ".env.example", source / ".env")
    return source


def _env(source: Path) -> dict:
    return {"PATH": os.environ["PATH"], "PYTHONPATH": str(source), "HOME": str(source)}


def _mandat(source: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mandat.cli", *args],
        cwd=source,
        env=_env(source),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _set_key(source: Path) -> None:
    env_file = source / ".env"
    text = re.sub(r"(?m)^SECRET_KEY=.*$", f"SECRET_KEY={KEY}", env_file.read_text())
    env_file.write_text(text)


def test_a_copied_env_example_asks_only_for_the_key(installation):
    result = _mandat(installation, "check")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "DATABASE_URL" not in result.stderr


def test_a_copied_env_example_with_a_key_passes_the_deploy_check(installation):
    _set_key(installation)
    check = _mandat(installation, "check", "--deploy", "--fail-level", "WARNING")
    where = _mandat(
        installation,
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['NAME'], s.MEDIA_ROOT, s.EMAIL_FILE_PATH)",
    )

    assert check.returncode == 0, check.stdout + check.stderr
    assert where.returncode == 0, where.stderr
    var = installation / "var"
    assert where.stdout.split() == [
        str(var / "mandat.sqlite3"),
        str(var / "media"),
        str(var / "mail"),
    ]


def _free_port() -> int:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


def test_the_access_log_of_mandat_serve_keeps_no_personal_token(installation):
    _set_key(installation)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mandat.cli",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=installation,
        env=_env(installation),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    paths = [
        f"/t/{SECRET}/",
        f"/a/{SECRET}/document/",
        f"/e/{SECRET}/",
        f"/cal/{SECRET}.ics",
        f"/accounts/link/{SECRET}/",
        f"/o/exempelby/trainings/?token={SECRET}",
    ]
    try:
        deadline = time.monotonic() + 30
        answered = 0
        while answered < len(paths) and time.monotonic() < deadline:
            # http.client follows no redirect: nothing leaves this machine.
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                connection.request(
                    "GET",
                    paths[answered],
                    headers={
                        "Host": "mandat.example.se",
                        "Referer": f"https://mandat.example.se/e/{SECRET}/",
                    },
                )
                connection.getresponse().read()
            except ConnectionError:
                time.sleep(0.3)  # not listening yet
                continue
            finally:
                connection.close()
            answered += 1
        assert answered == len(paths), "mandat serve did not answer"
        time.sleep(0.5)
    finally:
        server.terminate()
        log, _ = server.communicate(timeout=30)

    requests = [line for line in log.splitlines() if '"GET ' in line]
    assert len(requests) >= len(paths), log
    assert SECRET not in log
    assert all("[token]" in line for line in requests), requests
