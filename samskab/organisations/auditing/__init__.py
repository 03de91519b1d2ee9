"""The audit log beyond what services write by hand: who is acting (``context``), every model
change of every app (``changes``, ``policies``), account events (``accounts``), the database's
append-only guard (``guard``) and entries as sentences (``sentences``). docs/security.md,
section "Audit log", describes what is recorded and why."""


def connect() -> None:
    """Connect the log's signal handlers (from ``OrganisationsConfig.ready``)."""
    from django_tasks.signals import task_finished, task_started

    from samskab.organisations.auditing import accounts, changes, context

    changes.connect()
    accounts.connect()
    task_started.connect(context.task_started, dispatch_uid="samskab-audit-task-started")
    task_finished.connect(context.task_finished, dispatch_uid="samskab-audit-task-finished")
