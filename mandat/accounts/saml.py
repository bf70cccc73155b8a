"""The SAML 2.0 service provider of an organisation's single sign-on, with
pysaml2: Mandat's metadata for the provider, the signed authentication
request (HTTP-Redirect), and the provider's answer (HTTP-POST), whose
signature (on the response or the assertion), issuer, audience, recipient,
validity times and InResponseTo pysaml2 checks with the xmlsec1 program.

Each organisation is a service provider of its own: its entity id is the
address of its metadata, and its key pair is made when SAML is first
chosen, the private key kept sealed. The request id is kept in a signed
cookie that the provider's POST back carries (SameSite=None, so Secure:
SAML needs HTTPS, or localhost), so
an answer is taken only in the browser that asked for it, and only once:
the cookie is spent with it. Nothing here writes: the claims go to
``sso_sign_in``."""

import base64
import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import requests
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, SAMLError
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor, metadata_tostring_fix
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT
from saml2.sigver import SigverError, get_xmlsec_binary
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from mandat.core.addresses import absolute_url
from mandat.core.outbound import outbound_refusal

from .keys import key_pair
from .models import SingleSignOn
from .sealing import seal, unseal

# The claim that names the assertion's NameID in the claims passed on.
NAME_ID = "NameID"
# Attributes read as the e-mail address, by the names providers use: the
# friendly name, the LDAP OID, and Entra ID's claim.
EMAIL_ATTRIBUTES = (
    "mail",
    "email",
    "emailAddress",
    "urn:oid:0.9.2342.19200300.100.1.3",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
)
logger = logging.getLogger(__name__)
COOKIE = "mandat_saml_request"
COOKIE_SALT = "mandat.accounts.saml.request"
# How long a started sign-in may take at the provider.
REQUEST_SECONDS = 15 * 60
CLOCK_SKEW_SECONDS = 60
TIMEOUT_SECONDS = 10
METADATA_MAX_BYTES = 5 * 1024 * 1024


class SignOnProtocolError(Exception):
    """The provider's answer was refused, or its metadata cannot be used."""


@dataclass(frozen=True)
class Addresses:
    entity_id: str
    acs: str


def addresses(slug: str) -> Addresses:
    """Mandat's addresses as the organisation ``slug``'s service provider."""
    return Addresses(
        entity_id=absolute_url(reverse("accounts:saml-metadata", args=[slug])),
        acs=absolute_url(reverse("accounts:saml-acs", args=[slug])),
    )


def key_lost(config: SingleSignOn) -> bool:
    """Whether the organisation's SAML key pair exists but its private key
    no longer opens (SECRET_KEY changed without the old one kept)."""
    return bool(config.sp_private_key_sealed) and not unseal(
        config.sp_private_key_sealed
    )


def sealed_key_pair(common_name: str) -> tuple[str, str]:
    """Return a new key pair with its private key sealed."""
    key_pem, certificate_pem = key_pair(common_name)
    return seal(key_pem), certificate_pem


def xmlsec_installed() -> bool:
    """Whether the xmlsec1 program pysaml2 signs and checks with is on the
    server (Debian's package xmlsec1)."""
    try:
        get_xmlsec_binary()
    except SigverError:
        return False
    return True


def idp_entity_id(metadata: str) -> str:
    """Return the entity id of the one identity provider ``metadata``
    describes; raise SignOnProtocolError when it cannot be read or does not
    describe exactly one provider with a sign-on service Mandat can use."""
    try:
        store = _metadata_only_config(metadata).metadata
    except (SAMLError, ValueError, TypeError, KeyError, AttributeError) as error:
        raise SignOnProtocolError(str(error)) from error
    providers = store.identity_providers()
    if len(providers) != 1:
        raise SignOnProtocolError(f"{len(providers)} identity providers")
    entity_id = providers[0]
    if not store.single_sign_on_service(entity_id, BINDING_HTTP_REDIRECT):
        raise SignOnProtocolError("no sign-on service over HTTP-Redirect")
    return entity_id


