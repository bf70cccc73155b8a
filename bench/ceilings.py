"""The ceilings every figure is held against, measured in the same run on the
same machine: the bare view (`/bench/bare/`, the same server and middleware)
at the connections the pages are measured at, and pgbench's serialized
registration transaction."""

import statistics
from pathlib import Path
from typing import TYPE_CHECKING

from bench import pgbench
from bench.log import log
from bench.server import Server, machine_busy
from bench.wrk import failed_requests, run_wrk

if TYPE_CHECKING:
    from bench.run import Bench

# Pages and the bare view are measured at each of these connections.
CONNECTIONS = (1, 16)


def measure_bare_view(bench: "Bench", server: Server, scale: str, when: str) -> None:
    """Measure the bare view at each number of connections, ``when`` (start,
    middle or end) in the scale's run."""
    # Nothing of the bench runs now: what the cores do is someone else's.
    busy = machine_busy()
    if busy > 0.1:
        log(
            f"Scale {scale}: the machine is {busy * 100:.0f} % busy before the "
            "ceiling with nothing of the bench running: figures will be low"
        )
    for connections in CONNECTIONS:
        figures = run_wrk(
            bench.wrk,
            url=server.base_url + "/bench/bare/",
            connections=connections,
            seconds=bench.args.ceiling_seconds,
        )
        server.wait_idle()
        bench.result["ceilings"].append(
            {
                "what": "bare view",
                "scale": scale,
                "connections": connections,
                "when": when,
                "rps": figures["rps"],
                "p50_ms": figures["p50_ms"],
                "p95_ms": figures["p95_ms"],
                "p99_ms": figures["p99_ms"],
                "errors": failed_requests(figures, expected="200"),
                "machine_busy_before": busy,
            }
        )
        log(
            f"Scale {scale}: bare view at {connections} connections: "
            f"{figures['rps']:.0f} rps, p50 {figures['p50_ms']} ms ({when})"
        )


def ceiling_rps(result: dict, scale: str, connections: int) -> float | None:
    """Return the median of the bare view's ceilings of ``scale`` at
    ``connections``, or None when none was measured."""
    values = [
        c["rps"]
        for c in result["ceilings"]
        if c["what"] == "bare view"
        and c["scale"] == scale
        and c["connections"] == connections
    ]
    return statistics.median(values) if values else None


def pgbench_registration(
    bench: "Bench", database: str, script: Path, variables: dict
) -> dict:
    """Run pgbench's registration transaction at 16 clients for the
    ceiling, then delete the cancelled registrations it inserted."""
    figures = pgbench.run_pgbench(
        bindir=bench.cluster.bindir,
        port=bench.cluster.port,
        database=database,
        script=script,
        variables=variables,
        clients=16,
        seconds=bench.args.pgbench_seconds,
    )
    with bench.cluster.connect(database) as db:
        db.execute(
            "DELETE FROM trainings_registration"
            " WHERE occasion_id = %s AND status = 'cancelled'",
            [variables["occasion"]],
        )
    return figures
