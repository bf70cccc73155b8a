"""The installation's administrator adds an organisation and invites its
first coordinator, who does the rest in Mandat's pages."""

import pytest
from django.urls import reverse

from mandat.accounts.models import Membership
from mandat.accounts.tests.factories import UserFactory
from mandat.core.access import Role
from mandat.core.models import AuditEntry, Organisation
from mandat.notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def installation_admin(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def test_a_network_is_added_with_its_first_coordinator_invited(
    installation_admin, run_on_commit
):
    home = installation_admin.get(reverse("portal:home"))
    assert reverse("accounts:organisation-create") in home.text

    response = run_on_commit(
        installation_admin.post,
        reverse("accounts:organisation-create"),
        {
            "name": "Länsnätverket Halland",
            "kind": "natverk",
            "coordinator_email": "hedwig@halland.example",
            "coordinator_name": "Hedwig Andrén",
        },
    )

    assert response.status_code == 302
    network = Organisation.objects.get(name="Länsnätverket Halland")
    assert (network.slug, network.kind) == ("lansnatverket-halland", "natverk")
    membership = Membership.objects.get(organisation=network)
    assert (membership.user.email, membership.role) == (
        "hedwig@halland.example",
        Role.COORDINATOR,
    )
    assert Message.objects.filter(to_email="hedwig@halland.example").exists()
    assert AuditEntry.objects.filter(object_type="core.organisation").exists()


def test_a_taken_name_is_refused_next_to_the_field_and_nothing_is_made(
    installation_admin, organisation
):
    response = installation_admin.post(
        reverse("accounts:organisation-create"),
        {"name": organisation.name, "kind": "kommun", "coordinator_email": "a@b.se"},
    )

    assert response.status_code == 200
    assert "Det finns en organisation med det här namnet." in response.text
    assert Organisation.objects.count() == 1


def test_a_coordinator_cannot_add_organisations(coordinator_client):
    response = coordinator_client.get(reverse("accounts:organisation-create"))

    assert response.status_code == 403
