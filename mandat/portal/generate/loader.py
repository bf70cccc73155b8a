"""Write generated rows into PostgreSQL with COPY FROM STDIN.

The generator gives every row its id, so rows of many tables can be built in
memory without asking the database for keys, and are written table by
table in the order of their foreign keys. Columns the generator does not
know (a field added to a model later) get the model's default; a new field
without a default stops the run with a message naming it, rather than
writing rows the application would not have written."""

import time
from collections import Counter
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import JSONField
from django.db.models.fields import NOT_PROVIDED
from psycopg.types.json import Jsonb


class GenerateError(Exception):
    """The generator cannot run: the message says why, for the operator."""


class Table:
    """One table the generator writes: the columns it gives, in order, and
    the model's defaults for the columns it does not give."""

    def __init__(self, model, fields: str, *, now, computed: dict | None = None):
        meta = model._meta
        self.model = model
        self.name = meta.db_table
        self.label = meta.label_lower
        self.fields = fields.split()
        by_attname = {f.attname: f for f in meta.concrete_fields}
        unknown = [name for name in self.fields if name not in by_attname]
        if unknown:
            raise GenerateError(
                f"{meta.label}: the generator writes {', '.join(unknown)}, which "
                "the model no longer has; update mandat/portal/generate/."
            )
        self.computed = computed or {}
        self.columns = [by_attname[name].column for name in self.fields]
        self.tail: tuple = ()
        self.tail_calls: list[tuple[int, Callable]] = []
        tail_columns = []
        for field in meta.concrete_fields:
            if field.attname in self.fields or field.column in self.computed:
                continue
            tail_columns.append(field.column)
            self.tail += (self._default(field, now),)
            if callable(field.default) and not isinstance(field, JSONField):
                self.tail_calls.append((len(self.tail) - 1, field.default))
        self.columns += tail_columns
        self.has_integer_id = meta.pk.get_internal_type() in (
            "AutoField",
            "BigAutoField",
            "SmallAutoField",
        )

    def _default(self, field, now):
        if field.primary_key:
            raise GenerateError(f"{self.model._meta.label}: the id must be given.")
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return now
        if field.default is not NOT_PROVIDED:
            value = field.get_default()
            return Jsonb(value) if isinstance(field, JSONField) else value
        if field.null:
            return None
        if field.blank and field.get_internal_type() in ("CharField", "TextField"):
            return ""
        raise GenerateError(
            f"{self.model._meta.label}.{field.name} is a required field the "
            "generator does not know; give it a value in mandat/portal/generate/."
        )

    def complete(self, rows: Iterable[tuple]) -> Iterable[tuple]:
        """Return ``rows`` with the default columns added."""
        if not self.tail:
            return rows
        if not self.tail_calls:
            tail = self.tail
            return (row + tail for row in rows)

        def each():
            for row in rows:
                tail = list(self.tail)
                for position, call in self.tail_calls:
                    tail[position] = call()
                yield row + tuple(tail)

        return each()