def metadata_fetch(url: str) -> str:
    """Return the metadata published at ``url``; raise SignOnProtocolError
    when it does not answer in time, answers with an error, or sends more
    than a metadata document can be."""
    if refusal := outbound_refusal(url):
        raise SignOnProtocolError(refusal)
    try:
        # No redirect followed: it could lead inside Mandat's network.
        with requests.get(
            url, timeout=TIMEOUT_SECONDS, stream=True, allow_redirects=False
        ) as response:
            if response.is_redirect:
                raise SignOnProtocolError("the address redirects elsewhere")
            response.raise_for_status()
            content = response.raw.read(METADATA_MAX_BYTES + 1, decode_content=True)
    except requests.RequestException as error:
        raise SignOnProtocolError(str(error)) from error
    if len(content) > METADATA_MAX_BYTES:
        raise SignOnProtocolError("the metadata is larger than 5 MB")
    return content.decode("utf-8", errors="replace")


def _metadata_only_config(metadata: str) -> SPConfig:
    config = SPConfig()
    config.load(
        {
            "entityid": "urn:mandat:metadata-check",
            "xmlsec_binary": get_xmlsec_binary(),
            "metadata": {"inline": [metadata]},
        }
    )
    return config


@contextmanager
def _client(config: SingleSignOn) -> Iterator[Saml2Client]:
    """A pysaml2 client for the organisation's service provider. pysaml2
    hands its key to xmlsec1 as a file: it is written, readable by this
    process alone, for the length of the block."""
    key = unseal(config.sp_private_key_sealed)
    if not key:
        raise SignOnProtocolError(
            "Mandat's SAML key cannot be opened: SECRET_KEY changed without the "
            "old one among SECRET_KEY_FALLBACKS"
        )
    folder = Path(tempfile.mkdtemp(prefix="mandat-saml-"))
    try:
        key_file = folder / "key.pem"
        key_file.touch(mode=0o600)
        key_file.write_text(key)
        cert_file = folder / "certificate.pem"
        cert_file.write_text(config.sp_certificate)
        sp_config = SPConfig()
        sp_config.load(_settings(config, str(key_file), str(cert_file)))
        yield Saml2Client(config=sp_config)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _settings(config: SingleSignOn, key_file: str, cert_file: str) -> dict[str, Any]:
    urls = addresses(config.organisation.slug)
    return {
        "entityid": urls.entity_id,
        "name": str(config.organisation),
        "xmlsec_binary": get_xmlsec_binary(),
        "metadata": {"inline": [config.idp_metadata]} if config.idp_metadata else {},
        "key_file": key_file,
        "cert_file": cert_file,
        "encryption_keypairs": [{"key_file": key_file, "cert_file": cert_file}],
        "allow_unknown_attributes": True,
        "accepted_time_diff": CLOCK_SKEW_SECONDS,
        "service": {
            "sp": {
                "endpoints": {
                    "assertion_consumer_service": [(urls.acs, BINDING_HTTP_POST)],
                },
                "authn_requests_signed": True,
                "want_response_signed": False,
                "want_assertions_signed": False,
                "want_assertions_or_response_signed": True,
                "allow_unsolicited": False,
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "name_id_format_allow_create": True,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
            }
        },
    }


def metadata(config: SingleSignOn) -> str:
    """Mandat's metadata as the organisation's service provider: its entity
    id, its assertion consumer service and its certificate, for signing and
    encryption."""
    with _client(config) as client:
        descriptor = entity_descriptor(client.config)
    # pysaml2 lists every algorithm xmlsec1 knows, MD5 and SHA-1 among them:
    # Mandat says only the ones it would accept.
    if descriptor.extensions is not None:
        descriptor.extensions.extension_elements = [
            element
            for element in descriptor.extensions.extension_elements
            if _strong(element)
        ]
    return metadata_tostring_fix(descriptor, {}).decode()


STRONG_ALGORITHMS = ("sha256", "sha384", "sha512")
XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#"


def _strong(element: Any) -> bool:
    """An extension of the metadata that names no algorithm, or a strong one."""
    algorithm = getattr(element, "algorithm", None)
    if algorithm is None and hasattr(element, "attributes"):
        algorithm = element.attributes.get("Algorithm")
    return algorithm is None or algorithm.endswith(STRONG_ALGORITHMS)


