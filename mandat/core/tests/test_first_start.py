"""A new user's first start, as `make demo` does it on a fresh clone: the
source without compiled catalogues and without ./var/, `mandat demo` in a
process of its own with nothing in the environment. What it stores is
Swedish, and the `mandat` command of that folder finds the demo's key."""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.apps import apps

pytestmark = pytest.mark.standalone
BASE_DIR = Path(__file__).resolve().parents[3]
CATALOGUE = Path("locale") / "sv" / "LC_MESSAGES" / "django.po"
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".venv",
    "var",
    ".git",
    "node_modules",
    "__pycache__",
    "*.mo",
    ".ruff_cache",
    ".hypothesis",
)
# English that an untranslated template or service would write, beside the
# phrases of the catalogue.
KNOWN_ENGLISH = ["Hello ", "Invitation:", "Opening of the meeting", "placed on file"]
# Words of English that are not Swedish words, for English that never was a
# translatable string.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|you|your|with|of|are|this|will|please|have|has|was|were|"
    r"which|been)\b",
    re.IGNORECASE,
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{[^}]*\}|<[^>]+>")
NOT_TEXT = re.compile(
    r"https?://\S+|\S+@\S+|BEGIN:VTIMEZONE.*?END:VTIMEZONE", re.DOTALL
)


def _clean_env(var_dir: Path, source: Path, **extra) -> dict:
    """The environment of a new user's shell: none of the test run's settings."""
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(source)}
    env["MANDAT_VAR_DIR"] = str(var_dir)
    env.update(extra)
    return env


def _mandat(source: Path, *args, **extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mandat.cli", *args],
        cwd=source,
        env=_clean_env(source / "var", source, **extra),
        capture_output=True,
        text=True,
        timeout=300,
    )


def _english_phrases() -> list[str]:
    """Return the English of every catalogue entry that Swedish changes, in
    the pieces between its placeholders, long enough not to hit by chance."""
    phrases = set(KNOWN_ENGLISH)
    for entry in polib.pofile(str(BASE_DIR / CATALOGUE)):
        swedish = [entry.msgstr, *entry.msgstr_plural.values()]
        if entry.obsolete or entry.msgid in swedish:
            continue
        for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
            for piece in PLACEHOLDER.split(msgid):
                piece = piece.strip(" ,.:;!?\"'()\n")
                if " " in piece and len(piece) >= 8:
                    phrases.add(piece)
    return sorted(phrases)


def _strings(value):
    """Yield every string in ``value``, looking inside JSON."""
    if isinstance(value, str):
        if value[:1] in "[{":
            try:
                yield from _strings(json.loads(value))
                return
            except ValueError:
                pass
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _english_in(text: str, phrases: list[str]) -> list[str]:
    text = NOT_TEXT.sub(" ", text)
    found = [phrase for phrase in phrases if phrase in text]
    # A text without a space is a name, a code or a token, not a sentence.
    if " " in text.strip():
        found += ENGLISH_WORDS.findall(text)
    return found


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    """A copy of the source as a clone has it, after `mandat demo --no-serve`."""
    source = tmp_path_factory.mktemp("first-start") / "mandat"
    shutil.copytree(BASE_DIR, source, ignore=NOT_IN_A_CLONE)
    catalogue = (source / CATALOGUE).with_suffix(".mo")
    assert not catalogue.exists()

    result = _mandat(source, "demo", "--no-serve")

    assert result.returncode == 0, result.stdout + result.stderr
    # Compiled in the copy: the command ran the copy's code, not the checkout's.
    assert catalogue.exists()
    return source


def test_first_demo_stores_no_english_in_seeded_texts_or_queued_messages(
    demo_folder,
):
    phrases = _english_phrases()
    tables = {
        model._meta.db_table
        for config in apps.get_app_configs()
        if config.name.startswith("mandat.")
        for model in config.get_models(include_auto_created=True)
    }
    # Of the audit trail, the note each change carries is read in the
    # change log; its recorded values are the records' own.
    only = {"core_auditentry": {"message"}}
    found = {}
    scanned = 0
    with sqlite3.connect(demo_folder / "var" / "mandat.sqlite3") as database:
        for table in sorted(tables):
            columns = [
                name
                for _cid, name, kind, *_rest in database.execute(
                    f'PRAGMA table_info("{table}")'
                )
                if kind.lower().startswith(("varchar", "text"))
                and name in only.get(table, {name})
            ]
            for column in columns:
                for (value,) in database.execute(f'SELECT "{column}" FROM "{table}"'):
                    for text in _strings(value):
                        scanned += 1
                        english = _english_in(text, phrases)
                        if english:
                            found.setdefault(f"{table}.{column}", (english, text))
        messages = database.execute(
            "SELECT count(*) FROM notifications_message"
        ).fetchone()[0]

    assert messages > 100 and scanned > 10_000
    assert found == {}


