"""The Markdown summary of a run (bench/results/latest.md): the targets met
and missed, with the evidence and the causes written down for what is
missed (bench/causes.json), a table per scale, the registration, the
ceilings, memory and run time. Pure functions of the result dictionary
(bench/results/latest.json), so they are tested without a server
(mandat/core/tests/test_bench_harness.py)."""

import json
from pathlib import Path

from bench.targets import (
    PAGE_P95_MS,
    PAGE_SQL_MS,
    burst_exact,
    evaluate_targets,
    page_names,
    page_row,
    scales_of,
)

CAUSES_FILE = Path(__file__).resolve().parent / "causes.json"


def _ms(value) -> str:
    if value is None:
        return "–"
    if value >= 1000:
        return f"{value:,.0f}".replace(",", " ")
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.1f}"


def _share(value) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def _num(value, digits=1) -> str:
    if value is None:
        return "–"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}"


def _value(check: dict) -> str:
    value, unit = check["value"], check["unit"]
    if value is None:
        return "not measured"
    if unit == "share":
        return _share(value)
    if unit == "ms":
        return f"{_ms(value)} ms"
    if unit == "MB":
        return f"{_num(value)} MB"
    return str(value) if not isinstance(value, float) else _num(value)


def load_causes(path: Path = CAUSES_FILE) -> dict:
    """Return the causes and plans written down for pages that miss a target
    (bench/causes.json: {"page name": "cause and plan"})."""
    if not path.exists():
        return {}
    return json.loads(path.read_text())


