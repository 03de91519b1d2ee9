"""Audit entries as sentences a municipal employee understands, in the reader's language.

"Dina Jensen changed project »Grønne fællesskaber«: title, purpose". Model and field names come
from the models' own (translated) verbose names, so a new model reads well without a line here.
Plain text only: the template escapes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.utils.formats import localize
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.organisations.models import AuditAction, AuditEntry, Role


def who(entry: AuditEntry) -> str:
    """The actor's name (as now, if the account still exists), else the address at the time."""
    try:
        actor = entry.actor if entry.actor_id else None
    except ObjectDoesNotExist:  # the account is gone (no constraint: see AuditEntry)
        actor = None
    if actor is not None:
        return actor.get_full_name() or actor.email or actor.get_username()
    if entry.actor_label:
        return entry.actor_label
    if entry.details.get("via") == "web":
        return _("A visitor without an account")
    return _("Samskab (automatically)")


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def thing(object_type: str, count: int = 1) -> str:
    """The kind of object, singular or plural ("project", "3 stories")."""
    model = _model(object_type)
    if model is None:
        return object_type or _("object")
    names = (model._meta.verbose_name, model._meta.verbose_name_plural)
    return str(names[0] if count == 1 else names[1])


def _field(object_type: str, name: str) -> models.Field[Any, Any] | None:
    model = _model(object_type)
    try:
        return model._meta.get_field(name) if model is not None else None  # type: ignore[return-value]
    except FieldDoesNotExist:
        return None


def field_name(object_type: str, name: str) -> str:
    found = _field(object_type, name)
    return str(getattr(found, "verbose_name", name))


def _value(object_type: str, name: str, value: Any) -> str:
    found = _field(object_type, name)
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if found is not None and found.choices:
        return str(dict(found.flatchoices).get(value, value))
    if found is not None and found.is_relation:
        return f"#{value}"
    return str(localize(value))


def value_changes(entry: AuditEntry) -> list[str]:
    """ "title: »Old« → »New«" for each changed field whose values the entry keeps."""
    values = entry.details.get("values") or {}
    return [
        _("%(field)s: »%(old)s« → »%(new)s«")
        % {
            "field": field_name(entry.object_type, name),
            "old": _value(entry.object_type, name, pair[0]),
            "new": _value(entry.object_type, name, pair[1]),
        }
        for name, pair in values.items()
        if isinstance(pair, list) and len(pair) == 2
    ]


def _cascade(cascade: dict[str, int]) -> str:
    return get_text_list(
        [f"{localize(n)} {thing(label, n)}" for label, n in sorted(cascade.items())], _("and")
    )


# --- One function per kind of entry -----------------------------------------------------------


def _created(entry: AuditEntry, actor: str) -> str:
    return _("%(who)s created %(thing)s »%(target)s«") % {
        "who": actor,
        "thing": thing(entry.object_type),
        "target": entry.target,
    }


def _changed(entry: AuditEntry, actor: str) -> str:
    names = [field_name(entry.object_type, n) for n in entry.details.get("fields", [])]
    return _("%(who)s changed %(thing)s »%(target)s«: %(fields)s") % {
        "who": actor,
        "thing": thing(entry.object_type),
        "target": entry.target,
        "fields": ", ".join(names),
    }


def _deleted(entry: AuditEntry, actor: str) -> str:
    count = int(entry.details.get("count", 1))
    cascade = entry.details.get("cascade") or {}
    values = {"who": actor, "thing": thing(entry.object_type, count), "target": entry.target}
    if count == 0:  # the row deleted is not followed (or its service says so): what went with it
        values["others"] = _cascade(cascade)
        values["thing"] = thing(entry.object_type)
        return _("%(who)s deleted %(others)s together with %(thing)s »%(target)s«") % values
    if count == 1:
        text = _("%(who)s deleted %(thing)s »%(target)s«") % values
    else:
        text = _("%(who)s deleted %(count)s %(thing)s") % {**values, "count": localize(count)}
    if cascade:
        text += " " + _("and with it %(others)s") % {"others": _cascade(cascade)}
    return text


def _role(value: Any) -> str:
    return str(Role(value).label) if value in Role.values else str(value)


