"""Let the audit trail's retention delete old entries, and nothing else.

On PostgreSQL the trigger of migration 0002 refuses every UPDATE and DELETE.
It now lets a DELETE through in a transaction that set the variable
``mandat.audit_disposal`` to ``on`` (``SET LOCAL``, so it ends with the
transaction), as ``core.services.audit_entries_dispose`` does for the entries
past the trail's retention time. Updates stay refused. SQLite refused
updates only and is unchanged."""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION core_auditentry_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
            AND current_setting('mandat.audit_disposal', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
"""
POSTGRES_DOWN = """
CREATE OR REPLACE FUNCTION core_auditentry_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_add_audit_actions")]

    operations = [migrations.RunPython(forwards, backwards)]
