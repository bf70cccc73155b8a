"""The full-text indexes, which differ by database: a GIN index on the
PostgreSQL vector, an FTS5 table on SQLite."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX knowledge_search_vector ON knowledge_searchentry "
            "USING gin (vector)"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE knowledge_search_fts USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 0')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS knowledge_search_vector")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS knowledge_search_fts")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_add_search_entries")]
    operations = [migrations.RunPython(create, drop)]
