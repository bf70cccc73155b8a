"""The e-mails of accounts as their recipients read them, in Swedish: the
invitation to a new account, the log-in link and the link to choose a new
password. A changed text shows in the snapshot's diff, to be read in review
(update with ``pytest --snapshot-update <this file>``)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from mandat.accounts import services
from mandat.accounts.models import AccountLink
from mandat.core.access import Role

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 15, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(autouse=True)
def fixed_clock(time_machine, settings):
    time_machine.move_to(NOW, tick=False)
    settings.INVITATION_TIMEOUT = 7 * 24 * 3600
    settings.LOGIN_LINK_TIMEOUT = 20 * 60
    settings.PASSWORD_RESET_TIMEOUT = 24 * 3600


@pytest.fixture
def administrator(make_user, organisation):
    return make_user(
        Role.ADMINISTRATOR,
        organisation,
        email="ada.admin@exempelby.se",
        full_name="Ada Admin",
    )


def test_invitation_to_a_new_account(emails, snapshot, organisation, administrator):
    with emails.sending():
        services.membership_give(
            actor=administrator,
            organisation=organisation,
            email="nils.nilsson@exempelby.se",
            full_name="Nils Nilsson",
            role=Role.COORDINATOR,
        )

    assert emails.one("nils.nilsson@exempelby.se") == snapshot


def test_an_invitation_names_the_role_in_swedish_whatever_the_senders_language(
    emails, organisation, administrator
):
    with translation.override("en"), emails.sending():
        services.membership_give(
            actor=administrator,
            organisation=organisation,
            email="nils.nilsson@exempelby.se",
            full_name="Nils Nilsson",
            role=Role.COORDINATOR,
        )

    body = str(emails.one("nils.nilsson@exempelby.se"))
    assert "Utbildningssamordnare" in body
    assert "Training coordinator" not in body


def test_log_in_link(emails, snapshot, make_user, organisation):
    make_user(
        Role.ELECTED,
        organisation,
        email="elin.ek@exempelby.se",
        full_name="Elin Ek",
    )

    with emails.sending():
        services.link_request_create(
            purpose=AccountLink.Purpose.LOGIN,
            email="elin.ek@exempelby.se",
            client="192.0.2.1",
        )

    assert emails.one("elin.ek@exempelby.se") == snapshot


def test_new_password_link_to_an_account_without_a_name(
    emails, snapshot, make_user, organisation
):
    make_user(Role.ELECTED, organisation, email="elin.ek@exempelby.se", full_name="")

    with emails.sending():
        services.link_request_create(
            purpose=AccountLink.Purpose.PASSWORD_RESET,
            email="elin.ek@exempelby.se",
            client="192.0.2.1",
        )

    assert emails.one("elin.ek@exempelby.se") == snapshot
