"""Which tables the audit log follows, and how.

Every model of a Samskab app with an ``organisation`` key is followed by default (``FOLLOWED``):
each create, change and delete becomes an entry, with the names of the changed fields and, for
plain values only, the old and the new value (``changes.shows_value``). A model without that key,
or one that needs another treatment, is listed in ``POLICIES`` with the reason. A test
(``tests/test_audit_coverage.py``) fails for any Samskab model that has no policy.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from samskab.organisations.models import AuditAction


class Mode(enum.Enum):
    FOLLOWED = "followed"  # every create, change and delete is written by auditing.changes
    BY_SERVICE = "by_service"  # its services write richer entries; cascaded deletes still counted
    EXCLUDED = "excluded"  # not logged, for the reason given


# A change hook: (row, {field: (old, new)}) → the action and details to write instead of a
# plain "changed" entry, or None to write nothing.
ChangeHook = Callable[
    [Any, dict[str, tuple[Any, Any]]], "tuple[AuditAction, dict[str, Any]] | None"
]


@dataclass(frozen=True)
class Policy:
    mode: Mode
    why: str = ""
    # Changes to these fields alone make no entry: the system's own bookkeeping.
    quiet: frozenset[str] = frozenset()
    # False: only creation and deletion are written (the row's later changes are the system's).
    changes: bool = True
    # What names a row in an entry; default ``str(row)``. Never anything a storyteller wrote.
    target: Callable[[Any], str] | None = None
    # Fields whose values entries never show (only that they changed), beyond the general rule.
    private: frozenset[str] = frozenset()
    # False: no copy of the values is taken when a row is loaded (a table read in bulk, such
    # as stories); a change then names only the fields its save listed in update_fields.
    snapshot: bool = True
    # Rows created by anyone without an account (the public form) make no entry.
    staff_creates_only: bool = False
    # Replaces the plain "changed" entry (imports: started, finished, failed, cancelled).
    on_change: ChangeHook | None = None
    # For rows that belong to no organisation: where their entries go (None: the installation).
    organisation_id: Callable[[Any], int | None] | None = field(default=None)


FOLLOWED = Policy(Mode.FOLLOWED)

_BY_MEASUREMENT = (
    "measurement/services/audit.record writes an entry (created, changed, deleted, with the "
    "project) for every change made through the effect-measurement pages and the API."
)


def _by_number(row: Any) -> str:
    return f"#{row.pk}"


def _story(row: Any) -> str:
    # Never the story's title or text: only where it is and its number.
    return f"{row.collection} #{row.pk}"


def _import_events(job: Any, changes: dict[str, tuple[Any, Any]]) -> Any:
    from samskab.organisations.auditing.imports import import_event

    return import_event(job, changes)


POLICIES: dict[str, Policy] = {
    # --- organisations -------------------------------------------------------------------------
    "organisations.organisation": Policy(
        Mode.FOLLOWED,
        "The organisation's own settings (name, second factor, accessibility statement).",
        organisation_id=lambda row: row.pk,
    ),
    # Followed, so that a change made elsewhere (the Django admin, a deleted account) is logged;
    # organisations.services writes richer entries (member added with the role, role changed
    # from → to) and silences these handlers meanwhile (context.described_here).
    "organisations.membership": Policy(Mode.FOLLOWED, target=lambda row: row.user.email),
    "organisations.auditentry": Policy(Mode.EXCLUDED, "The log itself (append-only)."),
    # --- projects ----------------------------------------------------------------------------
    "projects.project": Policy(
        Mode.BY_SERVICE, "projects.services.save_project writes project created and changed."
    ),
    # --- actors ------------------------------------------------------------------------------
    "actors.actor": Policy(
        Mode.FOLLOWED,
        "A key actor may be a named person, whose data can be erased on request while the log "
        "stays: entries name a key actor by number and never show the name.",
        target=_by_number,
        private=frozenset({"name"}),
    ),
    # --- alignment ---------------------------------------------------------------------------
    "alignment.alignmentresponse": Policy(
        Mode.FOLLOWED,
        "Answers sent by participants through the round's public link make no entry (the "
        "service keeps nothing about them); answers entered by staff are logged.",
        staff_creates_only=True,
    ),
    # --- instruments -------------------------------------------------------------------------
    "instruments.story": Policy(
        Mode.FOLLOWED,
        "Stories sent through the public form or the API by storytellers make no entry (the log "
        "would grow with every story and say nothing about staff); stories entered by staff are "
        "logged one by one (assisted entry) or per import (import finished, with counts); every "
        "deletion is logged (withdrawal, staff, retention: one entry per deletion run).",
        target=_story,
        staff_creates_only=True,
        snapshot=False,  # exports and the explorer read them by the hundred thousand
    ),
    "instruments.consenttext": Policy(
        Mode.EXCLUDED,
        "A version of a collection's consent wording, written by Collection.save whenever the "
        "wording changes: the collection's own entry names that change (consent text).",
    ),
    # --- explorer ----------------------------------------------------------------------------
    "explorer.explorersettings": Policy(
        Mode.BY_SERVICE,
        "explorer.services.threshold writes the smallest group shown, old and new value.",
    ),
    "explorer.storebuild": Policy(
        Mode.EXCLUDED,
        "A cache: the stories in columns for the explorer, rebuilt by the system whenever "
        "stories change. It records no one's decision; deleting it loses nothing.",
    ),
    "explorer.themerun": Policy(
        Mode.FOLLOWED,
        "Who started a theme search is logged; its progress and results are the worker's.",
        changes=False,
    ),
    "explorer.observation": Policy(Mode.FOLLOWED, target=_by_number),
    # --- transfers ---------------------------------------------------------------------------
    "transfers.importjob": Policy(
        Mode.FOLLOWED,
        "Upload and deletion as for any row; its status becomes import started, finished (with "
        "the counts), failed or cancelled; the worker's progress is not logged.",
        on_change=_import_events,
    ),
    # --- playbooks ---------------------------------------------------------------------------
    "playbooks.playbookquote": Policy(Mode.FOLLOWED, target=_by_number),
    "playbooks.playbookversion": Policy(
        Mode.FOLLOWED,
        "Requested, published and deleted versions are logged; the build's progress and the "
        "rendered files are the worker's.",
        quiet=frozenset(
            {"status", "progress", "step", "error", "document", "html", "pdf", "docx", "pages"}
            | {"finished_at", "draft"}
        ),
    ),
    # --- measurement (each writes its own entries) ---------------------------------------------
    **{
        f"measurement.{name}": Policy(Mode.BY_SERVICE, _BY_MEASUREMENT)
        for name in (
            "attachment",
            "evidence",
            "goal",
            "goalrevision",
            "indicator",
            "measurement",
            "unplannedgain",
            "learningentry",
            "milestone",
            "mscround",
            "msccandidate",
            "mscvote",
            "plananswer",
        )
    },
    # --- outside Samskab's apps: accounts belong to the installation ---------------------------
    "auth.user": Policy(
        Mode.FOLLOWED,
        "Accounts: administrator and staff flags, activation, e-mail. Logins update last_login, "
        "which is logged as a login instead.",
        quiet=frozenset({"last_login"}),
        target=lambda row: row.email or row.get_username(),
        organisation_id=lambda row: None,
    ),
}


@functools.cache
def policy_for(model: type[models.Model]) -> Policy | None:
    """The model's policy; None for a model outside Samskab or one nobody has decided on."""
    label = model._meta.label_lower
    if label in POLICIES:
        return POLICIES[label]
    if not model.__module__.startswith("samskab."):
        return None
    if "organisation" in {f.name for f in model._meta.concrete_fields}:
        return FOLLOWED
    return None


def organisation_id_of(row: models.Model, policy: Policy) -> int | None:
    if policy.organisation_id is not None:
        return policy.organisation_id(row)
    return getattr(row, "organisation_id", None)


def target_of(row: models.Model, policy: Policy) -> str:
    return (policy.target or str)(row)[:200]
