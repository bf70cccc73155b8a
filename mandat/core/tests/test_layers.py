"""Dependencies point down only: an app imports the apps below it in
INSTALLED_APPS (the layers of docs/architecture.md), never one above it, and
never another app inside a function to get round a cycle.

Read from the source, so a forbidden import fails here even on a path no
other test runs. Tests are outside the rule: a test of a lower app may build
its world with a higher app's factories."""

import ast
import re
from pathlib import Path

from django.conf import settings

MANDAT = Path(__file__).resolve().parents[2]
ARCHITECTURE = MANDAT.parent / "docs" / "architecture.md"
# A dotted path in a string names a module as surely as an import does
# (ticks, message writers, settings).
DOTTED = re.compile(r"^mandat\.(\w+)\.")


def layers() -> list[str]:
    return [
        app.split(".")[1]
        for app in settings.INSTALLED_APPS
        if app.startswith("mandat.")
    ]


def modules():
    """Every module of an app that is not a test or a migration."""
    for app in layers():
        for path in sorted((MANDAT / app).rglob("*.py")):
            parts = path.relative_to(MANDAT).parts
            if "tests" in parts or "migrations" in parts:
                continue
            yield app, path, ast.parse(path.read_text(), filename=str(path))


def imported_app(node) -> str | None:
    """The Mandat app an import node names, if any."""
    if isinstance(node, ast.ImportFrom):
        names = [node.module or ""] if node.level == 0 else []
    elif isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        return None
    for name in names:
        parts = name.split(".")
        if len(parts) > 1 and parts[0] == "mandat":
            return parts[1]
    return None


def inside_functions(tree):
    """Import nodes inside functions, except AppConfig.ready() (Django loads
    the models after the app modules, so registering needs them there)."""
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            if function.name == "ready":
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    yield node


def test_no_app_imports_an_app_above_it():
    order = layers()
    rank = {app: index for index, app in enumerate(order)}
    upward = []
    for app, path, tree in modules():
        for node in ast.walk(tree):
            target = imported_app(node)
            if target is None and isinstance(node, ast.Constant):
                match = (
                    DOTTED.match(node.value) if isinstance(node.value, str) else None
                )
                target = match.group(1) if match else None
            if target == "testing" or (target in rank and rank[target] > rank[app]):
                upward.append(f"{path.relative_to(MANDAT)}:{node.lineno} → {target}")
    assert upward == [], f"Layers, bottom up: {order}"


def test_no_module_of_mandat_is_imported_inside_a_function():
    """Not another app's, nor the app's own (a service and its task import
    each other as modules, ``from .. import tasks``, which Python resolves)."""
    hidden = []
    for _app, path, tree in modules():
        for node in inside_functions(tree):
            relative = isinstance(node, ast.ImportFrom) and node.level > 0
            if relative or imported_app(node) is not None:
                hidden.append(f"{path.relative_to(MANDAT)}:{node.lineno}")
    assert hidden == []


def test_the_architecture_document_lists_the_layers_in_this_order():
    text = ARCHITECTURE.read_text()
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\d+\. `(\w+)`", section, re.M)
    assert listed == layers()
