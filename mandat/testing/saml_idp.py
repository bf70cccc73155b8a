"""A SAML 2.0 identity provider for the tests, made with pysaml2's own IdP
side: run as a process of its own on 127.0.0.1 (``saml_idp_running``), with
its own key pair, a log-in form of its own and signed answers posted back
to Mandat; and usable in the test process too (``TestIdp.server``), to make
answers a real provider would never send.

The provider reads Mandat's metadata from files of its folder at every
request (``TestIdp.trust``): Mandat's key pair exists only once SAML is set
up, and that needs the provider's metadata first."""

import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor, metadata_tostring_fix
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.sigver import get_xmlsec_binary
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from mandat.accounts.keys import key_pair

from .oidc import PASSWORD, ProviderUser, process_stop, wait_for
from .received import free_port

SOURCE = Path(__file__).resolve().parent.parent.parent


def _config(folder: Path, base: str) -> IdPConfig:
    sp_metadata = sorted(str(path) for path in folder.glob("sp-*.xml"))
    settings: dict[str, Any] = {
        "entityid": f"{base}/metadata",
        "xmlsec_binary": get_xmlsec_binary(),
        "key_file": str(folder / "key.pem"),
        "cert_file": str(folder / "certificate.pem"),
        "metadata": {"local": sp_metadata} if sp_metadata else {},
        "accepted_time_diff": 60,
        "service": {
            "idp": {
                "name": "Exempelby kommuns inloggning",
                "endpoints": {
                    "single_sign_on_service": [
                        (f"{base}/sso/redirect", BINDING_HTTP_REDIRECT)
                    ],
                },
                "want_authn_requests_signed": True,
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "policy": {
                    "default": {
                        "lifetime": {"minutes": 5},
                        "attribute_restrictions": None,
                        "name_form": NAME_FORMAT_URI,
                    }
                },
            }
        },
    }
    config = IdPConfig()
    config.load(settings)
    return config


@dataclass
class TestIdp:
    """The provider's folder, address and people; ``subjects`` maps a
    username to the persistent NameID the provider gives it."""

    folder: Path
    base: str
    users: dict[str, ProviderUser]
    subjects: dict[str, str] = field(default_factory=dict)
    password: str = PASSWORD

    @property
    def entity_id(self) -> str:
        return f"{self.base}/metadata"

    @property
    def metadata(self) -> str:
        return metadata_tostring_fix(
            entity_descriptor(_config(self.folder, self.base)), {}
        ).decode()

    def trust(self, sp_metadata: str) -> None:
        """Know a service provider (an organisation in Mandat) from its
        metadata, beside the others it knows, in place of what it knew of
        the same entity id."""
        entity_id = re.search(r'entityID="([^"]+)"', sp_metadata)
        assert entity_id is not None, sp_metadata
        name = hashlib.sha256(entity_id[1].encode()).hexdigest()[:16]
        (self.folder / f"sp-{name}.xml").write_text(sp_metadata)

    def server(self) -> Server:
        return Server(config=_config(self.folder, self.base))

    def answer(
        self,
        username: str,
        *,
        in_response_to: str,
        destination: str,
        audience: str,
        server: Server | None = None,
        **options: Any,
    ) -> str:
        """Return the signed answer the provider gives ``username``, in its
        POST form (base64); ``options`` go to pysaml2 (sign_response,
        sign_assertion, name_id, encrypt_assertion …)."""
        user = self.users[username]
        server = server or self.server()
        options.setdefault("sign_response", True)
        options.setdefault("sign_assertion", True)
        options.setdefault("sign_alg", SIG_RSA_SHA256)
        options.setdefault("digest_alg", DIGEST_SHA256)
        options.setdefault(
            "name_id",
            NameID(format=NAMEID_FORMAT_PERSISTENT, text=self.subjects[username]),
        )
        response = server.create_authn_response(
            identity={
                "mail": [user.email],
                "givenName": [user.first_name],
                "sn": [user.last_name],
            },
            in_response_to=in_response_to,
            destination=destination,
            sp_entity_id=audience,
            userid=username,
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
            **options,
        )
        return base64.b64encode(str(response).encode()).decode()


def _page(title: str, body: str, status: str = "200 OK") -> tuple[str, str]:
    return status, (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        '<a class="skip-link" href="#main">Hoppa till innehållet</a><main id="main">'
        f"<h1>{html.escape(title)}</h1>{body}</main></body></html>"
    )


def _hidden(values: dict[str, str]) -> str:
    return "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in values.items()
    )


REQUEST_FIELDS = ("SAMLRequest", "RelayState", "SigAlg", "Signature")


