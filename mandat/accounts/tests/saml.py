"""Signing in through the test SAML identity provider
(``mandat/testing/saml_idp.py``), as a browser does it: Mandat's side is
the test client, the provider's the ``requests`` session of a person."""

import re
import shutil
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from mandat.accounts.services import single_sign_on_save
from mandat.testing.saml_idp import TestIdp

needs_xmlsec1 = pytest.mark.skipif(
    shutil.which("xmlsec1") is None,
    reason="SAML signs and checks with the xmlsec1 program (Debian's xmlsec1, "
    "which .ci/run installs)",
)


def configure(idp: TestIdp, organisation, client=None, actor=None, **options):
    """Set up the organisation's single sign-on with the test provider, and
    give the provider Mandat's metadata as Mandat serves it."""
    values = {
        "enabled": True,
        "protocol": "saml",
        "name": "Exempelby kommuns konto",
        "idp_metadata": options.get("idp_metadata") or idp.metadata,
        "subject_claim": "NameID",
        "email_matching": "trusted",
        "create_users": True,
        "local_passwords": True,
        **options,
    }
    config = single_sign_on_save(actor=actor, organisation=organisation, **values)
    if client is not None:
        served = client.get(f"/accounts/saml/{organisation.slug}/metadata/")
        assert served.status_code == 200, served.content
        idp.trust(served.content.decode())
    return config


def form_fields(page: str) -> tuple[str, dict[str, str]]:
    """The action and the hidden fields of the first form of ``page``."""
    action = re.search(r'<form method="post"(?: action="([^"]*)")?', page)
    assert action is not None, page
    fields = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', page))
    return unescape(action[1] or ""), {k: unescape(v) for k, v in fields.items()}


def provider_log_in(start_url: str, username: str, password: str) -> tuple[str, dict]:
    """Log in at the provider from the address Mandat sent the browser to;
    return where the provider's answer is posted, and its fields."""
    session = requests.Session()
    form = session.get(start_url, timeout=10)
    assert form.status_code == 200, form.text
    _action, fields = form_fields(form.text)
    answer = session.post(
        form.url,
        data={**fields, "username": username, "password": password},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return form_fields(answer.text)


def start(client, slug: str = "exempelby"):
    """Start a sign-in in the test client's browser; return Mandat's
    redirect to the provider."""
    response = client.get(f"/accounts/sso/{slug}/")
    assert response.status_code == 302, response.content
    return response


def sign_in(client, idp: TestIdp, username: str, slug: str = "exempelby"):
    """Sign in through the provider with the test client; return Mandat's
    answer to the provider's posted answer."""
    redirect = start(client, slug)
    action, fields = provider_log_in(redirect["Location"], username, idp.password)
    return client.post(urlsplit(action).path, fields)


def authn_request(idp: TestIdp, location: str):
    """The authentication request Mandat sent the browser to the provider
    with, as the provider reads it (its signature checked)."""
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    return (
        idp.server()
        .parse_authn_request(
            query["SAMLRequest"],
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        )
        .message
    )


def crafted(client, idp: TestIdp, username: str, slug: str = "exempelby", **options):
    """Start a sign-in and return the provider's answer to it, made in the
    test process with ``options`` (pysaml2's), and Mandat's address for it."""
    request = authn_request(idp, start(client, slug)["Location"])
    values = {
        "in_response_to": request.id,
        "destination": request.assertion_consumer_service_url,
        "audience": request.issuer.text,
        **options,
    }
    answer = idp.answer(username, **values)
    return urlsplit(request.assertion_consumer_service_url).path, answer