def _member(entry: AuditEntry, actor: str) -> str:
    d = entry.details
    values = {"who": actor, "target": entry.target, "role": _role(d.get("role"))}
    if entry.action == AuditAction.MEMBER_ADDED:
        return _("%(who)s added %(target)s as %(role)s") % values
    if entry.action == AuditAction.MEMBER_REMOVED:
        return _("%(who)s removed %(target)s from the organisation") % values
    return _("%(who)s changed the role of %(target)s from %(old)s to %(new)s") % {
        **values,
        "old": _role(d.get("old")),
        "new": _role(d.get("new")),
    }


def _project(entry: AuditEntry, actor: str) -> str:
    values = {"who": actor, "target": entry.target}
    if entry.action == AuditAction.PROJECT_CREATED:
        return _("%(who)s created the project »%(target)s«") % values
    names = [field_name("projects.project", n) for n in entry.details.get("fields", [])]
    if not names:
        return _("%(who)s changed the project »%(target)s«") % values
    return _("%(who)s changed the project »%(target)s«: %(fields)s") % {
        **values,
        "fields": ", ".join(names),
    }


def _measurement(entry: AuditEntry, actor: str) -> str:
    object_type = entry.object_type or f"measurement.{entry.details.get('model', '')}"
    values = {"who": actor, "thing": thing(object_type), "target": entry.target}
    if entry.action == AuditAction.MEASUREMENT_CREATED:
        return _("%(who)s added %(thing)s »%(target)s« to the effect measurement") % values
    if entry.action == AuditAction.MEASUREMENT_DELETED:
        return _("%(who)s deleted %(thing)s »%(target)s« from the effect measurement") % values
    return _("%(who)s changed %(thing)s »%(target)s« in the effect measurement") % values


def _threshold(entry: AuditEntry, actor: str) -> str:
    d = entry.details
    return _("%(who)s changed the smallest group shown from %(old)s to %(new)s") % {
        "who": actor,
        "old": d.get("old"),
        "new": d.get("new"),
    }


def _filter_text(entry: AuditEntry) -> str:
    query = str(entry.details.get("filter") or "")
    return _("filter: %(filter)s") % {"filter": query} if query else _("no filter")


def _stories(entry: AuditEntry, actor: str) -> str:
    d = entry.details
    values = {"who": actor, "target": entry.target, "filter": _filter_text(entry)}
    if entry.action == AuditAction.STORIES_EXPORTED:
        return ngettext(
            "%(who)s exported the stories of »%(target)s« as microdata (version %(version)s, "
            "%(format)s, %(count)s story)",
            "%(who)s exported the stories of »%(target)s« as microdata (version %(version)s, "
            "%(format)s, %(count)s stories)",
            int(d.get("stories", 0)),
        ) % {
            **values,
            "version": d.get("version"),
            "format": d.get("format"),
            "count": d.get("stories"),
        }
    if entry.action == AuditAction.ANSWERS_EXPORTED:
        return _("%(who)s exported the answers of »%(target)s« as a table (%(filter)s)") % values
    return _("%(who)s read stories of »%(target)s« in %(where)s (%(filter)s)") % {
        **values,
        "where": _where(str(d.get("where", ""))),
    }


def _where(where: str) -> str:
    places = {
        "story_list": _("the story list"),
        "explorer": _("the explorer's story list"),
        "quote": _("the playbook's quote picker"),
        "msc": _("the most significant change shortlist"),
        "evidence": _("the evidence picker"),
    }
    return str(places.get(where, where))


def _imports(entry: AuditEntry, actor: str) -> str:
    d = entry.details
    values = {"who": actor, "target": entry.target, **{k: d.get(k, 0) for k in _IMPORT_COUNTS}}
    texts = {
        AuditAction.IMPORT_STARTED: _(
            "%(who)s started the import of »%(target)s« (%(valid_rows)s valid rows)"
        ),
        AuditAction.IMPORT_FINISHED: _(
            "The import of »%(target)s« by %(who)s finished: %(inserted)s stories stored, "
            "%(rejected_rows)s rows rejected, %(known_rows)s already there"
        ),
        AuditAction.IMPORT_FAILED: _(
            "The import of »%(target)s« by %(who)s failed; no stories were stored"
        ),
        AuditAction.IMPORT_CANCELLED: _("%(who)s cancelled the import of »%(target)s«"),
    }
    return str(texts[AuditAction(entry.action)]) % values


_IMPORT_COUNTS = ("valid_rows", "inserted", "rejected_rows", "known_rows")


