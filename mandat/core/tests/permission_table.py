"""The table of who may do what: every address of Mandat × identity × method
with the answer it must give. test_permission_matrix.py fetches every
address and compares; docs/permissions.md is generated from this table:

    python -m mandat.core.tests.permission_table

The rows are in ``permission_rows/``, one module per app, named for the
namespace of the addresses' names (Django's admin site in ``admin.py``). A
row holds the answers to GET and to POST (an empty form) in the order of
``IDENTITIES``; a key with ``*`` covers the addresses of Django's admin site
that every model has. Each role of another organisation gets 404 on every
address under /o/<org>/ and the answer of the same role here elsewhere."""

import fnmatch
import os
import re
import sys
from pathlib import Path

from mandat.core.tests.permission_rows import (
    accounts,
    admin,
    api,
    archive,
    core,
    directory,
    evaluations,
    knowledge,
    meetings,
    notifications,
    portal,
    privacy,
    reports,
    trainings,
)

METHODS = ("GET", "POST")

IDENTITIES = {
    "anonymous": "Not logged in",
    "administrator": "Administrator",
    "coordinator": "Training coordinator",
    "secretary": "Committee secretary of the training's committee",
    "secretary_other": "Committee secretary of another committee",
    "steering_member": "Steering-group member (member of the group)",
    "elected": "Elected official (invited to the training, registered)",
    "course_leader": "Course leader of the occasion",
    "official": "Official (regular participant of the group)",
    "installation_admin": "The installation's administrator (superuser, no role)",
}
# The roles that also log in as accounts of another organisation.
OTHER_ROLES = (
    "administrator",
    "coordinator",
    "secretary",
    "steering_member",
    "elected",
    "course_leader",
    "official",
)
# The roles of another organisation that also try to change our objects
# through their own organisation's addresses (every role tries to read them).
MIXED_POST_ROLES = ("administrator", "coordinator")
ABBREVIATIONS = {
    "anonymous": "anon",
    "administrator": "adm",
    "coordinator": "coord",
    "secretary": "sec",
    "secretary_other": "sec2",
    "steering_member": "steer",
    "elected": "elect",
    "course_leader": "lead",
    "official": "off",
    "installation_admin": "inst",
}

# The modules of the rows. Each row is (GET, POST), the answers in the order
# of IDENTITIES (anon adm coord sec sec2 steer elect lead off inst); "-"
# leaves the answer open (anything but 500): the installation's
# administrator in Django's admin, where each model's admin decides.
ROW_MODULES = (
    core,
    portal,
    accounts,
    directory,
    trainings,
    meetings,
    evaluations,
    reports,
    knowledge,
    notifications,
    archive,
    api,
    privacy,
    admin,
)


def _rows() -> dict[str, tuple[str, str]]:
    """Return the rows of every module of permission_rows/ in one table."""
    rows: dict[str, tuple[str, str]] = {}
    for module in ROW_MODULES:
        if twice := rows.keys() & module.ROWS.keys():
            raise ValueError(f"{module.__name__} repeats rows: {sorted(twice)}")
        rows.update(module.ROWS)
    return rows


EXPECTED = _rows()


def rule_for(key: str) -> dict[str, dict[str, int | None]] | None:
    """Return the expected answers of the address named ``key``, by method
    and identity, or None when the table has no row for it."""
    row = EXPECTED.get(key)
    if row is None:
        for pattern, candidate in EXPECTED.items():
            if "*" in pattern and fnmatch.fnmatchcase(key, pattern):
                row = candidate
                break
    if row is None:
        return None
    return {
        method: dict(
            zip(
                IDENTITIES,
                [None if a == "-" else int(a) for a in answers.split()],
                strict=True,
            )
        )
        for method, answers in zip(METHODS, row, strict=True)
    }


