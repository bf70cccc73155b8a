"""Who is asking, and how often: the client address behind the documented
proxy set-up, and the log-in lock of django-axes counted per account (the
address as log-in compares it) and per client.

Failed log-ins lock, for ``AXES_COOLOFF_TIME``:

- one account from one client after ``AXES_FAILURE_LIMIT`` failures (5);
- one account from any client after ``LOGIN_FAILURE_LIMIT_PER_ACCOUNT`` (20),
  against guessing from many addresses;
- one client for every account after ``LOGIN_FAILURE_LIMIT_PER_CLIENT`` (50),
  against trying many accounts from one address.

When the client address cannot be known, the first limit counts per account
alone. A locked account can still sign in with a link sent to its e-mail."""

import ipaddress
import logging

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt, AccessBase
from django.conf import settings
from django.db.models import Sum

from .models import email_key

logger = logging.getLogger(__name__)

# IPv6 clients get a whole /64 each from their provider, so a client is the
# /64 network rather than one address of it.
IPV6_CLIENT_PREFIX = 64


def _address(value: str) -> str | None:
    """Return ``value`` as a normalised IP address, or None if it is not one.
    Accepts the forms proxies write: ``1.2.3.4:port`` and ``[::1]:port``."""
    value = (value or "").strip()
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        network = ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False)
        return str(network.network_address)
    return str(address)


def _from_trusted_proxy(remote_addr: str) -> bool:
    """Return whether the direct peer is a proxy allowed to forward addresses
    (``FORWARDED_ALLOW_IPS``, as gunicorn reads it). A unix socket has no
    peer address; only a local proxy can reach it."""
    if not remote_addr:
        return True
    allowed = settings.FORWARDED_ALLOW_IPS
    if "*" in allowed:
        return True
    try:
        peer = ipaddress.ip_address(remote_addr.strip())
    except ValueError:
        return False
    for entry in allowed:
        try:
            if peer in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(request) -> str | None:
    """Return the address of the client, or None when it cannot be known.

    With ``PROXY_COUNT`` = 0 it is the direct peer (REMOTE_ADDR). Behind N
    proxies it is the N-th address from the right of X-Forwarded-For: each
    proxy appends the address it saw, so the addresses further left were
    written by the client and prove nothing. A request that did not come
    from an allowed proxy is counted by its own peer address."""
    meta = request.META
    remote = meta.get("REMOTE_ADDR", "") or ""
    count = settings.PROXY_COUNT
    if count <= 0 or not _from_trusted_proxy(remote):
        return _address(remote)
    hops = [hop for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop]
    if len(hops) < count:
        _warn_once(
            "X-Forwarded-For has %d address(es) but PROXY_COUNT is %d; the "
            "client's address is unknown, so log-in failures lock per account.",
            len(hops),
            count,
        )
        return None
    return _address(hops[-count])


_warned: set[str] = set()


def _warn_once(message: str, *args) -> None:
    """Log a set-up problem once per process, not on every log-in."""
    if message not in _warned:
        _warned.add(message)
        logger.warning(message, *args)


def username_key(request, credentials: dict | None = None) -> str | None:
    """Return the account a log-in attempt is for, as log-in compares it."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    # Axes keeps at most 255 characters; case-folding may lengthen a name.
    return email_key(username)[:254] if username is not None else None


def _attempt_address(request_or_attempt) -> str | None:
    if isinstance(request_or_attempt, AccessBase):
        return request_or_attempt.ip_address
    return getattr(request_or_attempt, "axes_ip_address", None)


def lockout_parameters(request_or_attempt, credentials=None) -> list:
    """Count failures per account and client; per account when the client's
    address is unknown (no REMOTE_ADDR, a unix socket, a wrong PROXY_COUNT)."""
    if _attempt_address(request_or_attempt):
        return [["username", "ip_address"]]
    return ["username"]


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler, with the account-wide and client-wide limits
    of this module's docstring on top of its own per account and client."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        limit = get_failure_limit(request, credentials)
        if failures >= limit:
            return failures
        recent = AccessAttempt.objects.filter(
            attempt_time__gte=get_cool_off_threshold(request)
        )
        username = get_client_username(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if address and username:
            account = _sum(recent.filter(username=username))
            if account >= settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT:
                return limit
        if address:
            client = _sum(recent.filter(ip_address=address))
            if client >= settings.LOGIN_FAILURE_LIMIT_PER_CLIENT:
                return limit
        return failures


def _sum(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
