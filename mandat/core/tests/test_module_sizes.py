"""No module past 500 lines (issue 14): one that grows past it is split into
modules named for what they hold, or becomes a package
(docs/architecture.md). Read from the source of mandat/, bench/ and config/;
migrations are left out, as Django writes them."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[3]
FOLDERS = ("mandat", "bench", "config")
MAX_LINES = 500


def modules(base_dir: Path = BASE_DIR) -> list[Path]:
    """Every Python module of the folders, migrations left out."""
    return [
        path
        for folder in FOLDERS
        for path in sorted((base_dir / folder).rglob("*.py"))
        if "migrations" not in path.relative_to(base_dir).parts
    ]


def too_long(paths: list[Path], base_dir: Path = BASE_DIR) -> list[str]:
    """Return "path: N lines" for each of ``paths`` past MAX_LINES."""
    found = []
    for path in paths:
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_LINES:
            found.append(f"{path.relative_to(base_dir)}: {count} lines")
    return found


def test_no_module_is_past_500_lines():
    found = too_long(modules())

    assert found == [], (
        f"Past {MAX_LINES} lines; split each into modules named for what they "
        "hold (docs/architecture.md):\n" + "\n".join(found)
    )


def test_the_check_reads_every_folder_and_leaves_out_migrations():
    found = {path.relative_to(BASE_DIR).as_posix() for path in modules()}

    assert "mandat/core/tests/test_module_sizes.py" in found
    assert "bench/run.py" in found
    assert "config/settings.py" in found
    assert not any("/migrations/" in path for path in found)


def test_a_module_of_501_lines_is_named_with_its_count(tmp_path):
    (tmp_path / "mandat").mkdir()
    (tmp_path / "mandat" / "short.py").write_text("x = 1\n" * 500)
    (tmp_path / "mandat" / "long.py").write_text("x = 1\n" * 501)
    (tmp_path / "mandat" / "migrations").mkdir()
    (tmp_path / "mandat" / "migrations" / "0001_initial.py").write_text("x\n" * 900)

    assert too_long(modules(tmp_path), tmp_path) == ["mandat/long.py: 501 lines"]
