"""The OpenID Connect client of an organisation's single sign-on, with
Authlib: the redirect to the provider (state, nonce and PKCE kept in the
session), and the return, where Authlib fetches the tokens and checks the ID
token's signature (the provider's published keys), issuer, audience, expiry
and nonce. Nothing here writes: the claims go to ``sso_sign_in``.

The provider's discovery document and its keys are kept in the cache for
an hour, shared by the web processes when CACHE_URL is: a sign-in does not
fetch them again each time (an ID token signed with a key not among them
makes Authlib fetch the keys anew, as when the provider rolls its keys)."""

import hashlib
from typing import Any

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from joserfc.errors import JoseError
from requests import RequestException

from mandat.core.outbound import outbound_refusal

from .models import SingleSignOn
from .sealing import unseal

# The client name under which Authlib keeps state in the session.
CLIENT_NAME = "mandat-sso"
TIMEOUT_SECONDS = 10
METADATA_SECONDS = 60 * 60


class SignOnProtocolError(Exception):
    """The provider's answer was refused: wrong or missing state, an error
    from the provider, an ID token that does not check out, or no answer."""


def _metadata_key(config: SingleSignOn) -> str:
    return (
        "mandat:sso:oidc-metadata:" + hashlib.sha256(config.issuer.encode()).hexdigest()
    )


def _remember(config: SingleSignOn, client: Any) -> None:
    """Keep what the client fetched of the provider (discovery, keys)."""
    if "_loaded_at" in client.server_metadata:
        cache.set(_metadata_key(config), dict(client.server_metadata), METADATA_SECONDS)


def _client(config: SingleSignOn) -> Any:
    if refusal := outbound_refusal(config.issuer):
        raise SignOnProtocolError(refusal)
    issuer = config.issuer.rstrip("/")
    known = cache.get(_metadata_key(config)) or {}
    return OAuth().register(
        name=CLIENT_NAME,
        client_id=config.client_id,
        client_secret=unseal(config.client_secret_sealed),
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": config.scopes,
            "code_challenge_method": "S256",
            "timeout": TIMEOUT_SECONDS,
        },
        # Authlib keeps the provider's metadata in the client's keyword
        # arguments; with "_loaded_at" among them it does not fetch them.
        **known,
    )


def _pending_forget(request: HttpRequest) -> None:
    """Forget every sign-in this browser started: after an answer that did
    not check out, the person starts again, and no other answer is taken."""
    prefix = f"_state_{CLIENT_NAME}_"
    pending = [key for key, _data in request.session.items() if key.startswith(prefix)]
    for key in pending:
        del request.session[key]


def authorization_redirect(
    request: HttpRequest, *, config: SingleSignOn, redirect_uri: str
) -> HttpResponse:
    """Send the browser to the provider's log-in."""
    try:
        client = _client(config)
        response: HttpResponse = client.authorize_redirect(request, redirect_uri)
    except (OAuthError, RequestException, ValueError, KeyError) as error:
        raise SignOnProtocolError(str(error)) from error
    _remember(config, client)
    return response


def claims_from_callback(request: HttpRequest, *, config: SingleSignOn) -> dict:
    """Return the checked claims of the ID token the provider's answer
    leads to; raise SignOnProtocolError for anything that does not check out."""
    try:
        client = _client(config)
        token = client.authorize_access_token(
            request,
            # The issuer the administrator configured, not only the one the
            # discovery document names.
            claims_options={"iss": {"essential": True, "values": [config.issuer]}},
        )
    except (OAuthError, JoseError, RequestException, ValueError, KeyError) as error:
        _pending_forget(request)
        raise SignOnProtocolError(str(error)) from error
    _remember(config, client)
    claims = token.get("userinfo")
    if not claims:
        raise SignOnProtocolError("The provider sent no ID token.")
    return dict(claims)
