"""Every address of the API with every kind of token, GET and POST: who
may read, who may write, and that another organisation's token, a revoked
one or none gets nothing of ours. The API's part of the permission matrix
(core/tests/test_permission_matrix.py tries the pages and, with a session
instead of a token, these addresses too: 401)."""

import pytest

from mandat.api.models import ApiToken
from mandat.api.services import api_token_create, api_token_revoke
from mandat.core.tests import permission_table
from mandat.core.tests.world import build_url
from mandat.directory.tests.factories import AssignmentFactory
from mandat.trainings.services import attendance_record
from mandat.trainings.tests.factories import RegistrationFactory

from .conftest import Api
from .worlds import meetings_world, plan_world, questionnaire_world

pytestmark = pytest.mark.django_db

TOKENS = ("none", "read", "write", "other_write", "revoked")

# GET and POST of each kind of address, answers in the order of TOKENS. A
# POST of an empty body with the write token is a refusal (400), which shows
# it got past who may write; another organisation's token gets an empty
# list, a 404 for our record and a 400 for our ids in a body.
EXPECTED = {
    "list": ("401 200 200 200 401", "401 403 400 400 401"),
    "read-only list": ("401 200 200 200 401", "401 403 405 405 401"),
    "detail": ("401 200 200 404 401", "401 403 405 405 401"),
    # A record's document: a questionnaire's results, a meeting's minutes.
    "document": ("401 200 200 404 401", "401 403 405 405 401"),
    "cancel": ("401 405 405 405 401", "401 403 200 404 401"),
    # Ending an assignment needs its last day: an empty body is refused.
    "end": ("401 405 405 405 401", "401 403 400 404 401"),
    "organisation": ("401 200 200 200 401", "401 403 405 405 401"),
    "annual report": ("401 200 200 200 401", "401 403 405 405 401"),
}
WRITABLE = {
    "training",
    "occasion",
    "registration",
    "attendance",
    "person",
    "assignment",
}


def kind_of(name: str) -> str:
    if name == "api:organisation":
        return "organisation"
    if name.startswith("api:annual-report"):
        return "annual report"
    if name.endswith("-cancel"):
        return "cancel"
    if name.endswith("-end"):
        return "end"
    if name.endswith("-detail"):
        return "detail"
    if name.endswith(("-results", "-minutes-pdf")):
        return "document"
    part = name.removeprefix("api:").removesuffix("-list")
    return "list" if part in WRITABLE else "read-only list"


def api_routes() -> list[tuple[str, str]]:
    return [
        (key, route)
        for key, route, _pattern in permission_table.routes()
        if key.startswith("api:")
        and key not in ("api:schema", "api:docs", "api:not-found")
        and not key.startswith("api:token-")
    ]


def test_every_api_address_answers_every_token_as_the_table_says(
    client, organisation, other_organisation
):
    registration = RegistrationFactory(occasion__training__organisation=organisation)
    AssignmentFactory(person=registration.person)
    attendance = attendance_record(
        actor=None,
        registration=registration,
        session=registration.occasion.sessions.first(),
        status="attended",
    )
    meetings = meetings_world(organisation)
    plan, plan_item = plan_world(organisation)
    ids = {
        "meeting-group": meetings.group.pk,
        "meeting": meetings.finalised.pk,
        "meeting-minutes": meetings.finalised.pk,
        "agenda-item": meetings.item.pk,
        "action-item": meetings.action.pk,
        "questionnaire": questionnaire_world(organisation).pk,
        "plan": plan.pk,
        "plan-item": plan_item.pk,
        "training": registration.training_id,
        "occasion": registration.occasion_id,
        "registration": registration.pk,
        "person": registration.person_id,
        "body": registration.person.assignments.get().body_id,
        "assignment": registration.person.assignments.get().pk,
        "attendance": attendance.pk,
    }
    secrets = {"none": None}
    for name, owner, scope in [
        ("read", organisation, "read"),
        ("write", organisation, "write"),
        ("other_write", other_organisation, "write"),
        ("revoked", organisation, "write"),
    ]:
        _token, secrets[name] = api_token_create(
            actor=None, organisation=owner, name=name, scope=scope
        )
    api_token_revoke(actor=None, token=ApiToken.objects.get(name="revoked"))

    wrong = []
    routes = api_routes()
    for key, route in routes:
        part = key.removeprefix("api:").rsplit("-", 1)[0]
        path = build_url(key, route, {"pk": ids.get(part, 1), "year": 2026})
        for method, answers in zip(
            ("GET", "POST"), EXPECTED[kind_of(key)], strict=True
        ):
            for token, expected in zip(TOKENS, answers.split(), strict=True):
                api = Api(client, secrets[token])
                response = api.get(path) if method == "GET" else api.post(path, {})
                if response.status_code != int(expected):
                    wrong.append(
                        f"{method} {path} with {token}: {response.status_code}, "
                        f"not {expected}"
                    )
                if (
                    token == "other_write"
                    and method == "GET"
                    and response.status_code == 200
                ):
                    body = response.json()
                    results = body.get("results", [])
                    assert not any(row.get("id") == ids.get(part) for row in results), (
                        f"{path} shows our record to another organisation"
                    )
    assert len(routes) >= 32
    assert wrong == [], "\n".join(wrong)
