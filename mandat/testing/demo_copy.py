"""The demo, seeded once per test session and copied for each test that asks
for it (the ``demo`` fixture of ``plugin.py``).

``demo_seed()`` takes seconds; a copy of the seeded database takes a fraction
of one. The test database is seeded once, the first time a test asks for the
demo; then

- on PostgreSQL it is copied to a template database, and each test gets a
  test database dropped and made again from that template (the live server's
  request threads close their connections after every request, and connect
  again to the new database by the same name);
- on SQLite, in memory (the database the live server shares with the tests),
  its pages are copied to a second database in memory with SQLite's backup
  API, and each test gets them copied back over the test database.

Each test then starts from the same seeded demo, whatever the tests before it
changed, and pytest-django empties the database after it as before."""

import sqlite3
from collections.abc import Callable

from django.db import connection, connections
from django.test import override_settings

from mandat.portal.demo import demo_seed


class DemoCopy:
    """The seeded demo, kept aside; ``restore()`` puts it in the test database."""

    def restore(self) -> None:
        raise NotImplementedError

    def remove(self) -> None:
        raise NotImplementedError


class PostgresTemplate(DemoCopy):
    def __init__(self) -> None:
        self.database = connection.settings_dict["NAME"]
        self.template = f"{self.database}_demo"
        self._admin(
            f"DROP DATABASE IF EXISTS {self._quoted(self.template)} WITH (FORCE)",
            f"CREATE DATABASE {self._quoted(self.template)} "
            f"TEMPLATE {self._quoted(self.database)}",
        )

    def restore(self) -> None:
        self._admin(
            f"DROP DATABASE {self._quoted(self.database)} WITH (FORCE)",
            f"CREATE DATABASE {self._quoted(self.database)} "
            f"TEMPLATE {self._quoted(self.template)}",
        )

    def remove(self) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {self._quoted(self.template)}")

    def _quoted(self, name: str) -> str:
        return connection.ops.quote_name(name)

    def _admin(self, *statements: str) -> None:
        """Run statements from the server's maintenance database, with no
        connection of this thread left on the test database. WITH (FORCE)
        ends any other (a live server's request still closing its own)."""
        connections.close_all()
        with connection._nodb_cursor() as cursor:
            # CREATE DATABASE ... TEMPLATE refuses a template with sessions on it.
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.database],
            )
            for statement in statements:
                cursor.execute(statement)


class SqliteMemoryCopy(DemoCopy):
    def __init__(self) -> None:
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        self._database().backup(self.copy)

    def restore(self) -> None:
        self.copy.backup(self._database())

    def remove(self) -> None:
        self.copy.close()

    def _database(self) -> sqlite3.Connection:
        connection.ensure_connection()
        return connection.connection


class SeedEachTime(DemoCopy):
    """A database that can be copied neither way (SQLite in a file): seed
    again for each test, as before."""

    def __init__(self, site_url: str) -> None:
        self.site_url = site_url

    def restore(self) -> None:
        seed(site_url=self.site_url)

    def remove(self) -> None:
        pass


def seed(*, site_url: str) -> None:
    """Seed the demo, with the links it writes (in the e-mails it queues)
    leading to the live server."""
    with override_settings(SITE_URL=site_url):
        demo_seed()


def seeded_demo(*, site_url: str) -> DemoCopy:
    """Seed the demo into the (empty) test database and keep a copy of it."""
    kind: Callable[[], DemoCopy]
    if connection.vendor == "postgresql":
        kind = PostgresTemplate
    elif connection.vendor == "sqlite" and connection.is_in_memory_db():
        kind = SqliteMemoryCopy
    else:
        return SeedEachTime(site_url)
    seed(site_url=site_url)
    return kind()
