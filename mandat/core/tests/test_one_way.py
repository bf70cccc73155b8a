"""One way to do each thing, read from the source so that a second way
fails here before it spreads:

- a view refuses with ``core.permissions`` (``@allowed(rule)``,
  ``require(rule(user, obj))``), never ``raise PermissionDenied`` by hand;
- a service's refusal reaches a form through ``core.forms.service_error``,
  never ``form.add_error(…, error.message)`` (a field the form lacks is a
  server error);
- a page's full address is ``core.addresses.absolute_url``, never
  ``SITE_URL`` joined by hand;
- a form page that calls a service is ``core.pages.form_page``, a small
  form posted from another page ``core.pages.form_post``, and a record a
  selector did not find ``core.pages.found``: never try/except/else,
  messages and redirect written out again, nor ``if x is None: raise
  Http404``."""

import ast
import re
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


def answers_a_form_by_hand(node) -> bool:
    """``if request.method == "POST" and form.is_valid():`` around a
    try/except ApplicationError whose ``else`` redirects."""
    if not isinstance(node, ast.If):
        return False
    if not re.fullmatch(
        r"request\.method == 'POST' and \w+\.is_valid\(\)", ast.unparse(node.test)
    ):
        return False
    return any(
        isinstance(inner, ast.Try)
        and any(
            "ApplicationError" in ast.unparse(h.type or node) for h in inner.handlers
        )
        and any(isinstance(s, ast.Return) for s in inner.orelse)
        for inner in ast.walk(node)
    )


def form_errors_as_messages_by_hand(node) -> bool:
    return isinstance(node, ast.For) and ast.unparse(node.iter).endswith(
        "errors.values()"
    )


def not_found_by_hand(node) -> bool:
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Compare)
        and isinstance(node.test.ops[0], ast.Is)
        and ast.unparse(node.test.comparators[0]) == "None"
        and len(node.body) == 1
        and isinstance(node.body[0], ast.Raise)
        and "Http404" in ast.unparse(node.body[0])
    )


# Pages of more than one form, whose refusal goes to one of them by its field.
SEVERAL_FORMS = {
    # The item, and from the next-meeting item the next meeting's time.
    "meetings/views/items.py",
    # Who came, and adding someone who is not a member; a warning (not a
    # success) when the meeting is not quorate.
    "meetings/views/meetings.py",
}


def test_form_pages_answer_through_core_pages():
    assert [
        place
        for place in places(answers_a_form_by_hand, allowed_in="core/pages.py")
        if place.split(":")[0] not in SEVERAL_FORMS
    ] == []
    assert places(form_errors_as_messages_by_hand, allowed_in="core/pages.py") == []


def test_records_not_found_answer_404_through_found():
    assert places(not_found_by_hand, allowed_in="core/pages.py") == []


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
        "    if request.method == 'POST' and form.is_valid():\n"
        "        try:\n"
        "            saved = save()\n"
        "        except ApplicationError as error:\n"
        "            service_error(form, error)\n"
        "        else:\n"
        "            return redirect(saved)\n"
        "    for errors in form.errors.values():\n"
        "        messages.error(request, ' '.join(errors))\n"
        "    if record is None:\n"
        "        raise Http404\n"
    )
    nodes = list(ast.walk(tree))
    assert any(refuses_by_hand(n) for n in nodes)
    assert any(puts_a_message_on_a_form(n) for n in nodes)
    assert any(joins_the_site_address(n) for n in nodes)
    assert any(answers_a_form_by_hand(n) for n in nodes)
    assert any(form_errors_as_messages_by_hand(n) for n in nodes)
    assert any(not_found_by_hand(n) for n in nodes)
