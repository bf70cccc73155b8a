"""What `make bench` measures inside the server, active only when the
environment sets ``MANDAT_BENCH=1`` (config/settings.py adds the middleware,
config/urls.py the bare view). Never set it in production: the headers tell
any visitor how long the database took.

The middleware answers every request with its SQL queries, their time, the
transactions it committed and the CPU the process spent, as headers that the
benchmark (bench/pages.py) reads::

    X-Mandat-Queries: 11
    X-Mandat-SQL-ms: 9.41
    X-Mandat-Commits: 0
    X-Mandat-CPU-ms: 23.80
"""

import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

QUERIES_HEADER = "X-Mandat-Queries"
SQL_MS_HEADER = "X-Mandat-SQL-ms"
COMMITS_HEADER = "X-Mandat-Commits"
CPU_MS_HEADER = "X-Mandat-CPU-ms"


class _Counter:
    """An execute wrapper (``connection.execute_wrapper``) that counts the
    statements and adds up their time."""

    def __init__(self) -> None:
        self.queries = 0
        self.seconds = 0.0
        self.commits = 0

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,
        context: dict[str, Any],
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


class BenchMiddleware:
    """Count each request's SQL queries, SQL time, commits and CPU time, and
    return them in response headers. Outermost, so the session, the user and
    the organisation are counted too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = _Counter()
        wrapper = connections[DEFAULT_DB_ALIAS]
        original_commit = wrapper.commit

        def commit() -> None:
            # A transaction's COMMIT goes to the driver, past execute wrappers.
            counter.commits += 1
            return original_commit()

        cpu_started = time.process_time()
        # Replaced for this request only (the class's method is back after).
        wrapper.commit = commit  # type: ignore[method-assign]
        try:
            with wrapper.execute_wrapper(counter):
                response = self.get_response(request)
        finally:
            del wrapper.commit
        cpu_ms = (time.process_time() - cpu_started) * 1000
        response[QUERIES_HEADER] = str(counter.queries)
        response[SQL_MS_HEADER] = f"{counter.seconds * 1000:.2f}"
        response[COMMITS_HEADER] = str(counter.commits)
        response[CPU_MS_HEADER] = f"{cpu_ms:.2f}"
        return response


@login_not_required
def bare(request: HttpRequest) -> HttpResponse:
    """The ceiling of `make bench`: the smallest answer Django gives through
    the same server and middleware as every page."""
    return HttpResponse(b"ok", content_type="text/plain")
