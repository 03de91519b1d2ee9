"""Every create, change and delete of every followed table, as audit entries (policies.py).

Signals, not a mixin: a model needs nothing to be followed, and a model added tomorrow with an
``organisation`` key is followed from its first row. Entries are written in the same transaction
as the change, so a change that is rolled back leaves no entry.

- Created: one entry naming the row.
- Changed: the names of the changed fields; old → new values only for plain values (numbers,
  dates, yes/no, choices, references, short names and titles), never for texts, JSON, files,
  e-mail addresses or anything named like a token, key, hash or secret. The values before are
  taken when a row is loaded (``post_init``), so a change costs no extra query. A JSON value
  changed in place is seen only when the save names its field in ``update_fields``.
- Deleted: one entry per deletion and organisation, however many rows it takes with it. Django
  sends ``pre_delete`` for every row of a deletion before it deletes any and ``post_delete``
  after; rows of one deletion share its ``origin`` (the row or queryset ``delete()`` was called
  on). So rows are counted in ``pre_delete`` and the entry is written at the first
  ``post_delete``: "deleted the collection »Parken« and with it 1,204 stories and 3 imports".
  A queryset's ``delete()`` (retention, withdrawals in bulk) is one entry with the count.

``QuerySet.update()``, ``bulk_create()`` and raw SQL send no signals: a service that changes
followed rows that way writes its own entry (e.g. an import's stories: "import finished").
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_init, post_save, pre_delete

from samskab.organisations.auditing import context
from samskab.organisations.auditing.policies import (
    Mode,
    Policy,
    organisation_id_of,
    policy_for,
    target_of,
)
from samskab.organisations.models import AuditAction

_SNAPSHOT = "_audit_before"
_SECRET_NAME = re.compile(r"token|secret|password|hash|sha\d|key|ballot|receipt|email|cert", re.I)
_NEVER_VALUES = (
    models.EmailField,
    models.TextField,
    models.JSONField,
    models.BinaryField,
    models.FileField,
)
_PLAIN = (
    models.BooleanField,
    models.IntegerField,
    models.FloatField,
    models.DecimalField,
    models.DateField,  # and DateTimeField
    models.TimeField,
    models.DurationField,
)
MAX_IDS = 50  # ids listed in a deletion entry


def shows_value(field: models.Field[Any, Any]) -> bool:
    """Whether an entry may show this field's old and new value (else only its name)."""
    if _SECRET_NAME.search(field.name) or isinstance(field, _NEVER_VALUES):
        return False
    if field.is_relation or field.choices or isinstance(field, _PLAIN):
        return True
    return isinstance(field, models.CharField) and (field.max_length or 0) <= 300


@dataclass(frozen=True)
class _Tracked:
    name: str
    attname: str
    value: bool  # shows_value
    in_place: bool  # may change without a new object (JSON)


_tracked_cache: dict[type[models.Model], tuple[_Tracked, ...]] = {}


def _tracked(model: type[models.Model]) -> tuple[_Tracked, ...]:
    if model not in _tracked_cache:
        _tracked_cache[model] = tuple(
            _Tracked(f.name, f.attname, shows_value(f), isinstance(f, models.JSONField))
            for f in model._meta.concrete_fields
            if not f.primary_key
            and not getattr(f, "auto_now", False)
            and not getattr(f, "auto_now_add", False)
        )
    return _tracked_cache[model]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return str(value)


def _write(
    organisation_id: int | None,
    action: AuditAction,
    target: str,
    model: type[models.Model],
    details: dict[str, Any],
) -> None:
    from samskab.organisations.services import write_entry

    write_entry(organisation_id, None, action, target, model._meta.label_lower, details)


# --- Create and change ----------------------------------------------------------------------


