"""SenseMaker framework definitions (JSON) ↔ our instrument definition.

See ../shared/formats/sensemaker.md. SenseMaker ids (UUIDs) are kept as our ids, so the data
columns built from them map straight back. What SenseMaker cannot express (prompts, Danish and
English labels, the level question) travels in an extra top-level key ``samskab`` that
SenseMaker's own loaders ignore, beside ``server`` and ``rules``.
"""

from __future__ import annotations

import html
import json
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from pydantic import ValidationError

from samskab.instruments.definition import (
    LEVELS,
    Axis,
    Definition,
    Dyad,
    FreeText,
    Item,
    MultipleChoice,
    Prompt,
    SignifierBase,
    SingleChoice,
    Stones,
    Text,
    Triad,
    parse,
)

LAYOUT_TYPES = frozenset({"label", "save", "navigation"})
# The respondent's level travels as an ordinary single-choice list with this id, so SenseMaker
# scripts see it as a demographic question; on import it fills the level, not a signifier.
LEVEL_LIST_ID = "samskab_level"
# The story text column when a definition has no SenseMaker fragment id of its own.
FRAGMENT_ID = "samskab_story"
EXTENSION_KEY = "samskab"
NAMESPACE = uuid.UUID("6b0f4a52-8d7e-4d2b-9a8e-3c1f0b7c5e21")
MAX_TITLE = 500
FREETEXT_MAX = 5000
STORY_MAX = 10000

LEVEL_LABELS = {
    "user": ("bruger", "user"),
    "employee": ("medarbejder", "employee"),
    "volunteer_citizen": ("frivillig eller borger", "volunteer or citizen"),
    "organisation": ("organisation", "organisation"),
}


class FrameworkError(ValueError):
    """The definition cannot be used at all; the message is for the person who uploaded it."""


@dataclass
class Part:
    """One signifier of the SenseMaker file as the preview reports it."""

    id: str
    type: str
    title: str
    reason: str = ""


@dataclass
class FrameworkReport:
    framework_id: str = ""
    name: str = ""
    fragment_id: str = ""
    recognised: list[Part] = field(default_factory=list)
    unsupported: list[Part] = field(default_factory=list)
    layout_skipped: int = 0
    level_list: str = ""  # a list found with our level id
    used_extension: bool = False
    # Single-choice lists that may hold the respondent's level: id → [(item id, title)].
    lists: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    list_titles: dict[str, str] = field(default_factory=dict)


def scalar(value: Any) -> Any:
    """Unwrap one-element arrays (``["Demo"]`` → ``"Demo"``), as some exporters write them."""
    while isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value


def plain(value: Any, fallback: str = "") -> str:
    """A label without HTML, entities or runs of white space, cut to what our schema allows."""
    value = scalar(value)
    if isinstance(value, Mapping):  # {"da": …, "en": …}: take the first non-empty
        value = next((v for v in value.values() if scalar(v)), "")
    text = html.unescape(strip_tags(str(scalar(value) or "")))
    text = re.sub(r"\s+", " ", text).strip()
    return (text or fallback)[:MAX_TITLE]


def _text(label: str) -> Text:
    return Text(da=label, en="")


def _get(mapping: Any, key: str, default: Any = None) -> Any:
    """``mapping[key]`` unwrapped, or ``default`` (also when ``mapping`` is no mapping at all:
    an uploaded file may hold anything anywhere)."""
    if not isinstance(mapping, Mapping):
        return default
    value = scalar(mapping.get(key, default))
    return default if value is None else value


def _mapping(value: Any) -> Mapping[str, Any]:
    value = scalar(value)
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _items(raw: Any, title_key: str) -> list[Item]:
    items = []
    for entry in raw if isinstance(raw, list) else []:
        entry_id = str(_get(entry, "id", ""))
        items.append(Item(id=entry_id, label=_text(plain(_get(entry, title_key, ""), entry_id))))
    return items


