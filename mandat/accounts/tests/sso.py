"""Signing in through the test OpenID Connect provider
(``mandat/testing/oidc_provider``), as a browser does it: Mandat's client
is the test client, the provider's the ``requests`` session of a person."""

import re
from html import unescape
from urllib.parse import urljoin

import requests

from mandat.accounts.services import single_sign_on_save
from mandat.testing.oidc import OidcProvider, ProviderUser

SLUGS = ("exempelby", "grannby")
USERS = [
    ProviderUser("elin", "elin@example.se", "Elin", "Exempel"),
    ProviderUser("olof", "olof@example.se", "Olof", "Tjänsteman"),
    ProviderUser("maja", "maja@example.se", "Maja", "Medlem"),
    ProviderUser("okand", "okand@example.se", "Okänd", "Person"),
    ProviderUser("osaker", "osaker@example.se", "Osäker", "Adress", verified=False),
]


def redirect_uris(*bases: str) -> list[str]:
    return [f"{base}/accounts/sso/{slug}/callback/" for base in bases for slug in SLUGS]


def configure(provider: OidcProvider, organisation, actor=None, **options):
    """Set up the organisation's single sign-on with the test provider."""
    values = {
        "enabled": True,
        "name": "Exempelby kommuns konto",
        "issuer": provider.issuer,
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
        "scopes": "openid email profile",
        "subject_claim": "sub",
        "email_matching": "verified",
        "create_users": True,
        "local_passwords": True,
        **options,
    }
    return single_sign_on_save(actor=actor, organisation=organisation, **values)


def provider_log_in(
    start_url: str, username: str, password: str, *, back_to: str
) -> str:
    """Log in at the provider from the address Mandat sent the browser to;
    return the address the provider sends the browser back to."""
    session = requests.Session()
    form = session.get(start_url, timeout=10)
    assert form.status_code == 200, form.text
    next_url = unescape(re.search(r'name="next" value="([^"]*)"', form.text)[1])
    answer = session.post(
        form.url,
        data={
            "username": username,
            "password": password,
            "next": next_url,
            "csrfmiddlewaretoken": session.cookies["provider_csrftoken"],
        },
        allow_redirects=False,
        timeout=10,
    )
    for _hop in range(5):
        assert answer.status_code == 302, answer.text
        location = urljoin(answer.url, answer.headers["Location"])
        if location.startswith(back_to):
            return location
        answer = session.get(location, allow_redirects=False, timeout=10)
    raise AssertionError("The provider did not send the browser back.")


def sign_in(client, provider: OidcProvider, username: str, slug: str = "exempelby"):
    """Sign in through the provider with the test client; return Mandat's
    answer to the provider's redirect back."""
    start = client.get(f"/accounts/sso/{slug}/")
    assert start.status_code == 302, start.content
    back = provider_log_in(
        start["Location"], username, provider.password, back_to="http://testserver/"
    )
    return client.get(back)
