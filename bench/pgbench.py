"""The registration's ceiling: pgbench (beside pg_ctl) running the serialized
transaction a registration needs at least (lock the occasion, count its
registered people, insert the registration, commit) on the same database and
at the same concurrency as Mandat's registrations.

The rows pgbench inserts are "cancelled", so the partial unique index of one
active registration per person and training lets one person stand for every
transaction, and the count reads the occasion's registered rows as Mandat's
does; they are deleted after each run."""

import re
import subprocess
from pathlib import Path

# What a registration row holds when pgbench inserts it; a column Mandat adds
# later that must be filled gets a neutral value by its type (_filler).
KNOWN_VALUES = {
    "organisation_id": ":organisation",
    "training_id": ":training",
    "occasion_id": ":occasion",
    "person_id": ":person",
    "status": "'cancelled'",
    "created_at": "now()",
    "cancelled_at": "now()",
}


def _filler(data_type: str) -> str:
    if "char" in data_type or data_type == "text":
        return "''"
    if "timestamp" in data_type or data_type == "date":
        return "now()"
    if data_type == "boolean":
        return "false"
    if data_type == "jsonb" or data_type == "json":
        return "'{}'"
    return "0"


def registration_script(columns: list[tuple[str, str, bool, bool]]) -> str:
    """Return pgbench's script for the registration table's ``columns``
    (name, data type, nullable, has a default), as information_schema
    gives them."""
    names, values = [], []
    for name, data_type, nullable, has_default in columns:
        if name == "id":
            continue
        if name in KNOWN_VALUES:
            names.append(name)
            values.append(KNOWN_VALUES[name])
        elif not nullable and not has_default:
            names.append(name)
            values.append(_filler(data_type))
    return (
        "BEGIN;\n"
        "SELECT id FROM trainings_occasion WHERE id = :occasion FOR UPDATE;\n"
        "SELECT count(*) FROM trainings_registration"
        " WHERE occasion_id = :occasion AND status = 'registered';\n"
        f"INSERT INTO trainings_registration ({', '.join(names)})"
        f" VALUES ({', '.join(values)});\n"
        "COMMIT;\n"
    )


def registration_columns(connection) -> list[tuple[str, str, bool, bool]]:
    rows = connection.execute(
        "SELECT column_name, data_type, is_nullable = 'YES', column_default IS NOT NULL"
        " FROM information_schema.columns"
        " WHERE table_name = 'trainings_registration' ORDER BY ordinal_position"
    ).fetchall()
    return [tuple(row) for row in rows]


def parse_pgbench_output(text: str) -> dict:
    """Return the transactions per second, the count and the failures of a
    pgbench run from its output."""
    tps = re.search(r"^tps = ([\d.]+)", text, re.MULTILINE)
    if tps is None:
        raise ValueError("no tps line in pgbench's output:\n" + text[-2000:])
    processed = re.search(r"actually processed: (\d+)", text)
    failed = re.search(r"number of failed transactions: (\d+)", text)
    latency = re.search(r"latency average = ([\d.]+) ms", text)
    return {
        "tps": round(float(tps.group(1)), 1),
        "transactions": int(processed.group(1)) if processed else None,
        "failed": int(failed.group(1)) if failed else 0,
        "latency_ms": float(latency.group(1)) if latency else None,
    }


def run_pgbench(
    *,
    bindir: Path,
    port: int,
    database: str,
    script: Path,
    variables: dict,
    clients: int,
    seconds: int,
) -> dict:
    command = [
        str(bindir / "pgbench"),
        "-n",
        "-h",
        "127.0.0.1",
        "-p",
        str(port),
        "-U",
        "mandat",
        "-c",
        str(clients),
        "-j",
        "2",
        "-T",
        str(seconds),
        "-f",
        str(script),
    ]
    for name, value in variables.items():
        command += ["-D", f"{name}={value}"]
    command.append(database)
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pgbench failed: {result.stderr.strip()}")
    return parse_pgbench_output(result.stdout)


def pgbench_version(bindir: Path) -> str:
    result = subprocess.run(
        [str(bindir / "pgbench"), "--version"], capture_output=True, text=True
    )
    return result.stdout.strip()