def _base(raw: Mapping[str, Any], title: str) -> dict[str, Any]:
    tooltip = plain(_get(raw, "tooltip", ""))
    return {
        "id": str(_get(raw, "id", "")),
        "title": _text(title),
        "help": _text(tooltip) if tooltip else None,
        "required": bool(_get(raw, "required", False)),
        "allow_na": bool(_get(raw, "allow_na", False)),
    }


def _content(raw: Mapping[str, Any]) -> Mapping[str, Any]:
    return _mapping(raw.get("content"))


def _triad(raw: Mapping[str, Any], title: str) -> Triad:
    return Triad(**_base(raw, title), corners=_items(_content(raw).get("labels"), "text"))


def _dyad(raw: Mapping[str, Any], title: str) -> Dyad:
    return Dyad(**_base(raw, title), poles=_items(_content(raw).get("labels"), "text"))


def _axis(raw: Any) -> Axis:
    raw = _mapping(raw)
    return Axis(
        label=_text(plain(_get(raw, "name", ""), "–")),
        start=_text(plain(_get(raw, "start_label", ""), "–")),
        end=_text(plain(_get(raw, "end_label", ""), "–")),
    )


def _stones(raw: Mapping[str, Any], title: str) -> Stones:
    content = _content(raw)
    axis = _mapping(content.get("axis"))
    return Stones(
        **_base(raw, title),
        x=_axis(axis.get("x")),
        y=_axis(axis.get("y")),
        stones=_items(content.get("stones"), "title"),
    )


def _choices(raw: Mapping[str, Any], title: str) -> SingleChoice | MultipleChoice:
    content = _content(raw)
    options = _items(content.get("items"), "title")
    most = int(_get(content, "max_responses", 1) or 0)
    if most == 1:
        return SingleChoice(**_base(raw, title), options=options)
    least = min(int(_get(content, "min_responses", 0) or 0), len(options))
    top = most if 1 <= most < len(options) else None
    return MultipleChoice(**_base(raw, title), options=options, min_choices=least, max_choices=top)


def _freetext(raw: Mapping[str, Any], title: str) -> FreeText:
    multiline = bool(_get(_content(raw), "multiline", False))
    return FreeText(**_base(raw, title), multiline=multiline, max_length=FREETEXT_MAX)


CONVERTERS: dict[str, Callable[[Mapping[str, Any], str], SignifierBase]] = {
    "triad": _triad,
    "dyad": _dyad,
    "stones": _stones,
    "list": _choices,
    "freetext": _freetext,
}


def _is_fragment(raw: Mapping[str, Any], fragment_id: str) -> bool:
    return bool(_get(raw, "fragment", False)) or (
        bool(fragment_id) and str(_get(raw, "id", "")) == fragment_id
    )


def _ordered(signifiers: Any) -> list[Mapping[str, Any]]:
    if not isinstance(signifiers, list) or not signifiers:
        raise FrameworkError(_("The definition has no signifiers."))
    rows = [s for s in signifiers if isinstance(s, Mapping)]
    return sorted(rows, key=lambda s: _order_key(_get(s, "order", 0)))


