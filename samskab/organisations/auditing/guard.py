"""The database's own refusal to change or remove audit entries.

A row trigger refuses every UPDATE and DELETE on the audit table, whatever sends it: the ORM,
raw SQL, the admin, a bug or an injected statement. On PostgreSQL a statement trigger refuses
TRUNCATE too. The triggers guard the log against the application and its database account's
ordinary statements; an account that owns the table can still drop them, so in production the
application should not own its tables (docs/security.md, "Audit log").

``flush`` (the operator's reset of a whole installation, and what the test runner does between
database-committing tests) lifts the guard for its own statements only: see
``management/commands/flush.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "organisations_auditentry"
MESSAGE = "The audit log is append-only: entries cannot be changed or deleted."

_POSTGRESQL_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION samskab_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    f"""
    CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION samskab_audit_append_only()
    """,
    f"""
    CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION samskab_audit_append_only()
    """,
]
_POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS audit_append_only ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE}",
    "DROP FUNCTION IF EXISTS samskab_audit_append_only()",
]

_SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
]
_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_no_update",
    "DROP TRIGGER IF EXISTS audit_no_delete",
]


def _statements(connection: BaseDatabaseWrapper, install: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return _POSTGRESQL_INSTALL if install else _POSTGRESQL_REMOVE
    if connection.vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_REMOVE
    # Samskab runs on SQLite and PostgreSQL only; on anything else the audit log would not be
    # append-only, so the migration refuses rather than install a log that can be rewritten.
    raise ImproperlyConfigured(
        "The audit log's append-only guard exists for SQLite and PostgreSQL, "
        f"not {connection.vendor}."
    )


def install(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=True):
            cursor.execute(statement)


def remove(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=False):
            cursor.execute(statement)


def is_installed(connection: BaseDatabaseWrapper) -> bool:
    if TABLE not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLE],
            )
            return bool(cursor.fetchone()[0] == 2)
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
        )
        return bool(cursor.fetchone()[0] == 2)


@contextmanager
def lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Run a whole-database reset (``flush``) with the guard lifted, and put it back."""
    present = is_installed(connection)
    if present:
        remove(connection)
    try:
        yield
    finally:
        if present:
            install(connection)
