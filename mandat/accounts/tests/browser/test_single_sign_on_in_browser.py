"""Signing in through the organisation's own identity provider, in a real
browser: from Mandat's log-in page to the loopback OpenID Connect provider's
own log-in form and back, signed in as the person of the directory."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from mandat.accounts.models import Membership
from mandat.core.access import Role
from mandat.directory.models import Person
from mandat.directory.tests.factories import PersonFactory

from ..sso import configure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def swedish(text: str, **values) -> str:
    with translation.override("sv"):
        return gettext(text) % values


def test_an_elected_official_signs_in_through_the_loopback_provider(
    page, live_server, settings, oidc_provider, organisation
):
    settings.SITE_URL = live_server.url
    PersonFactory(
        organisation=organisation,
        first_name="Elin",
        last_name="Exempel",
        email="elin@example.se",
        kind=Person.Kind.ELECTED,
    )
    configure(oidc_provider, organisation)

    page.goto("/accounts/login/")
    page.axe.check("log-in")
    with page.expect_navigation():
        page.get_by_role(
            "link", name=swedish("Log in with %(name)s", name="Exempelby kommuns konto")
        ).click()

    # The provider's own log-in form, at its own address.
    assert page.url.startswith(oidc_provider.issuer.removesuffix("/o"))
    page.axe.check("the provider's log-in")
    page.get_by_label("Användarnamn").fill("elin")
    page.get_by_label("Lösenord").fill(oidc_provider.password)
    with page.expect_navigation(url=f"{live_server.url}/**"):
        page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("load")

    page.axe.check("overview")
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Elin Exempel")
    membership = Membership.objects.get(user__email="elin@example.se")
    assert membership.organisation == organisation
    assert membership.role == Role.ELECTED