def _order_key(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return 0.0


def _convert(
    raw: Mapping[str, Any], report: FrameworkReport, signifiers: list[SignifierBase]
) -> None:
    kind = str(_get(raw, "type", "")).lower()
    sid = str(_get(raw, "id", ""))
    title = plain(_get(raw, "title", ""), sid)
    if kind in LAYOUT_TYPES:
        report.layout_skipped += 1
        return
    converter = CONVERTERS.get(kind)
    if converter is None:
        report.unsupported.append(Part(sid, kind, title, _("This type is not supported.")))
        return
    try:
        signifier = converter(raw, title)
    except (ValidationError, ValueError, TypeError, OverflowError) as exc:
        report.unsupported.append(Part(sid, kind, title, _reason(exc)))
        return
    signifiers.append(signifier)
    report.recognised.append(Part(sid, signifier.type, title))  # type: ignore[attr-defined]
    if isinstance(signifier, SingleChoice):
        report.lists[sid] = [(o.id, o.label.da) for o in signifier.options]
        report.list_titles[sid] = title


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        problems = {".".join(str(p) for p in e["loc"][:1]) for e in exc.errors()}
        return _("It could not be read (%(parts)s).") % {"parts": ", ".join(sorted(problems))}
    return _("It could not be read.")


def _fragment(rows: list[Mapping[str, Any]], fragment_id: str) -> Mapping[str, Any]:
    for raw in rows:
        if str(_get(raw, "type", "")).lower() == "freetext" and _is_fragment(raw, fragment_id):
            return raw
    raise FrameworkError(_("The definition has no free-text signifier marked as the story."))


def read_definition(data: bytes) -> dict[str, Any]:
    """An uploaded definition file as a JSON object, checked by converting it; FrameworkError
    (with a message for the person) for anything else."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    # ValueError: also a number too long to convert (Python refuses over 4,300 digits).
    except (ValueError, RecursionError) as exc:
        raise FrameworkError(_("The definition is not a readable JSON file.")) from exc
    definition_from_sensemaker(document)
    return dict(document)


def definition_from_sensemaker(data: Any) -> tuple[Definition, FrameworkReport]:
    """Map a SenseMaker framework definition to ours; raise FrameworkError if impossible."""
    if not isinstance(data, Mapping):
        raise FrameworkError(_("The definition file must hold one JSON object."))
    fragment_id = str(_get(data, "fragment_signifier_id", ""))
    rows = _ordered(scalar(data.get("signifiers")))
    fragment = _fragment(rows, fragment_id)
    report = FrameworkReport(
        framework_id=str(_get(data, "id", "")),
        name=plain(_get(data, "name", ""), _("Imported framework")),
        fragment_id=str(_get(fragment, "id", "")),
    )
    signifiers: list[SignifierBase] = []
    for raw in rows:
        if raw is fragment:
            continue
        if str(_get(raw, "id", "")) == LEVEL_LIST_ID:
            _level_list_found(raw, report)
            continue
        _convert(raw, report, signifiers)
    story_label = plain(_get(fragment, "title", ""), _("Your story"))
    definition = _own_extension(data, report) or _build(report, story_label, signifiers)
    return definition, report


def _level_list_found(raw: Mapping[str, Any], report: FrameworkReport) -> None:
    """Our own level question: offered (and pre-chosen) as the level, never a signifier."""
    report.level_list = LEVEL_LIST_ID
    items = _list(_content(raw).get("items"))
    report.lists[LEVEL_LIST_ID] = [
        (str(_get(item, "id", "")), plain(_get(item, "title", ""))) for item in items
    ]
    report.list_titles[LEVEL_LIST_ID] = plain(_get(raw, "title", ""), LEVEL_LIST_ID)


def _build(report: FrameworkReport, story: str, signifiers: list[SignifierBase]) -> Definition:
    try:
        return Definition(
            title=_text(report.name),
            prompts=[Prompt(id=report.fragment_id, text=_text(story))],
            story_title=Text(
                da="Giv din historie en kort titel", en="Give your story a short title"
            ),
            story_text=_text(story),
            story_max_length=STORY_MAX,
            level_question=Text(da="Hvem er du i projektet?", en="Who are you in the project?"),
            level_required=False,  # SenseMaker has no level; it comes from a chosen list, or none
            signifiers=signifiers,  # type: ignore[arg-type]
        )
    except ValidationError as exc:
        raise FrameworkError(
            _("The definition could not be converted: %(reason)s") % {"reason": _reason(exc)}
        ) from exc


def _own_extension(data: Mapping[str, Any], report: FrameworkReport) -> Definition | None:
    """Our full definition, when the file came from Samskab and still matches its signifiers."""
    extension = data.get(EXTENSION_KEY)
    if not isinstance(extension, Mapping):
        return None
    try:
        definition = parse(extension.get("definition"))
    except ValidationError:
        return None
    recognised = {part.id for part in report.recognised}
    if {s.id for s in definition.signifiers} != recognised:
        return None  # edited by hand since: trust the SenseMaker part
    report.used_extension = True
    return definition


# --- Export -----------------------------------------------------------------------------------


def framework_uuid(key: str) -> str:
    """A stable UUID for an instrument (same key → same id on every export)."""
    return str(uuid.uuid5(NAMESPACE, key))


def _labels(items: list[Item], key: str = "text") -> list[dict[str, str]]:
    return [{"id": item.id, key: item.label.da} for item in items]


def _sm_content(signifier: SignifierBase) -> tuple[str, dict[str, Any]]:
    if isinstance(signifier, Triad):
        return "triad", {"labels": _labels(signifier.corners)}
    if isinstance(signifier, Dyad):
        return "dyad", {"labels": _labels(signifier.poles)}
    if isinstance(signifier, Stones):
        axis = {
            name: {"name": a.label.da, "start_label": a.start.da, "end_label": a.end.da}
            for name, a in (("x", signifier.x), ("y", signifier.y))
        }
        return "stones", {"stones": _labels(signifier.stones, "title"), "axis": axis}
    if isinstance(signifier, SingleChoice):
        low = 1 if signifier.required else 0
        items = _labels(signifier.options, "title")
        return "list", {"items": items, "max_responses": 1, "min_responses": low}
    if isinstance(signifier, MultipleChoice):
        top = signifier.max_choices or len(signifier.options)
        items = _labels(signifier.options, "title")
        low = signifier.min_choices
        return "list", {"items": items, "max_responses": top, "min_responses": low}
    assert isinstance(signifier, FreeText)  # noqa: S101  (the union is closed)
    return "freetext", {"multiline": signifier.multiline, "default": ""}


def _sm_signifier(signifier: SignifierBase, order: int) -> dict[str, Any]:
    kind, content = _sm_content(signifier)
    return {
        "id": signifier.id,
        "type": kind,
        "title": signifier.title.da,
        "tooltip": signifier.help.da if signifier.help else "",
        "order": order,
        "allow_na": signifier.allow_na,
        "required": signifier.required,
        "sticky": False,
        "fragment": False,
        "content": content,
    }


def _level_list(definition: Definition, order: int) -> dict[str, Any]:
    items = [{"id": level, "title": LEVEL_LABELS[level][0]} for level in LEVELS]
    return {
        "id": LEVEL_LIST_ID,
        "type": "list",
        "title": definition.level_question.da,
        "tooltip": "",
        "order": order,
        "allow_na": False,
        "required": definition.level_required,
        "sticky": True,
        "fragment": False,
        "content": {"items": items, "max_responses": 1, "min_responses": 0},
    }


def definition_to_sensemaker(
    definition: Definition, framework_id: str | None = None, fragment_id: str = FRAGMENT_ID
) -> dict[str, Any]:
    """Our definition as a SenseMaker framework definition (plus our own key for a round trip)."""
    fragment = {
        "id": fragment_id,
        "type": "freetext",
        "title": definition.story_text.da,
        "tooltip": "",
        "order": 0,
        "allow_na": False,
        "required": True,
        "sticky": False,
        "fragment": True,
        "content": {"multiline": True, "default": ""},
    }
    signifiers = [fragment]
    signifiers += [_sm_signifier(s, n) for n, s in enumerate(definition.signifiers, start=1)]
    signifiers.append(_level_list(definition, len(signifiers)))
    return {
        "id": framework_id or framework_uuid(definition.title.da),
        "name": definition.title.da,
        "language": "da",
        "fragment_signifier_id": fragment_id,
        "signifiers": signifiers,
        EXTENSION_KEY: {"definition": definition.model_dump(mode="json")},
    }
