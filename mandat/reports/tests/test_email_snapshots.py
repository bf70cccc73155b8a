"""The coordinator's e-mail when training costs pass a budget, as it is
read, in Swedish: for the whole organisation and for one committee's
budget. A changed text shows in the snapshot's diff, to be read in review
(update with ``pytest --snapshot-update <this file>``)."""

import datetime

import pytest

from mandat.core.access import Role
from mandat.directory.tests.factories import BodyFactory
from mandat.reports import services
from mandat.trainings.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db

CORA = "cora.samordnare@exempelby.se"


def test_coordinator_told_when_costs_pass_the_budgets(
    emails, snapshot, organisation, make_user
):
    cora = make_user(
        Role.COORDINATOR, organisation, email=CORA, full_name="Cora Samordnare"
    )
    committee = BodyFactory(organisation=organisation, name="Socialnämnden")
    training = TrainingFactory(
        organisation=organisation,
        title="Introduktion för nya ledamöter",
        responsible_body=committee,
    )
    services.budget_set(actor=cora, organisation=organisation, year=2026, amount=50000)
    services.budget_set(
        actor=cora, organisation=organisation, year=2026, amount=20000, body=committee
    )

    with emails.sending():
        services.cost_add(
            actor=cora,
            training=training,
            category="venue",
            amount=61500,
            incurred_on=datetime.date(2026, 3, 1),
        )

    # One e-mail per budget passed, in no particular order.
    assert sorted(emails.to(CORA)) == snapshot
