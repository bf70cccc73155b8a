"""Who may do what, for every address Mandat has: the permission matrix.

Every URL pattern of the resolver is fetched with GET and POST as every
identity of ``permission_table.IDENTITIES`` and as each role of another
organisation, and each answer is compared with the table of
``permission_table.py`` (its rows in ``permission_rows/``, one module per
app), which docs/permissions.md is generated from. A new address without a
row in the table fails the test until someone decides who may open it; a 500
fails it anywhere.

Each request runs in a savepoint that is rolled back, so a POST that deletes
or changes something leaves the next request the same world."""

import logging
import time
from collections import Counter
from pathlib import Path

import pytest

from mandat.core.tests import permission_table as table
from mandat.core.tests.world import (
    PASSWORD,
    Prober,
    build_url,
    build_world,
    keep_files,
)

# Who may open what does not depend on the database engine: the matrix runs
# once, on PostgreSQL (production's), not again on SQLite (it is the
# suite's longest test, ~40 s a run).
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

BASE_DIR = Path(__file__).resolve().parents[3]


# The test ----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _keep_files(monkeypatch):
    keep_files(monkeypatch)


@pytest.fixture
def quiet_request_log():
    """Keep Django's warning for every 403, 404 and 405 out of the run's log
    (thousands of them); errors are still logged."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def test_every_address_answers_every_identity_as_the_table_says(
    client, django_user_model, quiet_request_log
):
    started = time.monotonic()
    ours = build_world("exempelby", "Exempelby kommun")
    theirs = build_world("grannby", "Grannby kommun")
    installation = django_user_model.objects.create_superuser(
        email="installation@matris.example", password=PASSWORD
    )
    accounts = {
        "anonymous": None,
        **ours["users"],
        "installation_admin": installation,
        **{f"other_{role}": user for role, user in theirs["users"].items()},
    }
    prober = Prober(client)
    for name, user in accounts.items():
        prober.log_in(name, user)

    all_routes = table.routes()
    missing = [key for key, _route, _p in all_routes if table.rule_for(key) is None]
    assert missing == [], (
        "These addresses have no row in mandat/core/tests/permission_rows/ "
        "(the module of their app); decide who may open them and add one (then "
        "regenerate docs/permissions.md with "
        "`python -m mandat.core.tests.permission_table`): " + ", ".join(missing)
    )

    wrong, answers = [], Counter()

    def check(identity, method, url, expected: set[int | None], note=""):
        status = prober.fetch(identity, method, url)
        answers[status] += 1
        if status != 500 and None in expected or status in expected:
            return
        wanted = " or ".join(str(code) for code in sorted(expected))
        wrong.append(f"{method} {url}{note} as {identity}: {status}, not {wanted}")

    for key, route, _pattern in all_routes:
        rule = table.rule_for(key)
        url = build_url(key, route, ours["values"])
        in_organisation = "<slug:org_slug>" in route
        admin_site = key.startswith("admin:")
        mixed = None
        if in_organisation and "_id>" in route:
            # Their own organisation's address with our objects in it.
            mixed = build_url(key, route, {**ours["values"], "org_slug": "grannby"})
        for method in table.METHODS:
            for identity in table.IDENTITIES:
                check(identity, method, url, {rule[method][identity]})
            if admin_site:
                continue  # the same for every account but the installation's
            for role in table.OTHER_ROLES:
                identity = f"other_{role}"
                expected = 404 if in_organisation else rule[method][role]
                check(identity, method, url, {expected})
                # Every role reads; the roles that may change most also write.
                if mixed and (method == "GET" or role in table.MIXED_POST_ROLES):
                    own = rule[method][role]
                    denied = {403, 404, 405} if own in (403, 405) else {404}
                    check(identity, method, mixed, denied, " (our objects)")
    seconds = time.monotonic() - started
    print(
        f"\npermission matrix: {len(all_routes)} addresses, {prober.count} requests "
        f"in {seconds:.1f} s; answers {dict(sorted(answers.items()))}"
    )
    assert 500 not in answers
    assert wrong == [], "\n".join(wrong)


def test_docs_permissions_is_the_table():
    committed = (BASE_DIR / "docs" / "permissions.md").read_text(encoding="utf-8")
    assert committed == table.markdown(table.routes()), (
        "docs/permissions.md is out of date: run "
        "`python -m mandat.core.tests.permission_table`."
    )
