"""An import job's status changes as the audit entries a reader looks for."""

from __future__ import annotations

from typing import Any

from samskab.organisations.models import AuditAction

# ImportStatus values (transfers.models); compared as text so this app does not import that one.
_EVENTS = {
    "queued": AuditAction.IMPORT_STARTED,
    "done": AuditAction.IMPORT_FINISHED,
    "failed": AuditAction.IMPORT_FAILED,
    "cancelled": AuditAction.IMPORT_CANCELLED,
}
_COUNTS = ("total_rows", "valid_rows", "rejected_rows", "blank_rows", "known_rows", "inserted")


def import_event(
    job: Any, changes: dict[str, tuple[Any, Any]]
) -> tuple[AuditAction, dict[str, Any]] | None:
    """Started, finished (with the counts), failed or cancelled; None for the worker's steps."""
    if "status" not in changes:
        return None
    action = _EVENTS.get(str(changes["status"][1]))
    if action is None:
        return None
    details: dict[str, Any] = {"id": job.pk, "collection": job.collection_id, "kind": job.kind}
    details.update({name: getattr(job, name) for name in _COUNTS})
    return action, details