def test_the_mandat_command_of_a_demo_finds_its_key(demo_folder, tmp_path):
    with sqlite3.connect(demo_folder / "var" / "mandat.sqlite3") as database:
        (year,) = database.execute(
            "SELECT strftime('%Y', starts_at) FROM meetings_meeting "
            "WHERE status = 'held' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    output = tmp_path / "arsrapport.json"

    result = _mandat(
        demo_folder,
        "report",
        "annual",
        "--org",
        "exempelstad",
        "--year",
        year,
        "--format",
        "json",
        "--output",
        str(output),
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(output.read_text())
    assert report["organisation"] == "Exempelstads kommun"
    assert report["meetings_held"] > 0
    assert "Ordförande" in {member["role"] for member in report["members"]}
    phrases = _english_phrases()
    english = [
        (text, _english_in(text, phrases))
        for text in _strings(report)
        if _english_in(text, phrases)
    ]
    assert english == []


def test_a_configured_database_or_a_folder_without_the_demo_still_needs_a_key(
    demo_folder, tmp_path
):
    other_database = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    with_database = _mandat(demo_folder, "check", DATABASE_URL=other_database)
    no_demo = _mandat(demo_folder, "check", MANDAT_VAR_DIR=str(tmp_path / "var"))

    assert with_database.returncode != 0
    assert "SECRET_KEY is not set" in with_database.stderr
    assert no_demo.returncode != 0
    assert "SECRET_KEY is not set" in no_demo.stderr


def test_every_demo_message_reads_as_received_in_swedish_with_valid_calendars(
    demo_folder,
):
    """The worker sends the demo's queued mail to ./var/mail/; every message
    there, read as its recipient's programs read it, is Swedish, and every
    calendar part passes the four parsers."""
    from mandat.testing.received import parse_calendar, parse_mail, received_calendar

    result = _mandat(demo_folder, "worker", "--batch")
    assert result.returncode == 0, result.stderr

    separator = b"\n" + b"-" * 79 + b"\n"
    phrases = _english_phrases()
    messages = calendars = sessions = 0
    english = {}
    for path in sorted((demo_folder / "var" / "mail").glob("*.log")):
        for raw in path.read_bytes().split(separator):
            if not raw.strip():
                continue
            message = parse_mail(raw)
            messages += 1
            texts = [str(message["Subject"])] + [
                part.get_content()
                for part in message.walk()
                if part.get_content_maintype() == "text"
            ]
            for text in texts:
                if found := _english_in(re.sub(r"<[^>]+>", " ", text), phrases):
                    english.setdefault(str(message["Subject"]), found)
            calendar = received_calendar(message)
            if calendar is not None:
                calendars += 1
                parsed = parse_calendar(calendar.data)
                sessions = max(sessions, len(parsed.events))

    assert messages > 100 and calendars > 50
    assert sessions > 1  # a training of several sessions is among them
    assert english == {}


def test_the_demo_starts_its_worker_again_when_it_dies_and_keeps_serving(demo_folder):
    import signal
    import time
    import urllib.request

    from mandat.testing.received import free_port

    def worker_pids(demo):
        children = Path(f"/proc/{demo.pid}/task/{demo.pid}/children").read_text()
        pids = []
        for pid in children.split():
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if b"worker" in command:
                pids.append(int(pid))
        return pids

    def answers(base):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def wait_for(condition, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if result := condition():
                return result
            time.sleep(0.2)
        return condition()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    demo = subprocess.Popen(
        [sys.executable, "-m", "mandat.cli", "demo", "--bind", f"127.0.0.1:{port}"],
        cwd=demo_folder,
        env=_clean_env(demo_folder / "var", demo_folder),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: answers(base), 60)
        [first] = wait_for(lambda: worker_pids(demo), 30)

        os.kill(first, signal.SIGKILL)

        restarted = wait_for(lambda: [p for p in worker_pids(demo) if p != first], 30)
        assert restarted
        assert answers(base)
    finally:
        demo.terminate()
        demo.wait(timeout=30)
