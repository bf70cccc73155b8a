"""The figures of a run held against the issue's targets, and the fields the
result must have. Pure functions of the result dictionary
(bench/results/latest.json), so they are tested without a server
(mandat/core/tests/test_bench_harness.py)."""

# The targets of issue 12, checked at the largest scale that ran.
TARGET_SCALE = "40"
PAGE_P95_MS = 100
PAGE_CEILING_SHARE = 0.05
PAGE_SQL_MS = 20
REGISTRATION_PGBENCH_SHARE = 0.25
REGISTRATION_QUERIES = 10
REGISTRATION_CPU_MS = 10
WORKER_RSS_MB = 250
PDF_SECONDS = 3
SEARCH_MS = 100
PDF_PAGE = "annual report PDF"
SEARCH_PAGE = "search"

# The fields issue 12 asks of bench/results/latest.json.
PAGE_FIELDS = (
    "name",
    "scale",
    "connections",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "rps",
    "queries",
    "sql_ms",
)
REGISTRATION_FIELDS = ("rps", "pgbench_tps", "ratio", "queries", "cpu_ms", "burst")
BURST_FIELDS = ("requests", "capacity", "registered", "waiting", "in_order")


def shape_errors(result: dict) -> list[str]:
    """Return the fields the result lacks (empty when it has them all)."""
    missing = [
        name
        for name in ("pages", "ceiling_rps", "registration", "rss_mb_per_worker")
        if name not in result
    ]
    for index, page in enumerate(result.get("pages") or []):
        missing += [
            f"pages[{index}].{name}" for name in PAGE_FIELDS if name not in page
        ]
    registration = result.get("registration") or {}
    missing += [
        f"registration.{name}"
        for name in REGISTRATION_FIELDS
        if name not in registration
    ]
    burst = registration.get("burst") or {}
    missing += [
        f"registration.burst.{name}" for name in BURST_FIELDS if name not in burst
    ]
    if "cores" not in (result.get("machine") or {}):
        missing.append("machine.cores")
    return missing


def ratio(value, ceiling) -> float | None:
    """Return ``value / ceiling``, or None when either is unknown or the
    ceiling is zero."""
    if value is None or not ceiling:
        return None
    return round(value / ceiling, 4)


def scales_of(result: dict) -> list[str]:
    """Return the scales of the run, smallest first (numbers before names)."""
    seen = {page["scale"] for page in result.get("pages", [])}
    seen |= {r["scale"] for r in result.get("registrations", [])}
    return sorted(
        seen, key=lambda s: (not str(s).isdigit(), int(s) if str(s).isdigit() else 0, s)
    )


def target_scale(result: dict) -> str | None:
    """Return the scale the targets are checked at: 40 when it ran, else
    the largest that did."""
    scales = scales_of(result)
    if TARGET_SCALE in scales:
        return TARGET_SCALE
    numbered = [s for s in scales if str(s).isdigit()]
    return numbered[-1] if numbered else (scales[-1] if scales else None)


def page_row(result: dict, name: str, scale: str, connections: int) -> dict | None:
    for page in result.get("pages", []):
        if (
            page["name"] == name
            and page["scale"] == scale
            and page["connections"] == connections
        ):
            return page
    return None


def page_names(result: dict) -> list[str]:
    names: list[str] = []
    for page in result.get("pages", []):
        if page["name"] not in names:
            names.append(page["name"])
    return names


def _check(target, subject, value, limit, met, unit="", note="") -> dict:
    return {
        "target": target,
        "subject": subject,
        "value": value,
        "limit": limit,
        "unit": unit,
        "met": met,
        "note": note,
    }


def _le(value, limit) -> bool:
    return value is not None and value <= limit


