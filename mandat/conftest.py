"""Fixtures shared by every app's tests."""

import pytest

from mandat.accounts.models import Membership
from mandat.accounts.tests.factories import UserFactory
from mandat.core.access import Role
from mandat.core.tests.factories import OrganisationFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Exempelby kommun", slug="exempelby")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Grannby kommun", slug="grannby")


@pytest.fixture
def make_user(db):
    """Return a function that makes a user with a role in an organisation."""

    def make(role=Role.COORDINATOR, organisation=None, body=None, **fields):
        user = UserFactory(**fields)
        if organisation is not None:
            Membership.objects.create(
                user=user, organisation=organisation, role=role, body=body
            )
        return user

    return make


@pytest.fixture
def coordinator(make_user, organisation):
    return make_user(Role.COORDINATOR, organisation, full_name="Cora Samordnare")


@pytest.fixture
def administrator(make_user, organisation):
    return make_user(Role.ADMINISTRATOR, organisation, full_name="Ada Admin")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what services defer to the end of their transaction, as in production."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def emails(mailoutbox, settings, django_capture_on_commit_callbacks):
    """The e-mails sent during the test, as their recipients read them
    (``mandat/testing/emails.py``), with links to a fixed address."""
    from mandat.testing.emails import emails_recorded

    settings.SITE_URL = "https://mandat.exempelby.se"
    with emails_recorded(mailoutbox, django_capture_on_commit_callbacks) as sent:
        yield sent
