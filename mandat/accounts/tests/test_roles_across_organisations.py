"""An organisation's administrator gives roles to new accounts and to its own
people, never takes over an account of another organisation by its address."""

import pytest
from django.urls import reverse

from mandat.accounts.models import Membership
from mandat.core.access import Role
from mandat.directory.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _give_role(client, organisation, email, name="Ny Namnsson"):
    return client.post(
        reverse("accounts:membership-list", args=[organisation.slug]),
        {"email": email, "full_name": name, "role": Role.COORDINATOR},
    )


def test_an_account_of_another_organisation_is_neither_attached_nor_named(
    client, administrator, organisation, other_organisation, make_user
):
    theirs = make_user(
        Role.ELECTED,
        other_organisation,
        email="hemlig@grannby.example",
        full_name="Hemliga Grannbysson",
    )
    client.force_login(administrator)

    response = _give_role(client, organisation, "HEMLIG@grannby.example")

    assert response.status_code == 200
    assert "Hemliga Grannbysson" not in response.content.decode()
    assert response.context["form"].errors["email"]
    assert not Membership.objects.filter(user=theirs, organisation=organisation)


def test_an_account_with_a_person_elsewhere_or_the_installations_is_refused_too(
    client, administrator, organisation, other_organisation, django_user_model
):
    person = PersonFactory(organisation=other_organisation)
    person.account = django_user_model.objects.create_user(
        email="person@grannby.example"
    )
    person.save()
    django_user_model.objects.create_superuser(email="root@mandat.example")
    client.force_login(administrator)

    for email in ("person@grannby.example", "root@mandat.example"):
        assert _give_role(client, organisation, email).status_code == 200
    assert Membership.objects.filter(organisation=organisation).count() == 1


def test_new_accounts_and_the_organisations_own_get_roles(
    client, administrator, organisation, make_user
):
    elected = make_user(Role.ELECTED, organisation, email="egen@exempelby.example")
    orphan = make_user(email="utan.roll@exempelby.example")
    client.force_login(administrator)

    for email in ("ny@exempelby.example", elected.email, orphan.email):
        response = _give_role(client, organisation, email)
        assert response.status_code == 302, email
    assert (
        Membership.objects.filter(
            organisation=organisation, role=Role.COORDINATOR
        ).count()
        == 3
    )
