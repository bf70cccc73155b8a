"""Vendored front-end files are the pinned ones, and the Swedish translation is
complete and current."""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

BASE_DIR = Path(__file__).resolve().parents[3]
SWEDISH = BASE_DIR / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def test_vendored_files_match_their_pinned_hashes():
    manifest = json.loads((BASE_DIR / "static" / "vendor" / "vendor.json").read_text())
    for entry in manifest["files"]:
        content = (BASE_DIR / entry["dest"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry["sha256"], entry["dest"]


def test_every_string_has_a_swedish_translation():
    catalogue = polib.pofile(str(SWEDISH))

    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="GNU gettext (xgettext) is needed to extract strings: apt install gettext",
)
def test_the_translation_files_are_current(tmp_path):
    """Extracting the strings again must not find any the .po file lacks."""
    copy = tmp_path / "project"
    shutil.copytree(
        BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "*.mo"),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "sv",
            "--no-location",
            "--ignore=static",
            "--settings=config.settings",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
            "SECRET_KEY": "x" * 50,
            "PYTHONPATH": str(copy),
        },
    )
    extracted = {
        e.msgid for e in polib.pofile(str(copy / SWEDISH.relative_to(BASE_DIR)))
    }
    committed = {e.msgid for e in polib.pofile(str(SWEDISH))}

    assert sorted(extracted - committed) == []