def _account(entry: AuditEntry, actor: str) -> str:
    values = {"who": actor, "target": entry.target}
    if entry.action == AuditAction.LOGIN_FAILED:
        if not entry.details.get("account_known", True):
            return _("A login to an unknown account was refused")
        return _("A login to the account %(target)s was refused") % values
    texts = {
        AuditAction.LOGIN: _("%(who)s logged in"),
        AuditAction.LOGOUT: _("%(who)s logged out"),
        AuditAction.PASSWORD_CHANGED: _("%(who)s changed their password"),
        AuditAction.PASSWORD_RESET: _("%(who)s set a new password with a reset link"),
        AuditAction.MFA_ADDED: _("%(who)s added a second factor"),
        AuditAction.MFA_REMOVED: _("%(who)s removed a second factor"),
        AuditAction.MFA_RESET: _("%(who)s renewed their recovery codes"),
        AuditAction.MFA_FAILED: _("%(who)s entered a wrong second-factor code"),
    }
    text = str(texts[AuditAction(entry.action)]) % values
    methods = entry.details.get("methods")
    if methods:
        text += " (" + ", ".join(_method(m) for m in methods) + ")"
    return text


def _method(method: str) -> str:
    names = {
        "password": _("password"),
        "mfa": _("second factor"),
        "socialaccount": _("single sign-on"),
        "code": _("login code"),
    }
    return str(names.get(method, method))


def _audit_export(entry: AuditEntry, actor: str) -> str:
    return _("%(who)s exported the audit log as %(format)s (%(filter)s)") % {
        "who": actor,
        "format": str(entry.details.get("format", "")).upper(),
        "filter": _filter_text(entry),
    }


def _privacy(entry: AuditEntry, actor: str) -> str:
    d = entry.details
    values = {"who": actor, "target": entry.target}
    if entry.action == AuditAction.RETENTION_ENFORCED:
        stories = sum(int(n) for n in (d.get("stories_by_collection") or {}).values())
        return _(
            "Stories past their retention period were deleted: %(stories)s stories and "
            "%(imports)s import jobs"
        ) % {"stories": stories, "imports": d.get("import_jobs", 0)}
    texts = {
        AuditAction.STORY_ERASED_BY_STORYTELLER: _(
            "A storyteller deleted their story from »%(target)s« with their receipt code"
        ),
        AuditAction.STORY_COPIED_BY_STORYTELLER: _(
            "A storyteller downloaded their story from »%(target)s« with their receipt code"
        ),
        AuditAction.PERSON_EXPORTED: _("%(who)s exported the data held about %(target)s"),
        AuditAction.PERSON_ERASED: _("%(who)s erased the data held about %(target)s"),
    }
    return str(texts[AuditAction(entry.action)]) % values


_SENTENCES: dict[str, Callable[[AuditEntry, str], str]] = {
    AuditAction.RECORD_CREATED: _created,
    AuditAction.RECORD_CHANGED: _changed,
    AuditAction.RECORD_DELETED: _deleted,
    AuditAction.MEMBER_ADDED: _member,
    AuditAction.MEMBER_ROLE_CHANGED: _member,
    AuditAction.MEMBER_REMOVED: _member,
    AuditAction.PROJECT_CREATED: _project,
    AuditAction.PROJECT_CHANGED: _project,
    AuditAction.MEASUREMENT_CREATED: _measurement,
    AuditAction.MEASUREMENT_CHANGED: _measurement,
    AuditAction.MEASUREMENT_DELETED: _measurement,
    AuditAction.EXPLORER_THRESHOLD_CHANGED: _threshold,
    AuditAction.STORIES_EXPORTED: _stories,
    AuditAction.STORIES_READ: _stories,
    AuditAction.ANSWERS_EXPORTED: _stories,
    AuditAction.IMPORT_STARTED: _imports,
    AuditAction.IMPORT_FINISHED: _imports,
    AuditAction.IMPORT_FAILED: _imports,
    AuditAction.IMPORT_CANCELLED: _imports,
    AuditAction.AUDIT_LOG_EXPORTED: _audit_export,
    **{action: _account for action in AuditAction if action.startswith("account.")},
    **{action: _privacy for action in AuditAction if action.startswith("privacy.")},
}


def sentence(entry: AuditEntry) -> str:
    """What happened, as one sentence."""
    actor = who(entry)
    describe = _SENTENCES.get(entry.action)
    if describe is None:  # an action no longer listed
        return f"{actor}: {entry.action_label} {entry.target}".strip()
    return describe(entry, actor)
