"""docs/examples/api_integration.py, written from the API's documentation
alone, run as another system runs it: a separate process speaking HTTP to a
running Mandat."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mandat.api.services import api_token_create
from mandat.core.models import AuditEntry
from mandat.directory.tests.factories import PersonFactory
from mandat.trainings.models import Registration, SessionAttendance

SCRIPT = (
    Path(__file__).resolve().parents[3] / "docs" / "examples" / "api_integration.py"
)


@pytest.mark.django_db(transaction=True)
def test_the_documented_integration_registers_people_and_records_attendance(
    live_server, organisation
):
    names = ["Anna Berg", "Bo Ek", "Cecilia Lind"]
    for name in names:
        first, last = name.split()
        PersonFactory(organisation=organisation, first_name=first, last_name=last)
    PersonFactory(organisation=organisation, protected_identity=True)
    _token, secret = api_token_create(
        actor=None, organisation=organisation, name="Intranätet", scope="write"
    )

    run = subprocess.run(
        [sys.executable, str(SCRIPT)],
        env={**os.environ, "MANDAT_URL": live_server.url, "MANDAT_TOKEN": secret},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"Organisation: {organisation.name}"
    assert sum("registered, attended" in line for line in lines) == 3
    assert lines[-1].startswith("Annual report ")
    registrations = Registration.objects.filter(organisation=organisation)
    assert registrations.count() == 3
    assert (
        SessionAttendance.objects.filter(
            registration__in=registrations, status="attended"
        ).count()
        == 3
    )
    # The audit trail names the token for every change it made.
    labels = set(
        AuditEntry.objects.filter(organisation=organisation)
        .exclude(object_type__endswith="apitoken")
        .values_list("actor_label", flat=True)
    )
    assert labels == {"API-token Intranätet"}
