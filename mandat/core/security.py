"""Response headers for signed-in pages, and personal tokens kept out of logs.

A personal link (``/t/<token>/``, ``/a/<token>/``, ``/e/<token>/``,
``/cal/<token>.ics``, a password-reset link, …) acts in a person's name
without a password, so whoever reads a log line with one can act as that
person. The access log of gunicorn and Django's own log lines (``Not Found:
/t/…``) go through ``mask_tokens``, which finds the secret parts of every
address the URL configuration has, so a personal link added later is masked
without anyone remembering to list it here."""

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from gunicorn.glogging import Logger as GunicornLogger

if TYPE_CHECKING:
    # Only for annotations: gunicorn's master process imports this module
    # before Django is set up.
    from django.http import HttpRequest, HttpResponse

MASK = "[token]"

# URL keyword arguments that are secrets. Django's password reset names its
# parts uidb64 and token.
SECRET_KWARGS = re.compile(r"token|uidb64|secret|key$|signature")

# Query parameters that are secrets.
SECRET_QUERY = re.compile(
    r"(?P<name>(?:^|[?&;\s])(?:[\w.-]*token|key|signature|sig)=)"
    r"(?P<value>[^&;#\s\"']+)",
    re.IGNORECASE,
)

# Used when Django's URL configuration cannot be read (the gunicorn master
# process logs before any application is loaded).
FALLBACK_PATTERNS = (
    re.compile(r"/(?:t|a|e)/(?P<s0>[^/?#\s\"']+)"),
    re.compile(r"/cal/(?P<s0>[^/?#\s\"']+)\.ics"),
    re.compile(
        r"/accounts/(?:reset|link)/(?P<s0>[^/?#\s\"']+)(?:/(?P<s1>[^/?#\s\"']+))?"
    ),
)

ROUTE_PART = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
SEGMENT = r"[^/?#\s\"']+"


def _route_regex(route: str) -> re.Pattern[str] | None:
    """Return a regex for ``route`` with its secret parts as groups s0, s1, …,
    or None when the route has no secret part."""
    parts: list[str] = []
    secrets, position = 0, 0
    for match in ROUTE_PART.finditer(route):
        parts.append(re.escape(route[position : match.start()]))
        position = match.end()
        if SECRET_KWARGS.search(match["name"]):
            parts.append(f"(?P<s{secrets}>{SEGMENT})")
            secrets += 1
        else:
            parts.append(SEGMENT if match["converter"] != "path" else r"[^?#\s\"']+")
    if not secrets:
        return None
    parts.append(re.escape(route[position:]))
    return re.compile("/" + "".join(parts))


@cache
def _secret_patterns() -> tuple[re.Pattern[str], ...]:
    """Return the regexes of every address of the URL configuration that has a
    secret part."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(
        patterns: Sequence[URLPattern | URLResolver], prefix: str
    ) -> Iterator[re.Pattern[str]]:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                regex = _route_regex(route.lstrip("^"))
                if regex is not None:
                    yield regex

    return (*walk(get_resolver().url_patterns, ""), *FALLBACK_PATTERNS)


def _patterns() -> tuple[re.Pattern[str], ...]:
    try:
        return _secret_patterns()
    except Exception:  # Django not configured or not ready: the fixed list.
        return FALLBACK_PATTERNS


def mask_tokens(text: str) -> str:
    """Return ``text`` with the secret parts of personal links replaced."""
    if not text or ("/" not in text and "=" not in text):
        return text
    for pattern in _patterns():
        text = pattern.sub(_masked_match, text)
    return SECRET_QUERY.sub(lambda match: match["name"] + MASK, text)


def _masked_match(match: re.Match[str]) -> str:
    text, start = match.group(0), match.start()
    pieces: list[str] = []
    position = 0
    for name, value in match.groupdict().items():
        if value is None or not name.startswith("s"):
            continue
        begin, end = match.start(name) - start, match.end(name) - start
        pieces.append(text[position:begin] + MASK)
        position = end
    return "".join(pieces) + text[position:]


# gunicorn has no type hints: its Logger is Any to mypy.
class AccessLogger(GunicornLogger):  # type: ignore[misc]
    """gunicorn's logger, with personal tokens masked in the access log (the
    request line, path, query string and referrer alike)."""

    def atoms(
        self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any
    ) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: mask_tokens(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }


class MaskTokensFilter(logging.Filter):
    """Mask personal tokens in log records, e.g. Django's ``Not Found: /t/…``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class NoStoreMiddleware:
    """Forbid caches to keep what a signed-in user or a personal link was
    shown (a shared computer, a proxy, the browser's back button after log-out).

    Static files never get here (WhiteNoise answers them first), and public
    pages keep the default. A view that chose its own caching for an
    anonymous client (the calendar feed) keeps it."""

    def __init__(self, get_response: "Callable[[HttpRequest], HttpResponse]") -> None:
        self.get_response = get_response

    def __call__(self, request: "HttpRequest") -> "HttpResponse":
        response = self.get_response(request)
        signed_in = getattr(getattr(request, "user", None), "is_authenticated", False)
        personal = _is_personal_link(request) and not response.has_header(
            "Cache-Control"
        )
        if signed_in or personal:
            response["Cache-Control"] = "no-store"
        return response


def _is_personal_link(request: "HttpRequest") -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and any(
        SECRET_KWARGS.search(name) for name in match.kwargs
    )
