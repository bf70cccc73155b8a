"""Administrators give and take roles; every change is in the audit trail."""

import pytest
from django.urls import reverse

from mandat.accounts import services
from mandat.accounts.models import Membership, User
from mandat.core.access import Role
from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.directory.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db


def test_an_administrator_gives_a_role_to_a_new_user(
    client, administrator, organisation
):
    client.force_login(administrator)
    url = reverse("accounts:membership-list", args=[organisation.slug])

    response = client.post(
        url, {"email": "Ny.Samordnare@example.se", "role": Role.COORDINATOR}
    )

    assert response.status_code == 302
    user = User.objects.get(email="ny.samordnare@example.se")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, role=Role.COORDINATOR).exists()
    assert AuditEntry.objects.filter(
        object_type="accounts.membership", action="create"
    ).exists()


def test_a_committee_secretary_needs_a_body(client, administrator, organisation):
    client.force_login(administrator)
    url = reverse("accounts:membership-list", args=[organisation.slug])

    response = client.post(
        url, {"email": "sek@example.se", "role": Role.COMMITTEE_SECRETARY}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["body"]
    # The refused role leaves no account behind for the new address.
    assert not User.objects.filter(email="sek@example.se").exists()


def test_a_body_of_another_organisation_cannot_be_given(
    administrator, organisation, other_organisation
):
    user = services.user_get_or_create(email="sek@example.se")
    with pytest.raises(
        ApplicationError, match=r"Organet tillhör en annan organisation\."
    ):
        services.membership_create(
            actor=administrator,
            organisation=organisation,
            user=user,
            role=Role.COMMITTEE_SECRETARY,
            body=BodyFactory(organisation=other_organisation),
        )


def test_the_last_administrator_cannot_be_removed(administrator, organisation):
    membership = Membership.objects.get(user=administrator, role=Role.ADMINISTRATOR)

    with pytest.raises(
        ApplicationError,
        match=r"Organisationen måste ha kvar minst en administratör\.",
    ):
        services.membership_delete(actor=administrator, membership=membership)

    assert Membership.objects.filter(pk=membership.pk).exists()