def evaluate_targets(result: dict) -> list[dict]:
    """Return one check per target and subject (page, registration, worker),
    each with its value, its limit and whether it is met. An unmeasured
    figure misses its target."""
    scale = target_scale(result)
    if scale is None:
        return []
    checks = []
    for name in page_names(result):
        one = page_row(result, name, scale, 1)
        many = page_row(result, name, scale, 16)
        if one is None and many is None:
            continue
        note = (one or many).get("note", "")
        p95 = one.get("p95_ms") if one else None
        checks.append(
            _check(
                "p95 ≤ 100 ms at 1 connection",
                name,
                p95,
                PAGE_P95_MS,
                _le(p95, PAGE_P95_MS),
                "ms",
                note,
            )
        )
        share = many.get("ceiling_ratio") if many else None
        checks.append(
            _check(
                "≥ 5 % of the bare-view ceiling at 16 connections",
                name,
                share,
                PAGE_CEILING_SHARE,
                share is not None and share >= PAGE_CEILING_SHARE,
                "share",
                note,
            )
        )
        sql = (one or many).get("sql_ms")
        checks.append(
            _check(
                "SQL time ≤ 20 ms", name, sql, PAGE_SQL_MS, _le(sql, PAGE_SQL_MS), "ms"
            )
        )
        counts = {
            s: (
                page_row(result, name, s, 1) or page_row(result, name, s, 16) or {}
            ).get("queries")
            for s in scales_of(result)
            if str(s).isdigit()
        }
        known = {s: q for s, q in counts.items() if q is not None}
        if len(known) >= 2:
            same = len(set(known.values())) == 1
            checks.append(
                _check(
                    "the same query count at both scales",
                    name,
                    " / ".join(f"{q} (scale {s})" for s, q in known.items()),
                    None,
                    same,
                )
            )
        if name == PDF_PAGE:
            checks.append(
                _check(
                    "annual report PDF < 3 s",
                    name,
                    p95,
                    PDF_SECONDS * 1000,
                    p95 is not None and p95 < PDF_SECONDS * 1000,
                    "ms",
                )
            )
        if name == SEARCH_PAGE:
            checks.append(
                _check(
                    "search < 100 ms",
                    name,
                    p95,
                    SEARCH_MS,
                    p95 is not None and p95 < SEARCH_MS,
                    "ms",
                )
            )
    registration = next(
        (r for r in result.get("registrations", []) if r["scale"] == scale), None
    )
    if registration is not None:
        share = registration.get("ratio")
        checks.append(
            _check(
                "registration ≥ 25 % of the pgbench ceiling",
                "registration",
                share,
                REGISTRATION_PGBENCH_SHARE,
                share is not None and share >= REGISTRATION_PGBENCH_SHARE,
                "share",
            )
        )
        queries = registration.get("queries")
        checks.append(
            _check(
                "≤ 10 queries per registration",
                "registration",
                queries,
                REGISTRATION_QUERIES,
                _le(queries, REGISTRATION_QUERIES),
            )
        )
        cpu = registration.get("cpu_ms")
        checks.append(
            _check(
                "≤ 10 ms CPU per registration",
                "registration",
                cpu,
                REGISTRATION_CPU_MS,
                _le(cpu, REGISTRATION_CPU_MS),
                "ms",
            )
        )
        burst = registration.get("burst") or {}
        checks.append(
            _check(
                "the burst exact",
                "registration",
                f"{burst.get('registered')} registered, "
                f"{burst.get('waiting')} waiting, in order: "
                f"{burst.get('in_order')}",
                None,
                burst_exact(burst),
            )
        )
    rss = result.get("rss_mb_per_worker") or []
    if rss:
        checks.append(
            _check(
                "≤ 250 MB per worker",
                "web workers",
                max(rss),
                WORKER_RSS_MB,
                max(rss) <= WORKER_RSS_MB,
                "MB",
            )
        )
    for check in checks:
        check["scale"] = scale
    return checks


def burst_exact(burst: dict) -> bool:
    """Return whether the burst filled exactly its places and put everyone
    else on the waiting list in the order they came, without an error."""
    if not burst or not burst.get("requests"):
        return False
    capacity, requests = burst["capacity"], burst["requests"]
    return (
        burst.get("registered") == min(capacity, requests)
        and burst.get("waiting") == max(requests - capacity, 0)
        and bool(burst.get("in_order"))
        and not burst.get("errors")
    )
