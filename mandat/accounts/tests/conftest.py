import pytest

from mandat.testing.oidc import oidc_provider_running
from mandat.testing.saml_idp import saml_idp_running

from .sso import USERS, redirect_uris


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    """The test OpenID Connect provider, run once for the session, with
    Mandat registered for the test client and the live server."""
    uris = redirect_uris("http://testserver", live_server.url)
    with oidc_provider_running(redirect_uris=uris, users=USERS) as provider:
        yield provider


@pytest.fixture
def sso_site(settings):
    """Full addresses (the redirect back from the provider) of the test client."""
    settings.SITE_URL = "http://testserver"


@pytest.fixture(scope="session")
def saml_idp():
    """The test SAML identity provider, run once for the session."""
    with saml_idp_running(users=USERS) as idp:
        yield idp