class Loader:
    """Buffers rows per table and writes them with COPY, parents first."""

    def __init__(self, *, now, flush_rows: int = 300_000):
        self.now = now
        self.flush_rows = flush_rows
        self.tables: list[Table] = []
        self.rows: dict[str, list[tuple]] = {}
        self.buffered = 0
        self.counts: Counter = Counter()
        self.next_ids: dict[str, int] = {}
        self.copy_seconds = 0.0
        self.trusted_keys = False

    def table(self, model, fields: str, **options) -> Table:
        """Declare a table; declare parents before children."""
        table = Table(model, fields, now=self.now, **options)
        self.tables.append(table)
        self.rows[table.name] = []
        return table

    def start(self) -> None:
        """Read where each table's ids go on from; decide how keys are checked."""
        with connection.cursor() as cursor:
            for table in self.tables:
                if table.has_integer_id:
                    cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table.name}"')
                    self.next_ids[table.name] = cursor.fetchone()[0] + 1
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            self.trusted_keys = bool(cursor.fetchone()[0])

    def new_id(self, table: Table) -> int:
        value = self.next_ids[table.name]
        self.next_ids[table.name] = value + 1
        return value

    def add(self, table: Table, row: tuple) -> None:
        if len(row) != len(table.fields):
            # Said here, with the table's columns, not by COPY at the flush.
            raise ValueError(
                f"{table.name}: {len(row)} values for {len(table.fields)} columns "
                f"({' '.join(table.fields)})"
            )
        self.rows[table.name].append(row)
        self.buffered += 1

    def extend(self, table: Table, rows: list[tuple]) -> None:
        self.rows[table.name].extend(rows)
        self.buffered += len(rows)

    def maybe_flush(self) -> None:
        if self.buffered >= self.flush_rows:
            self.flush()

    def flush(self) -> None:
        """Write every buffered row in one transaction, parents first.

        As a superuser the foreign-key triggers are skipped while copying
        (``session_replication_role = replica``, as pg_restore does) and
        every key is checked afterwards by ``check_keys``; otherwise
        PostgreSQL checks each row as usual, which is slower."""
        if not self.buffered:
            return
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            if self.trusted_keys:
                cursor.execute("SET LOCAL session_replication_role = replica")
            for table in self.tables:
                rows = self.rows[table.name]
                if not rows:
                    continue
                self._copy(cursor, table, rows)
                self.counts[table.label] += len(rows)
                self.rows[table.name] = []
            if self.trusted_keys:
                cursor.execute("SET LOCAL session_replication_role = origin")
            else:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.buffered = 0
        self.copy_seconds += time.perf_counter() - started

    def _copy(self, cursor, table: Table, rows: list[tuple]) -> None:
        columns = ", ".join(f'"{c}"' for c in table.columns)
        if not table.computed:
            with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
                for row in table.complete(rows):
                    copy.write_row(row)
            return
        # Columns PostgreSQL computes (a tsvector): copy into a scratch table
        # of the same shape, then insert with the expressions.
        stage = f"generate_{table.name}"
        cursor.execute(
            f'CREATE TEMP TABLE IF NOT EXISTS "{stage}" '
            f'(LIKE "{table.name}" INCLUDING DEFAULTS) ON COMMIT DELETE ROWS'
        )
        with cursor.copy(f'COPY "{stage}" ({columns}) FROM STDIN') as copy:
            for row in table.complete(rows):
                copy.write_row(row)
        names = [*table.columns, *table.computed]
        values = [f'"{c}"' for c in table.columns] + list(table.computed.values())
        cursor.execute(
            f'INSERT INTO "{table.name}" ({", ".join(f"{n}" for n in names)}) '
            f'SELECT {", ".join(values)} FROM "{stage}"'
        )
        cursor.execute(f'DELETE FROM "{stage}"')

    def finish(self) -> None:
        """Set every id sequence after the highest id written."""
        self.flush()
        with connection.cursor() as cursor:
            for table in self.tables:
                if not table.has_integer_id:
                    continue
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)',
                    [table.name],
                )


def check_keys(models: Iterable) -> list[str]:
    """Return the foreign keys of ``models`` that point at no row (none, when
    the data is sound), each checked with one anti-join."""
    broken = []
    with connection.cursor() as cursor:
        for model in models:
            for field in model._meta.concrete_fields:
                if not field.is_relation or not field.db_constraint:
                    continue
                target = field.target_field
                sql = (
                    f'SELECT COUNT(*) FROM "{model._meta.db_table}" c '
                    f'WHERE c."{field.column}" IS NOT NULL AND NOT EXISTS '
                    f'(SELECT 1 FROM "{target.model._meta.db_table}" p '
                    f'WHERE p."{target.column}" = c."{field.column}")'
                )
                cursor.execute(sql)
                missing = cursor.fetchone()[0]
                if missing:
                    broken.append(
                        f"{model._meta.label}.{field.name}: {missing} rows point "
                        "at nothing"
                    )
    return broken