def render_markdown(result: dict, causes: dict | None = None) -> str:
    """Return the summary of a run: the targets met and missed, a table per
    scale, the registration and the ceilings."""
    causes = load_causes() if causes is None else causes
    checks = result.get("targets") or evaluate_targets(result)
    lines = ["# `make bench`", ""]
    machine = result.get("machine", {})
    lines.append(
        f"Run {result.get('started_at', '')}, {result.get('seconds', 0) / 60:.1f} "
        f"minutes, on {machine.get('cores', '?')} cores ({machine.get('cpu', '')}), "
        f"PostgreSQL {machine.get('postgresql', '?')}, Python "
        f"{machine.get('python', '?')}, Django {machine.get('django', '?')}, "
        f"gunicorn {machine.get('gunicorn', '?')} with "
        f"{result.get('settings', {}).get('workers', '?')} workers, "
        f"{machine.get('wrk', 'wrk')}; commit {machine.get('commit', '?')}"
        f"{' with local changes' if machine.get('dirty') else ''}."
    )
    lines.append(f"Scales: {', '.join(scales_of(result)) or 'none'}.")
    busy = [c.get("machine_busy_before") or 0 for c in result.get("ceilings", [])]
    if busy and max(busy) > 0.1:
        lines.append(
            f"**The machine was busy with other work** (up to {max(busy) * 100:.0f} % "
            "of the cores with nothing of the bench running): figures are low."
        )
    for scale, facts in (result.get("scales") or {}).items():
        counts = facts.get("counts") or {}
        if counts:
            lines.append(
                f"Scale {scale}: {counts.get('organisations', '?')} organisations, "
                f"{counts.get('people', '?')} people, {counts.get('trainings', '?')} "
                f"trainings, {counts.get('invitations', '?')} invitations, "
                f"{counts.get('registrations', '?')} registrations; pages of "
                f"{facts.get('objects', {}).get('org', '?')} "
                f"({counts.get('org_people', '?')} people, "
                f"{counts.get('org_registrations', '?')} registrations)."
            )
        share = facts.get("worker_cpu_share_during_pages")
        if share:
            lines.append(
                f"Scale {scale}: the task worker used {share * 100:.0f} % of a core "
                "while the pages were measured."
            )
    lines.append("")

    scale = checks[0]["scale"] if checks else None
    lines += [f"## Targets (scale {scale})", ""]
    if not checks:
        lines.append("No figures to check.")
    groups: dict[str, list[dict]] = {}
    for check in checks:
        groups.setdefault(check["target"], []).append(check)
    lines += ["| target | met | missed |", "| --- | --- | --- |"]
    for target, group in groups.items():
        met = [c for c in group if c["met"]]
        missed = [c for c in group if not c["met"]]
        verdict = "**met**" if not missed else f"missed {len(missed)} of {len(group)}"
        detail = "; ".join(f"{c['subject']}: {_value(c)}" for c in missed)
        lines.append(
            f"| {target} | {verdict} ({len(met)}/{len(group)}) | {detail or '–'} |"
        )
    lines.append("")

    missed_subjects = []
    for check in checks:
        if not check["met"] and check["subject"] not in missed_subjects:
            missed_subjects.append(check["subject"])
    if missed_subjects:
        lines += ["### Where a target is missed", ""]
        for subject in missed_subjects:
            evidence = _evidence(result, subject, scale)
            cause = causes.get(subject)
            text = f"- **{subject}**: {evidence}"
            if cause:
                text += f" Cause and plan: {cause}"
            lines.append(text)
        lines.append("")

    for each in scales_of(result):
        lines += _scale_table(result, each)
    lines += _registration_table(result)
    ceilings = result.get("ceilings") or []
    if ceilings:
        lines += ["## Ceilings", ""]
        lines.append(
            "The bare view (`/bench/bare/`, same server and middleware) and "
            "pgbench's serialized registration transaction, measured between "
            "Mandat's runs:"
        )
        lines.append("")
        lines += [
            "| scale | what | connections | rps | p50 ms | p99 ms |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for ceiling in ceilings:
            lines.append(
                f"| {ceiling['scale']} | {ceiling.get('what', 'bare view')} | "
                f"{ceiling['connections']} | {_num(ceiling.get('rps'))} | "
                f"{_ms(ceiling.get('p50_ms'))} | {_ms(ceiling.get('p99_ms'))} |"
            )
        lines.append("")
    rss = result.get("rss_mb_per_worker_by_scale") or {}
    if rss:
        lines += ["## Memory", ""]
        for each, values in rss.items():
            lines.append(
                f"- scale {each}: resident memory of the 4 web workers after the "
                f"run: {', '.join(_num(v) for v in values)} MB"
            )
        lines.append("")
    failures = result.get("failures") or []
    if failures:
        lines += ["## Failures", ""]
        lines += [f"- {failure.splitlines()[0]}" for failure in failures]
        lines.append("")
    phases = result.get("phases") or {}
    if phases:
        lines += ["## Run time", ""]
        lines.append(
            ", ".join(
                f"{name} {seconds / 60:.1f} min" for name, seconds in phases.items()
            )
            + f"; in all {result.get('seconds', 0) / 60:.1f} min."
        )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _evidence(result: dict, subject: str, scale: str) -> str:
    """Say what the figures show about a missed target: where the time goes
    (SQL or Python), the slowest statement, the size of the page."""
    if subject == "registration":
        registration = next(
            (r for r in result.get("registrations", []) if r["scale"] == scale), {}
        )
        return (
            f"{_num(registration.get('queries'))} queries, "
            f"{_num(registration.get('commits'))} commits and "
            f"{_ms(registration.get('cpu_ms'))} ms of web CPU per registration, "
            f"{_num(registration.get('rps'))} registrations/s against pgbench's "
            f"{_num(registration.get('pgbench_tps'))} transactions/s."
        )
    if subject == "web workers":
        return "resident memory above the limit."
    page = page_row(result, subject, scale, 1) or page_row(result, subject, scale, 16)
    if page is None:
        return "not measured at this scale."
    parts = []
    if page.get("note"):
        parts.append(page["note"] + ".")
    total = page.get("probe_ms")
    sql = page.get("sql_ms")
    cpu = page.get("cpu_ms")
    if total is not None:
        parts.append(
            f"One request: {_ms(total)} ms, of which SQL {_ms(sql)} ms "
            f"({_num(page.get('queries'))} queries) and Python CPU {_ms(cpu)} ms; "
            f"{_num(page.get('kb'))} kB."
        )
    top = page.get("top_sql")
    if top and sql and sql > PAGE_SQL_MS:
        parts.append(
            f"Slowest statement ({_ms(top['mean_ms'])} ms × {top['calls']}): "
            f"`{top['query'][:160]}`."
        )
    return " ".join(parts) or "see the table."


def _scale_table(result: dict, scale: str) -> list[str]:
    lines = [f"## Scale {scale}", ""]
    lines.append(
        "Latencies in ms; rps with its share of the bare-view ceiling at the "
        "same connections; queries, SQL ms and CPU ms per request from the "
        "instrumentation headers of plain requests."
    )
    lines.append("")
    lines += [
        "| page | queries | SQL ms | CPU ms | kB | 1 conn p50 / p95 / p99 | 1 conn rps "
        "| 16 conn p50 / p95 / p99 | 16 conn rps |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in page_names(result):
        one = page_row(result, name, scale, 1)
        many = page_row(result, name, scale, 16)
        if one is None and many is None:
            continue
        base = one or many

        def latency(row, *, checked=False):
            if row is None or row.get("p50_ms") is None:
                return "–"
            mark = " ✗" if checked and (row.get("p95_ms") or 0) > PAGE_P95_MS else ""
            return (
                f"{_ms(row['p50_ms'])} / {_ms(row['p95_ms'])} / "
                f"{_ms(row['p99_ms'])}{mark}"
            )

        def rps(row):
            if row is None or row.get("rps") is None:
                return "–"
            return f"{_num(row['rps'])} ({_share(row.get('ceiling_ratio'))})"

        sql = base.get("sql_ms")
        sql_text = _ms(sql) + (" ✗" if sql is not None and sql > PAGE_SQL_MS else "")
        lines.append(
            f"| {name} | {_num(base.get('queries'))} | {sql_text} | "
            f"{_ms(base.get('cpu_ms'))} | {_num(base.get('kb'))} | "
            f"{latency(one, checked=True)} | {rps(one)} | {latency(many)} | "
            f"{rps(many)} |"
        )
    notes = [
        (p["name"], p["note"])
        for p in result.get("pages", [])
        if p["scale"] == scale and p.get("note") and p["connections"] == 1
    ]
    if notes:
        lines.append("")
        for name, note in notes:
            lines.append(f"- {name}: {note}")
    lines.append("")
    return lines


def _registration_table(result: dict) -> list[str]:
    registrations = result.get("registrations") or []
    if not registrations:
        return []
    lines = ["## Registration through the personal link", ""]
    lines += [
        "| scale | registrations/s (16 conn) | pgbench tps | share | queries "
        "| commits | web CPU ms | worker CPU ms | p50 / p95 / p99 ms "
        "| burst: registered / waiting / in order |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in registrations:
        burst = r.get("burst") or {}
        burst_text = (
            f"{burst.get('registered')} / {burst.get('waiting')} / "
            f"{'yes' if burst.get('in_order') else 'no'}"
            f" of {burst.get('requests')} for {burst.get('capacity')} places"
            + (" **exact**" if burst_exact(burst) else " ✗")
        )
        lines.append(
            f"| {r['scale']} | {_num(r.get('rps'))} | {_num(r.get('pgbench_tps'))} | "
            f"{_share(r.get('ratio'))} | {_num(r.get('queries'))} | "
            f"{_num(r.get('commits'))} | {_ms(r.get('cpu_ms'))} | "
            f"{_ms(r.get('worker_cpu_ms'))} | {_ms(r.get('p50_ms'))} / "
            f"{_ms(r.get('p95_ms'))} / {_ms(r.get('p99_ms'))} | {burst_text} |"
        )
    lines.append("")
    return lines
