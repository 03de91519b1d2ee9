"""Turning a definition's validation errors into translated sentences with a place to show them.

``definition.parse`` raises pydantic's ValidationError, whose messages are English and whose
locations are tuples such as ``("signifiers", 0, "triad", "corners", 1, "label", "da")``. The
editor needs the location as the name of the input ("signifiers.0.corners.1.label.da"); the file
import needs it in words ("Signifier 1 (drivers) › corner 2 › label › Danish"). Both get a
translated message. Unknown error types fall back to a generic sentence, never to a 500.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pydantic import ValidationError

SIGNIFIER_TYPES = ("triad", "dyad", "stones", "single", "multi", "freetext")
DUPLICATE = re.compile(r"^(?:Value error, )?(?P<what>.+) id '(?P<id>.+)' is used twice$")
CHOICE_BOUNDS = "min_choices ≤ max_choices ≤ number of options"

Path = tuple[str | int, ...]


@dataclass
class Problem:
    path: Path
    message: str

    @property
    def name(self) -> str:
        """The editor input this problem belongs to, e.g. ``signifiers.0.title.da``."""
        return ".".join(str(part) for part in self.path)


def problems(exc: ValidationError, data: object) -> list[Problem]:
    """Every error of ``exc`` as a translated Problem located in ``data`` (the parsed input)."""
    return [_problem(error, data) for error in exc.errors(include_url=False)]


def _problem(error: Mapping[str, Any], data: object) -> Problem:
    path = _normalise(tuple(error["loc"]))
    message = str(error.get("msg", ""))
    if error["type"] == "value_error":
        return _value_problem(path, message, data)
    return Problem(path, _message(error, path))


def _normalise(loc: Path) -> Path:
    """Drop the discriminator that pydantic puts after a signifier's index."""
    if len(loc) > 2 and loc[0] == "signifiers" and loc[2] in SIGNIFIER_TYPES:
        return loc[:2] + loc[3:]
    return loc


def _value_problem(path: Path, message: str, data: object) -> Problem:
    duplicate = DUPLICATE.match(message)
    if duplicate:
        where = _duplicate_path(duplicate["what"], duplicate["id"], data)
        text = _("The id “%(id)s” is used twice; each id must be unique.") % {"id": duplicate["id"]}
        return Problem(where or path, text)
    if CHOICE_BOUNDS in message:
        return Problem(
            path + ("max_choices",),
            _(
                "The minimum cannot be larger than the maximum, and the maximum cannot be "
                "larger than the number of options."
            ),
        )
    return Problem(path, _("This value is not valid: %(detail)s") % {"detail": message})


def _duplicate_path(what: str, identifier: str, data: object) -> Path | None:
    """Point at the second use of a duplicated id (the first one is presumably the original)."""
    if what in ("signifier", "prompt"):
        key = f"{what}s"
        index = _second_index(_items(data, key), identifier)
        return None if index is None else (key, index, "id")
    signifier_id, _space, group = what.rpartition(" ")
    signifiers = _items(data, "signifiers")
    for position, signifier in enumerate(signifiers):
        if isinstance(signifier, Mapping) and signifier.get("id") == signifier_id:
            index = _second_index(_items(signifier, group), identifier)
            return None if index is None else ("signifiers", position, group, index, "id")
    return None


def _items(data: object, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, Mapping) else None
    return value if isinstance(value, list) else []


def _second_index(items: list[Any], identifier: str) -> int | None:
    seen = False
    for index, item in enumerate(items):
        if isinstance(item, Mapping) and item.get("id") == identifier:
            if seen:
                return index
            seen = True
    return None


def _message(error: Mapping[str, Any], path: Path) -> str:
    ctx = error.get("ctx") or {}
    render = MESSAGES.get(error["type"])
    if render is None:
        return _("This value is not valid: %(detail)s") % {"detail": error.get("msg", "")}
    return render(ctx, path)


def _count(ctx: Mapping[str, Any], key: str) -> int:
    value = ctx.get(key, 0)
    return value if isinstance(value, int) else 0


def _too_short(ctx: Mapping[str, Any], path: Path) -> str:
    low = _count(ctx, "min_length")
    return ngettext(
        "Add at least %(count)s entry here.", "Add at least %(count)s entries here.", low
    ) % {"count": low}


def _too_long(ctx: Mapping[str, Any], path: Path) -> str:
    high = _count(ctx, "max_length")
    return ngettext(
        "There can be at most %(count)s entry here.",
        "There can be at most %(count)s entries here.",
        high,
    ) % {"count": high}


