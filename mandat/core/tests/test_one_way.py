"""One way to do each thing, read from the source so that a second way
fails here before it spreads:

- a view refuses with ``core.permissions`` (``@allowed(rule)``,
  ``require(rule(user, obj))``), never ``raise PermissionDenied`` by hand;
- a service's refusal reaches a form through ``core.forms.service_error``,
  never ``form.add_error(…, error.message)`` (a field the form lacks is a
  server error);
- a page's full address is ``core.addresses.absolute_url``, never
  ``SITE_URL`` joined by hand."""

import ast
from pathlib import Path

MANDAT = Path(__file__).resolve().parents[2]


def sources():
    for path in sorted(MANDAT.rglob("*.py")):
        parts = path.relative_to(MANDAT).parts
        if "tests" in parts or "migrations" in parts or parts[0] == "testing":
            continue
        yield path.relative_to(MANDAT).as_posix(), ast.parse(path.read_text())


def places(check, *, allowed_in: str) -> list[str]:
    return [
        f"{name}:{node.lineno}"
        for name, tree in sources()
        if name != allowed_in
        for node in ast.walk(tree)
        if check(node)
    ]


def refuses_by_hand(node) -> bool:
    return isinstance(node, ast.Raise) and "PermissionDenied" in ast.unparse(
        node.exc or ast.Constant(None)
    )


def puts_a_message_on_a_form(node) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "add_error"
        and any(".message" in ast.unparse(argument) for argument in node.args)
    )


def joins_the_site_address(node) -> bool:
    if isinstance(node, ast.BinOp | ast.JoinedStr):
        return "settings.SITE_URL" in ast.unparse(node)
    return False


def test_views_refuse_through_core_permissions():
    assert places(refuses_by_hand, allowed_in="core/permissions.py") == []


def test_service_refusals_reach_forms_through_service_error():
    assert places(puts_a_message_on_a_form, allowed_in="core/forms.py") == []


def test_full_addresses_come_from_absolute_url():
    assert places(joins_the_site_address, allowed_in="core/addresses.py") == []


def test_the_checks_see_what_they_look_for():
    tree = ast.parse(
        "def view(request, form, error):\n"
        "    raise PermissionDenied\n"
        "    form.add_error('name', error.message)\n"
        "    link = settings.SITE_URL + reverse('x')\n"
    )
    nodes = list(ast.walk(tree))
    assert any(refuses_by_hand(n) for n in nodes)
    assert any(puts_a_message_on_a_form(n) for n in nodes)
    assert any(joins_the_site_address(n) for n in nodes)
