"""A small HTTP client for what wrk cannot do: sign in, fetch CSRF pairs,
and plain requests that read the instrumentation headers."""

import http.client
import re
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    seconds: float
    cookies: dict = field(default_factory=dict)

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)


class Client:
    """Requests to one server; keeps the cookies it is given."""

    def __init__(self, base_url: str, *, timeout: float = 120):
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port = parsed.hostname, parsed.port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout
            )
        return self.connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(
        self, method: str, path: str, *, body: bytes | None = None, headers=None
    ) -> Response:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        if body is not None:
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        for attempt in range(2):
            connection = self._connection()
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                raw = connection.getresponse()
                data = raw.read()
            except (http.client.HTTPException, ConnectionError):
                # A kept-alive connection the server had closed fails at once:
                # once more, anew. A request the server gave up on is not sent
                # again.
                self.close()
                if attempt or time.perf_counter() - started > 1:
                    raise
                continue
            seconds = time.perf_counter() - started
            response_headers = {name.lower(): value for name, value in raw.getheaders()}
            cookies = {}
            for name, value in raw.getheaders():
                if name.lower() == "set-cookie":
                    parsed = SimpleCookie()
                    parsed.load(value)
                    for key, morsel in parsed.items():
                        cookies[key] = morsel.value
            self.cookies.update(cookies)
            return Response(raw.status, response_headers, data, seconds, cookies)
        raise AssertionError("unreachable")

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Response:
        return self.request(
            "POST", path, body=urllib.parse.urlencode(data).encode("utf-8")
        )

    def csrf_pair(self, path: str) -> tuple[str, str]:
        """GET ``path`` as a new visitor; return its CSRF cookie and the form
        token of the page."""
        self.cookies.pop("csrftoken", None)
        response = self.get(path)
        if response.status != 200:
            raise RuntimeError(f"GET {path} answered {response.status}")
        match = CSRF_INPUT.search(response.body.decode("utf-8", "replace"))
        if match is None or "csrftoken" not in self.cookies:
            raise RuntimeError(f"GET {path} gave no CSRF token")
        return self.cookies["csrftoken"], match.group(1)

    def login(self, email: str, password: str) -> str:
        """Sign in by password; return the Cookie header of the session."""
        self.cookies.clear()
        cookie, token = self.csrf_pair("/accounts/login/")
        response = self.post(
            "/accounts/login/",
            {"username": email, "password": password, "csrfmiddlewaretoken": token},
        )
        if response.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"could not sign in as {email} (HTTP {response.status})")
        return self.cookie_header()
