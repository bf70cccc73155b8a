"""Compile the translation catalogues (.po to .mo) with polib, so that a
machine without GNU gettext can still run Mandat in Swedish."""

import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def compile_catalogues(base_dir: Path = BASE_DIR) -> list[Path]:
    """Write a .mo file beside every .po file that is newer than its .mo."""
    written = []
    for po_path in sorted((base_dir / "locale").glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_catalogues():
        print(f"compiled {path.relative_to(BASE_DIR)}", file=sys.stderr)
