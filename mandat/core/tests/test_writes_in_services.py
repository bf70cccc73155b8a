"""Only services write: the modules that read or show (views, forms,
selectors, permissions, exporters, filters, template tags, calendar files
and feeds, widgets, the menu, middleware) never save, create, change or
delete a record themselves; they call a service, which does it in one
transaction with its audit entry. Read from the source, so a write slipped
into a view fails here whether or not a test takes that path."""

import ast
from pathlib import Path

MANDAT = Path(__file__).resolve().parents[2]
READERS = {
    "views",
    "forms",
    "selectors",
    "permissions",
    "exporters",
    "filters",
    "templatetags",
    "feeds",
    "calendars",
    "widgets",
    "navigation",
    "middleware",
    "history_views",
}
WRITES = {
    "save",
    "delete",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}


def reader_modules():
    for path in sorted(MANDAT.rglob("*.py")):
        parts = path.relative_to(MANDAT).with_suffix("").parts
        if {"tests", "migrations", "services"} & set(parts) or parts[0] == "testing":
            continue
        if READERS & set(parts):
            yield path


def receiver_names(node) -> set[str]:
    """The names in the chain a method is called on (``X.objects.filter``)."""
    names = set()
    while isinstance(node, ast.Attribute | ast.Call):
        if isinstance(node, ast.Call):
            node = node.func
            continue
        names.add(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        names.add(node.id)
    return names


def writes(tree):
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, receiver_names(node.func.value)
        # A dict's update() is not a write; a queryset's is.
        if method in WRITES or (
            method == "update" and receiver & {"objects", "filter", "exclude", "all"}
        ):
            yield node.lineno, method


def test_no_module_that_reads_or_shows_writes_a_record():
    found = [
        f"{path.relative_to(MANDAT)}:{line} .{method}()"
        for path in reader_modules()
        for line, method in writes(ast.parse(path.read_text()))
    ]
    assert found == []


def test_the_check_sees_the_writes_it_is_meant_to_find():
    source = (
        "def view(request, form):\n"
        "    form.save()\n"
        "    Film.objects.filter(pk=1).update(title='x')\n"
        "    context = {}\n"
        "    context.update(a=1)\n"
    )
    assert [method for _line, method in writes(ast.parse(source))] == [
        "save",
        "update",
    ]