def routes() -> list[tuple[str, str, object]]:
    """Return (key, route, pattern) of every URL pattern of the resolver; the
    key is the URL name, or for an unnamed pattern its namespace and route."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = (
                    f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                )
                yield from walk(entry.url_patterns, route, inner)
            elif isinstance(entry, URLPattern):
                yield f"{namespace}{entry.name or route}", route, entry

    return list(walk(get_resolver().url_patterns, "", ""))


MEANINGS = {
    200: "shown (or, for POST, the form shown again with its errors)",
    301: "moved for good (the favicon's old address)",
    302: "redirected: to the log-in page when not logged in, else onwards "
    "after the action",
    400: "refused as a bad request (an upload without a file)",
    403: "refused: the role does not allow it",
    404: "not found: the object or the organisation is not visible to them",
    405: "the method is not allowed on this address",
    "–": "not fixed here (anything but 500): the installation's administrator "
    "in Django's admin, where each model's admin decides",
}


def _address(route: str) -> str:
    """Return ``route`` as a reader writes an address: ``/o/{org_slug}/``."""
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", route)
    route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
    return "/" + route.replace("^", "").replace("$", "")


def _answers(rule, method) -> str:
    return " | ".join(
        "–" if rule[method][code] is None else str(rule[method][code])
        for code in IDENTITIES
    )


def markdown(all_routes) -> str:
    """Return docs/permissions.md for ``all_routes`` (from ``routes()``)."""
    header = " | ".join(ABBREVIATIONS[code] for code in IDENTITIES)
    divider = "| --- | --- | --- |" + " --- |" * len(IDENTITIES)
    mixed_roles = " and ".join(IDENTITIES[role].lower() for role in MIXED_POST_ROLES)
    lines = [
        "# Who may do what",
        "",
        "Generated from the rows in `mandat/core/tests/permission_rows/` (one "
        "module per app) by `python -m mandat.core.tests.permission_table`; "
        "do not edit by hand.",
        "The test `mandat/core/tests/test_permission_matrix.py` fetches every "
        "address below with GET and POST (an empty form) as every identity and "
        "checks each answer against this table, so the table says what Mandat "
        "does. A new address fails that test until it has a row here.",
        "",
        "## Identities",
        "",
        "| column | who |",
        "| --- | --- |",
        *(f"| {ABBREVIATIONS[code]} | {label} |" for code, label in IDENTITIES.items()),
        "",
        "Every role but the second committee secretary also logs in as an "
        "account of **another organisation**. It gets 404 on every address "
        "under `/o/{org_slug}/` of this one, and elsewhere the answer of the "
        "same role here. It also opens its own organisation's addresses with "
        "this one's object ids in them (GET as every role, POST as "
        f"{mixed_roles}) and gets 403 or 404. Personal links (`/t/`, `/a/`, "
        "`/e/`, `/cal/`) act for the person they were sent to, whoever opens "
        "them; links whose token the test cannot make are tried forged.",
        "",
        "## Answers",
        "",
        "| answer | meaning |",
        "| --- | --- |",
        *(f"| {code} | {meaning} |" for code, meaning in MEANINGS.items()),
        "",
    ]
    sections: dict[str, list[str]] = {}
    admin_rows: dict[str, list[str]] = {}
    missing = []
    for key, route, _pattern in all_routes:
        rule = rule_for(key)
        if rule is None:
            missing.append(key)
            continue
        namespace = key.split(":")[0] if ":" in key else "other"
        if namespace == "admin":
            row = (
                key
                if key in EXPECTED
                else next(
                    p for p in EXPECTED if "*" in p and fnmatch.fnmatchcase(key, p)
                )
            )
            admin_rows.setdefault(row, []).append(route)
            continue
        for method in METHODS:
            sections.setdefault(namespace, []).append(
                f"| `{key}` | `{_address(route)}` | {method} | "
                f"{_answers(rule, method)} |"
            )
    for namespace, rows in sections.items():
        lines += [
            f"## {namespace}",
            "",
            f"| name | address | method | {header} |",
            divider,
            *rows,
            "",
        ]
    if admin_rows:
        lines += [
            "## admin (Django's admin site)",
            "",
            "A row with `*` stands for that address of every model. The admin "
            "site is the same for every account but the installation's, so "
            "accounts of another organisation do not try it again.",
            "",
            f"| name | address | method | {header} |",
            divider,
        ]
        for row, routes_of_row in admin_rows.items():
            rule = rule_for(row)
            if len(routes_of_row) > 1:
                where = f"{len(routes_of_row)} addresses"
            else:
                where = f"`{_address(routes_of_row[0])}`"
            for method in METHODS:
                lines.append(
                    f"| `{row}` | {where} | {method} | {_answers(rule, method)} |"
                )
        lines.append("")
    if missing:
        lines += ["## Without a row (the test fails)", ""]
        lines += [f"- `{key}`" for key in missing]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    base_dir = Path(__file__).resolve().parents[3]
    sys.path.insert(0, str(base_dir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "permission-table-only-" + "x" * 40)
    import django

    django.setup()
    target = base_dir / "docs" / "permissions.md"
    target.write_text(markdown(routes()), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
