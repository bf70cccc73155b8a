"""The handbook's e-mail as its recipient reads it, in Swedish: the owner's
reminder that a page is due for review, sent by the worker's check. A
changed text shows in the snapshot's diff, to be read in review (update
with ``pytest --snapshot-update <this file>``)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from mandat.directory.tests.factories import PersonFactory
from mandat.knowledge import services
from mandat.knowledge.models import HandbookSection

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def test_owner_reminded_that_a_page_is_due_for_review(
    emails, snapshot, organisation, time_machine
):
    time_machine.move_to(NOW, tick=False)
    owner = PersonFactory(
        organisation=organisation,
        first_name="Olle",
        last_name="Ägare",
        email="olle.agare@exempelby.se",
    )
    section = HandbookSection.objects.create(organisation=organisation, title="Arvoden")
    services.page_save(
        actor=None,
        section=section,
        title="Arvoden och ersättningar",
        body="Så fungerar arvodena.",
        owner=owner,
        reviewed_on=datetime.date(2025, 2, 14),
        review_months=12,
    )

    with emails.sending():
        services.reviews_due()

    assert emails.one("olle.agare@exempelby.se") == snapshot
