"""Schemathesis against the OpenAPI schema: generated requests, valid and
invalid, to every operation with a read-and-write token, in a world of the
organisation's records. No answer may be a server error or differ from the
schema (status, headers, body)."""

import datetime

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from mandat.api.services import api_token_create
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    PersonFactory,
)
from mandat.evaluations.services import questionnaire_set_status
from mandat.trainings.tests.factories import OccasionFactory, RegistrationFactory

from .worlds import answered_questionnaire, meetings_world, plan_world

EXAMPLES = 15

# Generated requests find what the database makes of odd values; run on
# PostgreSQL, production's, in the PostgreSQL part of the suite.
pytestmark = pytest.mark.postgres


# The schema as Mandat serves it, read at collection (it needs no database);
# the requests go to the same WSGI application, in the test's transaction.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@pytest.fixture
def keep_connection():
    """Called as a WSGI application, Django closes its database connection
    at the start and the end of each request; Django's test client stops
    that for the test's transaction, and so does this."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def secret(db, organisation, settings, keep_connection):
    """A write token, and records for it to find: ids 1, 2, … exist."""
    settings.API_RATE = "100000/min"
    cache.clear()
    body = BodyFactory(organisation=organisation)
    for _ in range(3):
        AssignmentFactory(
            person=PersonFactory(organisation=organisation),
            body=body,
            starts_on=datetime.date(2026, 1, 1),
        )
    RegistrationFactory(occasion=OccasionFactory(training__organisation=organisation))
    _token, secret = api_token_create(
        actor=None, organisation=organisation, name="Schemathesis", scope="write"
    )
    return secret


def closed_questionnaire(organisation) -> None:
    questionnaire_set_status(
        actor=None,
        questionnaire=answered_questionnaire(organisation),
        status="closed",
    )


# The records an address reads besides the directory and the trainings,
# made only for the operations that read them (each operation is a test of
# its own, and making them all for each would double the test's time).
WORLDS = {
    "/meeting": meetings_world,
    "/items": meetings_world,
    "/action-items": meetings_world,
    "/plan": plan_world,
    "/questionnaires": closed_questionnaire,
}


@pytest.fixture
def world(organisation):
    """Make the records of ``case``'s address once per operation."""
    made: set = set()

    def make(case) -> None:
        path = case.path.removeprefix("/api/v1")
        for prefix, builder in WORLDS.items():
            if path.startswith(prefix) and builder not in made:
                builder(organisation)
                made.add(builder)

    return make


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_answers_as_its_schema_says(case, secret, world):
    world(case)
    # A write that names a record the organisation does not have (any
    # integer is schema-valid as an id) is refused with 400 and the field,
    # which a schema cannot say in advance; every other check holds.
    refused_references = [positive_data_acceptance] if case.method == "POST" else []
    case.call_and_validate(
        headers={"Authorization": f"Bearer {secret}"},
        excluded_checks=refused_references,
    )