def _string_too_long(ctx: Mapping[str, Any], path: Path) -> str:
    high = _count(ctx, "max_length")
    return ngettext(
        "Use at most %(count)s character.", "Use at most %(count)s characters.", high
    ) % {"count": high}


def _extra(ctx: Mapping[str, Any], path: Path) -> str:
    key = path[-1] if path else ""
    return _("“%(key)s” is not part of the instrument format; remove it.") % {"key": key}


def _tag(ctx: Mapping[str, Any], path: Path) -> str:
    return _(
        "“%(tag)s” is not a signifier type; use triad, dyad, stones, single, multi or freetext."
    ) % {"tag": ctx.get("tag", "")}


MESSAGES: dict[str, Callable[[Mapping[str, Any], Path], str]] = {
    "missing": lambda ctx, path: _("This must be filled in."),
    "string_too_short": lambda ctx, path: _("This must be filled in."),
    "string_too_long": _string_too_long,
    "string_type": lambda ctx, path: _("Write this as text."),
    "string_pattern_mismatch": lambda ctx, path: _(
        "Use 1–64 letters (a–z, A–Z), digits, hyphens or underscores, without spaces."
    ),
    "int_parsing": lambda ctx, path: _("Enter a whole number."),
    "int_type": lambda ctx, path: _("Enter a whole number."),
    "int_from_float": lambda ctx, path: _("Enter a whole number."),
    "greater_than_equal": lambda ctx, path: (
        _("Enter a number of at least %(limit)s.") % {"limit": ctx.get("ge", "")}
    ),
    "less_than_equal": lambda ctx, path: (
        _("Enter a number of at most %(limit)s.") % {"limit": ctx.get("le", "")}
    ),
    "bool_parsing": lambda ctx, path: _("Write true or false."),
    "bool_type": lambda ctx, path: _("Write true or false."),
    "too_short": _too_short,
    "too_long": _too_long,
    "list_type": lambda ctx, path: _("This must be a list."),
    "model_type": lambda ctx, path: _("This must be a group of keys and values."),
    "model_attributes_type": lambda ctx, path: _("This must be a group of keys and values."),
    "dict_type": lambda ctx, path: _("This must be a group of keys and values."),
    "extra_forbidden": _extra,
    "literal_error": lambda ctx, path: (
        _("Use the value %(expected)s here.") % {"expected": ctx.get("expected", "")}
    ),
    "union_tag_invalid": _tag,
    "union_tag_not_found": lambda ctx, path: _(
        "Each signifier needs a type: triad, dyad, stones, single, multi or freetext."
    ),
}


def _part_names() -> dict[str, str]:
    return {
        "title": _("title"),
        "intro": _("introduction"),
        "prompts": _("prompting questions"),
        "text": _("text"),
        "story_title": _("question above the story's title"),
        "story_text": _("question above the story"),
        "story_max_length": _("longest story"),
        "level_question": _("question about the storyteller's level"),
        "level_required": _("level must be answered"),
        "signifiers": _("signifiers"),
        "help": _("help text"),
        "required": _("answer required"),
        "allow_na": _("“not applicable” allowed"),
        "corners": _("corners"),
        "poles": _("poles"),
        "stones": _("stones"),
        "options": _("options"),
        "label": _("label"),
        "start": _("start"),
        "end": _("end"),
        "x": _("horizontal axis"),
        "y": _("vertical axis"),
        "min_choices": _("fewest choices"),
        "max_choices": _("most choices"),
        "multiline": _("several lines"),
        "max_length": _("longest answer"),
        "da": _("Danish"),
        "en": _("English"),
        "id": _("id"),
        "type": _("type"),
        "format": _("format"),
    }


def describe_location(path: Path, data: object) -> str:
    """``("signifiers", 0, "corners", 1)`` → "signifiers › 1 (drivers) › corners › 2 (staff)"."""
    if not path:
        return _("the whole file")
    names = _part_names()
    words: list[str] = []
    node: object = data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            identifier = item.get("id") if isinstance(item, Mapping) else None
            words.append(
                f"{part + 1} ({identifier})" if isinstance(identifier, str) else str(part + 1)
            )
            node = item
        else:
            words.append(names.get(part, part))
            node = node.get(part) if isinstance(node, Mapping) else None
    return " › ".join(words)
