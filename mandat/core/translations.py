"""Compile the translation catalogues (.po to .mo) with polib, so that a
machine without GNU gettext can still run Mandat in Swedish.

The .mo files are not in the repository. Every process that starts Django
(the ``mandat`` command, ``config.wsgi``, the test plugin) compiles them
first: Django reads a catalogue once per process, so one compiled after
Django has started is only seen by the next process."""

import os
import sys
import tempfile
from pathlib import Path

# polib has no type hints; they are a package of their own (types-polib).
import polib  # type: ignore[import-untyped]

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def compile_catalogues(base_dir: Path = BASE_DIR) -> list[Path]:
    """Write a .mo file beside every .po file that is newer than its .mo."""
    written = []
    for po_path in sorted((base_dir / "locale").glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        # Written beside and renamed, so that a process starting at the same
        # moment (another web worker) reads the old file or the new, never half.
        fd, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo")
        os.close(fd)
        try:
            polib.pofile(str(po_path)).save_as_mofile(temporary)
            os.chmod(temporary, 0o644)
            os.replace(temporary, mo_path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        written.append(mo_path)
    return written


def ensure_catalogues(base_dir: Path = BASE_DIR) -> None:
    """Compile what is out of date before Django starts; where the source is
    read-only (an installation compiled at deployment), warn and go on."""
    try:
        compile_catalogues(base_dir)
    except OSError as error:
        print(
            f"mandat: could not compile the translations ({error}); "
            "run `mandat compiletranslations` as the owner of the files.",
            file=sys.stderr,
        )


if __name__ == "__main__":
    for path in compile_catalogues():
        print(f"compiled {path.relative_to(BASE_DIR)}", file=sys.stderr)
