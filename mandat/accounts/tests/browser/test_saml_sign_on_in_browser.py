"""Signing in over SAML 2.0 in a real browser: from Mandat's log-in page to
the loopback pysaml2 identity provider's own log-in form (another site:
127.0.0.1 beside Mandat's localhost), its signed answer posted back by the
browser, and signed in as the person of the directory."""

import pytest
import requests
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from mandat.accounts.models import Membership
from mandat.core.access import Role
from mandat.directory.models import Person
from mandat.directory.tests.factories import PersonFactory

from ..saml import configure, needs_xmlsec1

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    needs_xmlsec1,
]


def swedish(text: str, **values) -> str:
    with translation.override("sv"):
        return gettext(text) % values


def test_an_official_signs_in_through_the_loopback_saml_provider(
    page, live_server, settings, saml_idp, organisation
):
    settings.SITE_URL = live_server.url
    PersonFactory(
        organisation=organisation,
        first_name="Olof",
        last_name="Tjänsteman",
        email="olof@example.se",
        kind=Person.Kind.OFFICIAL,
    )
    configure(saml_idp, organisation)
    # The provider reads Mandat's metadata from where Mandat serves it.
    metadata = requests.get(
        f"{live_server.url}/accounts/saml/{organisation.slug}/metadata/", timeout=10
    )
    assert metadata.status_code == 200
    saml_idp.trust(metadata.text)

    page.goto("/accounts/login/")
    page.axe.check("log-in")
    with page.expect_navigation():
        page.get_by_role(
            "link", name=swedish("Log in with %(name)s", name="Exempelby kommuns konto")
        ).click()

    assert page.url.startswith(saml_idp.base)
    page.axe.check("the SAML provider's log-in")
    page.get_by_label("Användarnamn").fill("olof")
    page.get_by_label("Lösenord").fill(saml_idp.password)
    with page.expect_navigation(url=f"{live_server.url}/o/**"):
        page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("load")

    page.axe.check("overview")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Välkommen, Olof Tjänsteman"
    )
    membership = Membership.objects.get(user__email="olof@example.se")
    assert membership.organisation == organisation
    assert membership.role == Role.OFFICIAL
