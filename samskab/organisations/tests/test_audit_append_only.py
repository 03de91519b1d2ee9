"""The audit log is append-only: the database refuses UPDATE and DELETE on its table (a trigger,
on SQLite and on PostgreSQL), and so do the model and its queryset. Deleting a user or an
organisation must still work, without touching the log.

Run on both databases: the default SQLite, and
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/t18_audit``.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import IntegrityError, connection, models, transaction

from samskab.organisations.auditing import guard
from samskab.organisations.auditing.sentences import who
from samskab.organisations.models import AppendOnlyError, AuditAction, AuditEntry
from samskab.organisations.services import audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(world):
    return audit(world.org_a, world.anna, AuditAction.MEMBER_ADDED, "bo@example.dk", role="viewer")


def _refused_by_the_database(statement, *params):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement, params)


def test_the_guard_is_installed_after_all_migrations():
    assert guard.is_installed(connection)


def test_raw_sql_update_and_delete_are_refused(entry):
    table = AuditEntry._meta.db_table
    _refused_by_the_database(f"UPDATE {table} SET target = %s WHERE id = %s", "x", entry.pk)  # noqa: S608
    _refused_by_the_database(f"DELETE FROM {table} WHERE id = %s", entry.pk)  # noqa: S608
    _refused_by_the_database(f"DELETE FROM {table}")  # noqa: S608
    entry.refresh_from_db()
    assert entry.target == "bo@example.dk"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_truncate_is_refused_on_postgresql(entry):
    _refused_by_the_database(f"TRUNCATE {AuditEntry._meta.db_table}")


def test_the_orm_refuses_before_the_database(entry):
    entry.target = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(target="changed")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_orm_statements_that_bypass_the_model(entry):
    plain: models.QuerySet[AuditEntry] = models.QuerySet(
        model=AuditEntry
    )  # no AuditQuerySet, no model guard
    with pytest.raises(IntegrityError), transaction.atomic():
        plain.filter(pk=entry.pk).update(target="changed")
    with pytest.raises(IntegrityError), transaction.atomic():
        plain.filter(pk=entry.pk)._raw_delete(connection.alias)
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.target = "changed"
        models.Model.save(entry)
    assert AuditEntry.objects.get(pk=entry.pk).target == "bo@example.dk"


def test_deleting_a_user_keeps_the_entries_and_their_address(world, entry):
    world.anna.delete()
    kept = AuditEntry.objects.select_related("actor").get(pk=entry.pk)
    assert kept.actor_id is not None and kept.actor is None
    assert kept.actor_label == "anna@example.dk"
    assert who(kept) == "anna@example.dk"
    assert who(AuditEntry.objects.get(pk=entry.pk)) == "anna@example.dk"  # without the join


def test_deleting_an_organisation_keeps_its_entries(world, entry):
    organisation_id = world.org_a.pk
    world.org_a.delete()
    assert AuditEntry.objects.filter(organisation_id=organisation_id).count() == 1


def test_deleting_a_user_who_acted_in_many_organisations(world):
    audit(world.org_a, world.carl, AuditAction.PROJECT_CREATED, "A")
    audit(world.org_b, world.carl, AuditAction.PROJECT_CREATED, "B")
    User.objects.filter(pk=world.carl.pk).delete()
    assert AuditEntry.objects.filter(actor_label="carl@example.dk").count() == 2


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_puts_the_guard_back():
    AuditEntry.objects.create(action=AuditAction.LOGIN, target="x@example.dk")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    assert guard.is_installed(connection)
    AuditEntry.objects.create(action=AuditAction.LOGIN, target="x@example.dk")
    _refused_by_the_database(f"DELETE FROM {AuditEntry._meta.db_table}")  # noqa: S608
