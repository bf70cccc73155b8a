"""Who may open the pages of core and accounts: role × page × status."""

import pytest
from django.urls import reverse

from mandat.core.access import Role
from mandat.directory.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [None, *Role.values])
def test_core_and_accounts_permission_matrix(client, make_user, organisation, role):
    if role is not None:
        body = BodyFactory(organisation=organisation)
        client.force_login(
            make_user(
                role,
                organisation,
                body=body if role == Role.COMMITTEE_SECRETARY else None,
            )
        )
    slug = organisation.slug
    anonymous = role is None
    admin_only = 200 if role == Role.ADMINISTRATOR else 403
    matrix = {
        reverse("portal:home"): 302,
        reverse("portal:dashboard", args=[slug]): 302 if anonymous else 200,
        reverse("core:audit-list", args=[slug]): 302 if anonymous else admin_only,
        reverse("accounts:my-page", args=[slug]): 302 if anonymous else 200,
        reverse("accounts:membership-list", args=[slug]): (
            302 if anonymous else admin_only
        ),
        reverse("accounts:settings"): 302 if anonymous else 200,
        reverse("core:accessibility"): 200,
        reverse("core:healthz"): 200,
        reverse("accounts:login"): 302 if not anonymous else 200,
        reverse("accounts:password-reset"): 200,
    }
    actual = {url: client.get(url).status_code for url in matrix}
    assert actual == matrix
