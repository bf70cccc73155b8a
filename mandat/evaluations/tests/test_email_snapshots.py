"""The e-mails of evaluations and surveys as their recipients read them, in
Swedish: the request with a personal link and the one reminder to those
who have not answered. A changed text shows in the snapshot's diff, to be
read in review (update with ``pytest --snapshot-update <this file>``)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from mandat.directory.tests.factories import PersonFactory
from mandat.evaluations import services
from mandat.evaluations.models import Questionnaire

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=STOCKHOLM)
ASA = "asa.oberg@exempelby.se"


@pytest.fixture
def survey(organisation, time_machine):
    """An open survey, sent to Åsa; the e-mail sent then is kept."""
    time_machine.move_to(NOW, tick=False)
    survey = services.questionnaire_create(
        actor=None, organisation=organisation, title="Behov av utbildning 2027"
    )
    services.questionnaire_set_status(
        actor=None, questionnaire=survey, status=Questionnaire.Status.OPEN
    )
    return survey


@pytest.fixture
def asa(organisation):
    return PersonFactory(
        organisation=organisation, first_name="Åsa", last_name="Öberg", email=ASA
    )


def test_request_to_answer_with_a_personal_link(emails, snapshot, survey, asa):
    with emails.sending():
        services.questionnaire_send(actor=None, questionnaire=survey, people=[asa])

    assert emails.one(ASA) == snapshot


def test_reminder_to_those_who_have_not_answered(
    emails, snapshot, survey, asa, time_machine
):
    with emails.sending():
        services.questionnaire_send(actor=None, questionnaire=survey, people=[asa])
    emails.clear()
    time_machine.move_to(
        NOW + datetime.timedelta(days=survey.reminder_days), tick=False
    )

    with emails.sending():
        services.reminders_due()

    assert emails.one(ASA) == snapshot
