"""The instrument editor's data: a structured POST ↔ a draft definition ↔ validation problems.

Every input of the editor is named by its place in the definition document, e.g.
``signifiers.2.corners.0.label.da``, so the POST turns into the document by splitting names on
dots (numbers are list positions), and a pydantic error location turns back into the name of the
input it belongs to. The *draft* is that document before validation: it keeps whatever was typed
(also invalid numbers), so nothing is lost when the page is shown again with its problems.

Add, remove and move are submit buttons named ``action`` (``add-signifier:triad``,
``remove:signifiers.2``, ``up:prompts.1``, ``add-item:signifiers.2.options`` …), so the editor
works without JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from pydantic import ValidationError

from samskab.instruments.definition import FORMAT, Definition, parse
from samskab.instruments.problems import SIGNIFIER_TYPES, problems

Draft = dict[str, Any]
Errors = dict[str, list[str]]

TOP_KEYS = frozenset(
    {
        "title",
        "intro",
        "prompts",
        "story_title",
        "story_text",
        "story_max_length",
        "level_question",
        "level_required",
        "signifiers",
    }
)
INTEGERS = frozenset({"story_max_length", "max_length", "min_choices", "max_choices"})
OPTIONAL_TEXTS = frozenset({"intro", "help"})
MAX_DEPTH = 8
LIST_PATH = re.compile(r"^(prompts|signifiers|signifiers\.\d{1,3}\.(?:stones|options))$")
ITEM_PATH = re.compile(r"^(prompts|signifiers|signifiers\.\d{1,3}\.(?:stones|options))\.(\d{1,3})$")
ITEM_PREFIX = {"prompts": "prompt", "stones": "stone", "options": "option"}


def empty_text() -> dict[str, str]:
    return {"da": "", "en": ""}


def blank_draft() -> Draft:
    """A new instrument: one prompting question and no signifiers yet."""
    return {
        "format": FORMAT,
        "title": empty_text(),
        "intro": None,
        "prompts": [{"id": "prompt_1", "text": empty_text()}],
        "story_title": empty_text(),
        "story_text": empty_text(),
        "story_max_length": 3000,
        "level_question": empty_text(),
        "level_required": True,
        "signifiers": [],
    }


def draft_from_definition(definition: Definition) -> Draft:
    return definition.model_dump(mode="json")


# --- POST → draft -------------------------------------------------------------------------


def draft_from_post(data: QueryDict) -> Draft:
    """The draft the editor form describes (unvalidated; typed values are kept as they are)."""
    tree: dict[str, Any] = {}
    for key in data:
        parts = key.split(".")
        if parts[0] in TOP_KEYS and len(parts) <= MAX_DEPTH and all(parts):
            _put(tree, parts, data.get(key, "").strip())
    draft: Draft = _listify(tree)
    draft["format"] = FORMAT
    _coerce_top(draft)
    return draft


def _put(tree: dict[str, Any], parts: list[str], value: str) -> None:
    node = tree
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            return
        node = child
    if parts[-1] not in node:
        node[parts[-1]] = value


def _listify(node: Any) -> Any:
    """Turn dicts keyed by list positions ("0", "1", …) into lists, in position order."""
    if not isinstance(node, dict):
        return node
    converted = {key: _listify(value) for key, value in node.items()}
    if converted and all(key.isascii() and key.isdigit() and len(key) <= 3 for key in converted):
        return [converted[key] for key in sorted(converted, key=int)]
    return converted


def _coerce_top(draft: Draft) -> None:
    # An unticked checkbox sends nothing: absence means False.
    draft["level_required"] = draft.get("level_required") == "true"
    _coerce_numbers(draft)
    _coerce_optional_texts(draft)
    signifiers = draft.get("signifiers", [])
    if not isinstance(signifiers, list):
        signifiers = []
    draft["signifiers"] = [s for s in signifiers if isinstance(s, dict)]
    for signifier in draft["signifiers"]:
        _coerce_signifier(signifier)


def _coerce_signifier(signifier: dict[str, Any]) -> None:
    for flag in ("required", "allow_na"):
        signifier[flag] = signifier.get(flag) == "true"
    if signifier.get("type") == "freetext":
        signifier["multiline"] = signifier.get("multiline") == "true"
    if signifier.get("type") == "multi":
        signifier.setdefault("min_choices", "")
        signifier.setdefault("max_choices", "")
    _coerce_numbers(signifier)
    _coerce_optional_texts(signifier)


def _coerce_numbers(node: dict[str, Any]) -> None:
    for key in INTEGERS & node.keys():
        value = node[key]
        if value == "":
            node[key] = None if key == "max_choices" else _default_number(key)
        elif isinstance(value, str) and re.fullmatch(r"-?\d{1,9}", value):
            node[key] = int(value)


def _default_number(key: str) -> int:
    return {"story_max_length": 3000, "max_length": 500, "min_choices": 0}[key]


def _coerce_optional_texts(node: dict[str, Any]) -> None:
    for key in OPTIONAL_TEXTS & node.keys():
        value = node[key]
        if isinstance(value, dict) and not any(value.values()):
            node[key] = None


# --- actions ---------------------------------------------------------------------------------


def apply_action(draft: Draft, action: str) -> str:
    """Apply an add/remove/move action to ``draft``; return the id of the element to focus."""
    verb, _colon, argument = action.partition(":")
    if verb == "add-signifier" and argument in SIGNIFIER_TYPES:
        return _add(draft, "signifiers", new_signifier(argument, draft["signifiers"]))
    if verb == "add-item" and LIST_PATH.match(argument):
        return _add_item(draft, argument)
    match = ITEM_PATH.match(argument)
    if match is None:
        return ""
    items = _resolve(draft, match[1])
    index = int(match[2])
    if items is None or index >= len(items):
        return ""
    if verb == "remove":
        del items[index]
        return _add_button_id(match[1])
    if verb in ("up", "down"):
        return _move(items, index, -1 if verb == "up" else 1, match[1])
    return ""


def _resolve(draft: Draft, path: str) -> list[Any] | None:
    node: Any = draft
    for part in path.split("."):
        if isinstance(node, list) and part.isascii() and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node if isinstance(node, list) else None


def _add(draft: Draft, path: str, item: dict[str, Any]) -> str:
    items = _resolve(draft, path)
    if items is None:
        items = []
        draft[path] = items
    items.append(item)
    focus = "text.da" if path == "prompts" else "title.da" if path == "signifiers" else "label.da"
    return field_id(f"{path}.{len(items) - 1}.{focus}")


def _add_item(draft: Draft, path: str) -> str:
    kind = path.rsplit(".", 1)[-1]
    existing = _resolve(draft, path) or []
    if kind == "prompts":
        prompt = {"id": unique_id("prompt", existing), "text": empty_text()}
        return _add(draft, path, prompt)
    if _resolve(draft, path) is None:
        return ""
    return _add(draft, path, new_item(ITEM_PREFIX[kind], existing))


def _move(items: list[Any], index: int, step: int, path: str) -> str:
    target = index + step
    if not 0 <= target < len(items):
        return ""
    items[index], items[target] = items[target], items[index]
    # Focus the same button at the new place, or its partner when the item reached an end.
    at_end = target == 0 if step < 0 else target == len(items) - 1
    direction = ("down" if step < 0 else "up") if at_end else ("up" if step < 0 else "down")
    return button_id(direction, f"{path}.{target}")


def unique_id(prefix: str, items: list[Any]) -> str:
    taken = {item.get("id") for item in items if isinstance(item, dict)}
    number = len(items) + 1
    while f"{prefix}_{number}" in taken:
        number += 1
    return f"{prefix}_{number}"


def new_item(prefix: str, items: list[Any]) -> dict[str, Any]:
    return {"id": unique_id(prefix, items), "label": empty_text()}


def new_signifier(kind: str, signifiers: list[Any]) -> dict[str, Any]:
    signifier: dict[str, Any] = {
        "type": kind,
        "id": unique_id(kind, signifiers),
        "title": empty_text(),
        "help": None,
        "required": False,
        "allow_na": True,
    }
    if kind == "triad":
        signifier["corners"] = [_fixed("top"), _fixed("left"), _fixed("right")]
    elif kind == "dyad":
        signifier["poles"] = [_fixed("left"), _fixed("right")]
    elif kind == "stones":
        signifier["x"] = _axis()
        signifier["y"] = _axis()
        signifier["stones"] = [new_item("stone", [])]
    elif kind in ("single", "multi"):
        signifier["options"] = [new_item("option", []), {"id": "option_2", "label": empty_text()}]
        if kind == "multi":
            signifier.update(min_choices=0, max_choices=None)
    else:
        signifier.update(multiline=False, max_length=500)
    return signifier


def _fixed(identifier: str) -> dict[str, Any]:
    return {"id": identifier, "label": empty_text()}


def _axis() -> dict[str, Any]:
    return {"label": empty_text(), "start": empty_text(), "end": empty_text()}


def field_id(name: str) -> str:
    return "f-" + name.replace(".", "-")


def button_id(verb: str, path: str) -> str:
    return f"b-{verb}-" + path.replace(".", "-")


def _add_button_id(list_path: str) -> str:
    if list_path == "signifiers":
        return "b-add-signifier-triad"
    return button_id("add", list_path)


# --- validation ---------------------------------------------------------------------------------


def validate(draft: Draft) -> tuple[Definition | None, Errors]:
    """The parsed definition, or None and translated messages keyed by input name."""
    try:
        return parse(draft), {}
    except ValidationError as exc:
        errors: Errors = {}
        for problem in problems(exc, draft):
            errors.setdefault(problem.name, []).append(problem.message)
        return None, errors


@dataclass
class VersionNotice:
    """What saving will do, said before the user saves."""

    number: int
    frozen: bool
    story_count: int

    @property
    def next_number(self) -> int:
        return self.number + 1 if self.frozen else self.number


def text_of(value: object, language: str) -> str:
    """A text's label in ``language`` (English falls back to Danish), tolerant of drafts."""
    if not isinstance(value, Mapping):
        return ""
    english = value.get("en") if language == "en" else ""
    return str(english or value.get("da") or "")