def authentication_redirect(request: HttpRequest, config: SingleSignOn) -> HttpResponse:
    """Send the browser to the provider with a signed authentication
    request, its id kept in a signed cookie for the answer."""
    try:
        with _client(config) as client:
            request_id, info = client.prepare_for_authenticate(
                entityid=config.idp_entity_id,
                binding=BINDING_HTTP_REDIRECT,
                sign=True,
                sigalg=SIG_RSA_SHA256,
                digest_alg=DIGEST_SHA256,
            )
    except (SAMLError, ValueError, KeyError, TypeError) as error:
        raise SignOnProtocolError(str(error)) from error
    location = dict(info["headers"])["Location"]
    response = HttpResponseRedirect(location)
    response.set_signed_cookie(
        COOKIE,
        request_id,
        salt=COOKIE_SALT + config.organisation.slug,
        max_age=REQUEST_SECONDS,
        httponly=True,
        # The provider's answer comes back as a POST from its own site: only
        # a cookie of SameSite=None goes with it, and browsers keep such a
        # cookie only when it is Secure, sent over HTTPS (or to localhost).
        secure=True,
        samesite="None",
        path=reverse("accounts:saml-acs", args=[config.organisation.slug]),
    )
    return response


def claims_from_answer(request: HttpRequest, config: SingleSignOn) -> dict[str, Any]:
    """Return the claims of the provider's checked answer: the NameID, the
    attributes by their names, and the e-mail address; raise
    SignOnProtocolError for anything that does not check out."""
    slug = config.organisation.slug
    answer = request.POST.get("SAMLResponse", "")
    request_id = request.get_signed_cookie(
        COOKIE, default="", salt=COOKIE_SALT + slug, max_age=REQUEST_SECONDS
    )
    if not answer or not request_id:
        raise SignOnProtocolError("no answer, or no sign-in started in this browser")
    _algorithms_check(answer)
    try:
        with _client(config) as client:
            response = client.parse_authn_request_response(
                answer, BINDING_HTTP_POST, outstanding={request_id: "/"}
            )
    # pysaml2 refuses some answers with a bare Exception (an audience that is
    # not this service's, among others): whatever it refuses is refused here.
    except Exception as error:  # noqa: BLE001
        logger.warning("SAML answer refused for %s: %s", slug, error)
        raise SignOnProtocolError(str(error)) from error
    if response is None or response.assertion is None:
        raise SignOnProtocolError("the answer holds no assertion")
    _assertion_algorithms_check(response.assertion)
    if response.issuer() != config.idp_entity_id:
        raise SignOnProtocolError("the answer comes from another provider")
    return _claims(response)


def _algorithms_check(answer: str) -> None:
    """Refuse an answer signed or digested with anything weaker than
    SHA-256 (MD5, SHA-1): xmlsec1 would check such a signature as good."""
    try:
        root = defused_fromstring(base64.b64decode(answer, validate=False))
    except (ValueError, DefusedXmlException, ParseError) as error:
        raise SignOnProtocolError(f"the answer is not XML: {error}") from error
    for signed_info in root.iter(f"{{{XMLDSIG_NS}}}SignedInfo"):
        for name in ("SignatureMethod", "DigestMethod"):
            for element in signed_info.iter(f"{{{XMLDSIG_NS}}}{name}"):
                _strong_or_refused(element.get("Algorithm", ""))


def _strong_or_refused(algorithm: str) -> None:
    if not algorithm.endswith(STRONG_ALGORITHMS):
        raise SignOnProtocolError(f"the answer is signed with {algorithm or '?'}")


def _assertion_algorithms_check(assertion: Any) -> None:
    """The same for the assertion's own signature, seen once an encrypted
    assertion is decrypted."""
    signature = getattr(assertion, "signature", None)
    if signature is None or signature.signed_info is None:
        return
    _strong_or_refused(signature.signed_info.signature_method.algorithm)
    for reference in signature.signed_info.reference:
        _strong_or_refused(reference.digest_method.algorithm)


def _claims(response: Any) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    for statement in response.assertion.attribute_statement:
        for attribute in statement.attribute:
            values = [value.text for value in attribute.attribute_value]
            first = next((v.strip() for v in values if isinstance(v, str)), "")
            for name in (attribute.name, attribute.friendly_name):
                if name and first:
                    attributes.setdefault(name, first)
    claims: dict[str, Any] = dict(attributes)
    name_id = response.name_id
    # A transient NameID is another one at every sign-in: never a subject.
    if name_id is not None and name_id.format != NAMEID_FORMAT_TRANSIENT:
        claims[NAME_ID] = (name_id.text or "").strip()
    email = next((attributes[n] for n in EMAIL_ATTRIBUTES if attributes.get(n)), "")
    claims["email"] = email
    return claims


def spend(response: HttpResponse, slug: str) -> HttpResponse:
    """Forget the request id: its answer has been used."""
    response.delete_cookie(COOKIE, path=reverse("accounts:saml-acs", args=[slug]))
    return response