class Application:
    """The provider over HTTP: its metadata, its sign-on service (a log-in
    form for a valid signed request), and the log-in, which answers with a
    form the browser posts to Mandat at once."""

    def __init__(self, idp: TestIdp):
        self.idp = idp

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length).decode()
            fields = {k: v[0] for k, v in parse_qs(body).items()}
        else:
            fields = {k: v[0] for k, v in parse_qs(environ["QUERY_STRING"]).items()}
        content_type = "text/html; charset=utf-8"
        if path == "/metadata":
            status, text = "200 OK", self.idp.metadata
            content_type = "application/samlmetadata+xml"
        elif path == "/sso/redirect":
            status, text = self._sign_on(fields)
        elif path == "/elsewhere":
            # A redirect, for Mandat to refuse to follow.
            start_response("302 Found", [("Location", f"{self.idp.base}/metadata")])
            return [b""]
        else:
            status, text = _page("Finns inte", "", "404 Not Found")
        start_response(status, [("Content-Type", content_type)])
        return [text.encode()]

    def _sign_on(self, fields: dict[str, str]) -> tuple[str, str]:
        request = {k: fields[k] for k in REQUEST_FIELDS if k in fields}
        server = self.idp.server()
        try:
            parsed = server.parse_authn_request(
                request.get("SAMLRequest", ""),
                BINDING_HTTP_REDIRECT,
                relay_state=request.get("RelayState"),
                sigalg=request.get("SigAlg"),
                signature=request.get("Signature"),
            )
        except Exception as error:  # noqa: BLE001 - any refusal is shown
            reason = f"<p>{html.escape(str(error))}</p>"
            return _page("Ogiltig begäran", reason, "400 Bad Request")
        error = ""
        if "password" in fields:
            username = fields.get("username", "")
            user = self.idp.users.get(username)
            if user is not None and fields["password"] == self.idp.password:
                return self._answer(server, parsed.message, username, request)
            error = '<p role="alert">Fel användarnamn eller lösenord.</p>'
        form = (
            f'{error}<form method="post">{_hidden(request)}'
            '<p><label for="username">Användarnamn</label> '
            '<input id="username" name="username" autocomplete="username"></p>'
            '<p><label for="password">Lösenord</label> '
            '<input id="password" name="password" type="password" '
            'autocomplete="current-password"></p>'
            "<p><button>Logga in</button></p></form>"
        )
        return _page("Exempelby kommuns inloggning", form)

    def _answer(self, server, authn_request, username, request) -> tuple[str, str]:
        destination = authn_request.assertion_consumer_service_url
        answer = self.idp.answer(
            username,
            in_response_to=authn_request.id,
            destination=destination,
            audience=authn_request.issuer.text,
            server=server,
        )
        values = {"SAMLResponse": answer}
        if request.get("RelayState"):
            values["RelayState"] = request["RelayState"]
        form = (
            f'<form method="post" action="{html.escape(destination)}">'
            f"{_hidden(values)}<p><button>Fortsätt till tjänsten</button></p></form>"
            "<script>document.forms[0].submit()</script>"
        )
        return _page("Skickar dig vidare", form)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name of the base's
        pass


def _make(folder: Path, base: str, users: list[ProviderUser]) -> TestIdp:
    key_pem, certificate_pem = key_pair("Exempelby kommuns inloggning")
    (folder / "key.pem").write_text(key_pem)
    (folder / "certificate.pem").write_text(certificate_pem)
    subjects = {user.username: os.urandom(12).hex() for user in users}
    (folder / "people.json").write_text(
        json.dumps([[user.spec, subjects[user.username]] for user in users])
    )
    return _load(folder, base)


def _load(folder: Path, base: str) -> TestIdp:
    people = json.loads((folder / "people.json").read_text())
    users, subjects = {}, {}
    for spec, subject in people:
        username, _password, email, first, last = spec.split(":")[:5]
        users[username] = ProviderUser(username, email, first, last)
        subjects[username] = subject
    return TestIdp(folder=folder, base=base, users=users, subjects=subjects)


@contextmanager
def saml_idp_running(*, users: list[ProviderUser]) -> Iterator[TestIdp]:
    """Run the provider until the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="mandat-saml-idp-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    idp = _make(folder, base, users)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(SOURCE), os.environ.get("PYTHONPATH", "")])
        ),
        "PYTHONWARNINGS": "ignore",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "mandat.testing.saml_idp", str(folder), str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port, process)
        yield idp
    finally:
        process_stop(process)
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    folder, port = Path(sys.argv[1]), int(sys.argv[2])
    idp = _load(folder, f"http://127.0.0.1:{port}")
    with make_server(
        "127.0.0.1", port, Application(idp), handler_class=_QuietHandler
    ) as httpd:
        httpd.serve_forever()


if __name__ == "__main__":
    main()
