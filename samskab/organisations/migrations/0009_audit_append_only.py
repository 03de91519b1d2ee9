"""Make the audit table append-only: the database refuses UPDATE and DELETE on it
(and TRUNCATE on PostgreSQL). See samskab/organisations/auditing/guard.py."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from samskab.organisations.auditing import guard


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    guard.install(schema_editor.connection)


def remove(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    guard.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0008_audit_entry_keeps_ids")]

    operations = [migrations.RunPython(install, remove)]
