"""Who may open which directory page: role × page × expected status."""

import pytest
from django.urls import reverse

from mandat.core.access import Role
from mandat.directory.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db

ROLES = [None, *Role.values]
SEES_ALL = {Role.ADMINISTRATOR, Role.COORDINATOR}
SEES_OWN = SEES_ALL | {Role.COMMITTEE_SECRETARY}


def expected(role, allowed, *, denied=403):
    if role is None:
        return 302  # to the log-in page
    return 200 if role in allowed else denied


@pytest.fixture
def bodies(organisation):
    social = BodyFactory(organisation=organisation, name="Socialnämnden")
    culture = BodyFactory(organisation=organisation, name="Kulturnämnden")
    return social, culture


@pytest.mark.parametrize("role", ROLES)
def test_directory_permission_matrix(client, make_user, organisation, bodies, role):
    social, culture = bodies
    if role is not None:
        user = make_user(
            role,
            organisation,
            body=social if role == Role.COMMITTEE_SECRETARY else None,
        )
        client.force_login(user)
    slug = organisation.slug
    matrix = {
        reverse("directory:person-list", args=[slug]): expected(role, SEES_OWN),
        reverse("directory:body-list", args=[slug]): expected(role, SEES_OWN),
        reverse("directory:assignment-list", args=[slug]): expected(role, SEES_OWN),
        reverse("directory:body-detail", args=[slug, social.pk]): expected(
            role, SEES_OWN
        ),
        # A committee secretary sees their own committee, not the others.
        reverse("directory:body-detail", args=[slug, culture.pk]): (
            404 if role == Role.COMMITTEE_SECRETARY else expected(role, SEES_ALL)
        ),
        reverse("directory:import-list", args=[slug]): expected(role, SEES_ALL),
        reverse("directory:import-template", args=[slug]): expected(role, SEES_ALL),
    }
    actual = {url: client.get(url).status_code for url in matrix}
    assert actual == matrix
