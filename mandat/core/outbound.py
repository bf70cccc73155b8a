"""Addresses Mandat fetches from on an organisation's say (its identity
provider, its provider's SAML metadata, its register file): HTTPS to a host
outside Mandat's own machine and network. An organisation's administrator
must not make the server read its own loopback services or private
network (server-side request forgery), nor anything in plain text.

A name is judged as written, without looking it up: a host name that
resolves to a private address is for the firewall to stop (see
docs/deployment.md). Loopback and private addresses, and plain HTTP to
them, are allowed only with OUTBOUND_LOCAL_ALLOWED, for the tests' own
providers on 127.0.0.1."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

LOCAL_NAMES = {"localhost", "localhost.localdomain"}


def _is_local(host: str) -> bool:
    if host.lower() in LOCAL_NAMES or host.lower().endswith(".localhost"):
        return True
    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:
        return False  # a name: judged by the firewall


def outbound_refusal(address: str) -> str:
    """Return why Mandat will not fetch ``address``, or "" when it will."""
    parts = urlsplit(address.strip())
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        return _("Give an address starting with https://.")
    local = _is_local(host)
    if local and not settings.OUTBOUND_LOCAL_ALLOWED:
        return _(
            "Mandat does not fetch from its own machine or a private network; "
            "give the address the service has on the Internet."
        )
    if parts.scheme == "http" and not local:
        return _("Give an address starting with https://.")
    return ""
