"""A production server installs ``requirements.lock`` only (README,
docs/deployment.md). Every library Mandat's own code imports, outside its
tests and test tools, must be in it, or the server stops at its first
import of that module."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# Code a production server never imports: the tests, the test tools, the
# pytest's conftest files.
NOT_IN_PRODUCTION = ("tests", "testing")


def _production_modules() -> list[Path]:
    files = [*(ROOT / "mandat").rglob("*.py"), *(ROOT / "config").rglob("*.py")]
    return [
        path
        for path in files
        if not set(path.relative_to(ROOT).parts) & set(NOT_IN_PRODUCTION)
        and path.name != "conftest.py"
    ]


def _top_level_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _locked(lock: Path) -> set[str]:
    pins = re.findall(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==", lock.read_text(), re.M)
    return {_normal(name) for name in pins}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_library_production_code_imports_is_in_the_production_lock():
    distributions = packages_distributions()
    locked = _locked(ROOT / "requirements.lock")
    missing: dict[str, set[str]] = {}
    for path in _production_modules():
        for name in _top_level_imports(path):
            if name in sys.stdlib_module_names or name in {"mandat", "config"}:
                continue
            for distribution in distributions.get(name, [name]):
                if _normal(distribution) not in locked:
                    where = str(path.relative_to(ROOT))
                    missing.setdefault(distribution, set()).add(where)
    assert not missing, (
        "imported by production code but not in requirements.lock "
        "(add them to pyproject.toml's dependencies and run `make lock`): "
        f"{ {name: sorted(paths)[:3] for name, paths in missing.items()} }"
    )
