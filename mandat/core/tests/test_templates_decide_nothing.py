"""Templates show, they do not decide: no ``{% if %}`` or ``{% elif %}``
compares a value with a string literal (``meeting.status == "held"``).

Such a comparison is a rule written where no test of the model sees it, and
a status renamed in its ``TextChoices`` leaves it silently false. The rule
belongs on the model as a property named for what it means
(``meeting.is_held``), or in a flag the view, selector or a template filter
computes in Python (``can_approve_minutes``, ``field|is_checkbox``).

Read from the files, so a comparison fails here even in a branch no page
test reaches."""

import re
from pathlib import Path

from django.utils.text import smart_split

ROOT = Path(__file__).resolve().parents[3]
# Django's template tags never span lines.
CONDITION = re.compile(r"{%\s*(if|elif)\s+(.*?)\s*%}")
COMPARISONS = {"==", "!=", "in", "<", ">", "<=", ">="}


def templates():
    yield from sorted((ROOT / "templates").rglob("*"))
    yield from sorted((ROOT / "mandat").glob("*/templates/**/*"))


def is_literal(token: str) -> bool:
    """A quoted string, alone or with filters (``"x"|lower``); a quoted
    argument of a filter on a variable (``name|slice:":8"``) is not one."""
    return token[:1] in {'"', "'"}


def compares_with_a_literal(condition: str) -> bool:
    tokens = list(smart_split(condition))
    for index, token in enumerate(tokens):
        if token not in COMPARISONS:
            continue
        before = tokens[index - 1] if index else ""
        after = tokens[index + 1] if index + 1 < len(tokens) else ""
        if is_literal(before) or is_literal(after):
            return True
    return False


def test_compares_with_a_literal_finds_the_forms_it_forbids():
    assert compares_with_a_literal('meeting.status == "held"')
    assert compares_with_a_literal("a and film.status != 'draft'")
    assert compares_with_a_literal('kind in "abc"')
    assert compares_with_a_literal('kind not in "abc"')
    assert compares_with_a_literal('"x" in values')
    assert compares_with_a_literal('not field.name|slice:":8" == "session_"')
    assert not compares_with_a_literal("meeting.is_held")
    assert not compares_with_a_literal("other == report.year")
    assert not compares_with_a_literal('name|slice:":8" == prefix')
    assert not compares_with_a_literal('value|default:"x"')


def test_no_template_compares_a_value_with_a_string_literal():
    found = []
    for path in templates():
        if not path.is_file() or path.suffix not in {".html", ".txt", ".xml"}:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for tag, condition in CONDITION.findall(line):
                if compares_with_a_literal(condition):
                    found.append(
                        f"{path.relative_to(ROOT)}:{number}: {{% {tag} {condition} %}}"
                    )
    assert found == [], (
        "Name the rule as a model property or a flag computed in Python:\n"
        + "\n".join(found)
    )