def _snapshot(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    values = instance.__dict__  # deferred fields are absent: never load them here
    setattr(
        instance,
        _SNAPSHOT,
        {t.attname: values[t.attname] for t in _tracked(sender) if t.attname in values},
    )


def _changes(
    instance: models.Model, update_fields: frozenset[str] | None
) -> dict[str, tuple[Any, Any]]:
    """{field name: (old, new)} of the fields this save changed (old unknown: None)."""
    before: dict[str, Any] = getattr(instance, _SNAPSHOT, {})
    now = instance.__dict__
    found: dict[str, tuple[Any, Any]] = {}
    for t in _tracked(type(instance)):
        named = update_fields is not None and (
            t.name in update_fields or t.attname in update_fields
        )
        if (update_fields is not None and not named) or t.attname not in now:
            continue
        if t.attname not in before:
            if named:
                found[t.name] = (None, now[t.attname])
            continue
        if before[t.attname] != now[t.attname] or (t.in_place and named):
            found[t.name] = (before[t.attname], now[t.attname])
    return found


def _change_details(
    model: type[models.Model],
    instance: models.Model,
    policy: Policy,
    changes: dict[str, tuple[Any, Any]],
) -> dict[str, Any]:
    shown = {t.name for t in _tracked(model) if t.value} - policy.private
    return {
        "id": instance.pk,
        "fields": list(changes),
        "values": {
            name: [_plain(old), _plain(new)]
            for name, (old, new) in changes.items()
            if name in shown
        },
    }


def _saved(
    sender: type[models.Model],
    instance: models.Model,
    created: bool,
    raw: bool = False,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    now = context.for_signals()
    policy = policy_for(sender)
    if raw or now is None or policy is None:
        return
    if created:
        if not (policy.staff_creates_only and now.user() is None):
            _write(
                organisation_id_of(instance, policy),
                AuditAction.RECORD_CREATED,
                target_of(instance, policy),
                sender,
                {"id": instance.pk},
            )
    else:
        _changed(sender, instance, policy, _changes(instance, update_fields))
    if policy.snapshot:
        _snapshot(sender, instance)


def _changed(
    sender: type[models.Model],
    instance: models.Model,
    policy: Policy,
    changes: dict[str, tuple[Any, Any]],
) -> None:
    if policy.on_change is not None:
        event = policy.on_change(instance, changes)
        if event is not None:
            action, details = event
            target = target_of(instance, policy)
            _write(organisation_id_of(instance, policy), action, target, sender, details)
        return
    significant = {name: change for name, change in changes.items() if name not in policy.quiet}
    if not significant or not policy.changes:
        return
    _write(
        organisation_id_of(instance, policy),
        AuditAction.RECORD_CHANGED,
        target_of(instance, policy),
        sender,
        _change_details(sender, instance, policy, significant),
    )


# --- Delete ---------------------------------------------------------------------------------


@dataclass
class _Group:
    """The rows one deletion removes from one organisation."""

    direct: list[Any] = field(default_factory=list)  # ids of the rows delete() was called on
    target: str = ""
    cascade: Counter[str] = field(default_factory=Counter)


@dataclass
class _Deletion:
    origin: Any  # held so that its id() stays unique while the deletion runs
    groups: dict[int | None, _Group] = field(default_factory=dict)


_local = threading.local()


def _pending() -> dict[int, _Deletion]:
    if not hasattr(_local, "pending"):
        _local.pending = {}
    return _local.pending  # type: ignore[no-any-return]


def _is_direct(instance: models.Model, origin: Any) -> bool:
    if isinstance(origin, models.Model):
        return instance is origin
    model = getattr(origin, "model", None)
    return model is not None and model._meta.concrete_model is instance._meta.concrete_model


def _deleting(
    sender: type[models.Model], instance: models.Model, origin: Any = None, **kwargs: Any
) -> None:
    policy = policy_for(sender)
    if context.for_signals() is None or policy is None or origin is None:
        return
    deletion = _pending().setdefault(id(origin), _Deletion(origin))
    group = deletion.groups.setdefault(organisation_id_of(instance, policy), _Group())
    if not _is_direct(instance, origin):
        group.cascade[sender._meta.label_lower] += 1
    elif policy.mode is Mode.FOLLOWED:
        group.direct.append(instance.pk)
        if isinstance(origin, models.Model):
            group.target = target_of(instance, policy)


def _deleted(sender: type[models.Model], origin: Any = None, **kwargs: Any) -> None:
    deletion = _pending().pop(id(origin), None)
    if deletion is None:
        return  # written at the first post_delete of this deletion (or not followed)
    model = type(origin) if isinstance(origin, models.Model) else origin.model
    policy = policy_for(model)
    for organisation_id, group in deletion.groups.items():
        if not group.direct and not group.cascade:
            continue
        target = group.target
        if not group.direct and isinstance(origin, models.Model) and policy is not None:
            target = target_of(origin, policy)  # "deleted together with <origin>"
        details: dict[str, Any] = {
            "count": len(group.direct),
            "ids": group.direct[:MAX_IDS],
            "cascade": dict(group.cascade),
        }
        if group.direct and len(group.direct) == 1:
            details["id"] = group.direct[0]
        _write(organisation_id, AuditAction.RECORD_DELETED, target, model, details)


# --- Wiring ---------------------------------------------------------------------------------


def connect() -> None:
    """Follow every model that has a policy other than EXCLUDED (called from apps.ready)."""
    for model in apps.get_models():
        policy = policy_for(model)
        if policy is None or policy.mode is Mode.EXCLUDED:
            continue
        uid = f"samskab-audit-{model._meta.label_lower}"
        # Deletions of services' own models are counted too, as part of a larger deletion.
        pre_delete.connect(_deleting, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
        if policy.mode is Mode.FOLLOWED and policy.snapshot:
            post_init.connect(_snapshot, sender=model, dispatch_uid=uid)
        if policy.mode is Mode.FOLLOWED:
            post_save.connect(_saved, sender=model, dispatch_uid=uid)
