"""Checking one story against its instrument definition.

The public form, the facilitator's assisted entry, the JSON API and file imports all end here,
so a story is judged the same way whichever door it came through. Each signifier's answer has
three states that stay apart: ``answered`` (with a value), ``na`` (the storyteller said "not
applicable") and ``skipped`` (no answer). Raw answer forms accepted:

Each raw answer is ``None`` (or absent) for skipped, ``{"na": true}`` for not applicable, or
``{"value": v}`` where v is, per type:

- triad: ``{corner_id: share, ...}`` for all three corners, or ``[top, left, right]``; shares in
  [0, 1] summing to 1, or percentages summing to 100. Sums within ``TRIAD_TOLERANCE`` (relative)
  are re-closed to exactly 1; anything further off is rejected, never silently repaired.
- dyad: a number in [0, 1] (0 = the left pole).
- stones: ``{stone_id: {"x": .., "y": ..}}`` for the stones placed, each coordinate in [0, 1].
- single: an option id; multi: a list of option ids.
- freetext: a string.
An empty value (``""``, ``[]``, ``{}``) counts as skipped. A value of the wrong JSON type (a list
for a single choice, a number for a text) is refused with a code, never an exception: whatever
a client sends, the outcome is a clean story or a list of problems. Texts that cannot be stored
(NUL characters, unpaired surrogates) are refused too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, assert_never

from django.utils.translation import gettext as _

from samskab.instruments.definition import (
    LEVELS,
    Definition,
    Dyad,
    FreeText,
    MultipleChoice,
    Signifier,
    SingleChoice,
    Stones,
    Triad,
)
from samskab.lib.text import storable

TRIAD_TOLERANCE = 0.02  # 2 %: covers rounding in slider widgets and percentage entry


class Invalid(Exception):  # noqa: N818  (a validation outcome, not a program error)
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class StoryInput:
    prompt: str | None
    title: str
    text: str
    level: str | None
    answers: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class CleanStory:
    prompt: str
    title: str
    text: str
    level: str | None
    answers: dict[str, dict[str, Any]]


Errors = dict[str, list[Invalid]]


def validate(definition: Definition, story: StoryInput) -> tuple[CleanStory | None, Errors]:
    """Return the clean story, or None and the errors keyed by field or signifier id."""
    errors: Errors = {}
    prompt = _collect(errors, "prompt", lambda: _prompt(definition, story.prompt))
    title = _collect(errors, "title", lambda: _title(story.title))
    text = _collect(errors, "text", lambda: _text(definition, story.text))
    level = _collect(errors, "level", lambda: _level(definition, story.level))
    answers: dict[str, dict[str, Any]] = {}
    for signifier in definition.signifiers:
        raw = story.answers.get(signifier.id)
        answer = _collect(errors, signifier.id, partial(_answer, signifier, raw))
        if answer is not None:
            answers[signifier.id] = answer
    known = {s.id for s in definition.signifiers}
    for unknown in sorted(set(story.answers) - known):
        errors.setdefault(unknown, []).append(
            Invalid(
                "unknown",
                _("This instrument has no question with the id %(id)s.") % {"id": unknown},
            )
        )
    if errors:
        return None, errors
    return CleanStory(str(prompt), str(title), str(text), level, answers), errors


def _collect(errors: Errors, key: str, check: Callable[[], Any]) -> Any:
    try:
        return check()
    except Invalid as exc:
        errors.setdefault(key, []).append(exc)
        return None


def _prompt(definition: Definition, prompt: str | None) -> str:
    ids = [p.id for p in definition.prompts]
    if len(ids) == 1 and not prompt:
        return ids[0]
    if prompt not in ids:
        raise Invalid("prompt", _("Choose one of the questions to answer."))
    return str(prompt)


def _storable(text: str) -> str:
    if not storable(text):
        raise Invalid(
            "invalid_characters", _("The text contains characters that cannot be stored.")
        )
    return text


def _plain_text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid("invalid", _("Write your answer as text."))
    return _storable(value).strip()


def _title(title: str) -> str:
    title = _plain_text(title)
    if len(title) > 200:
        raise Invalid("too_long", _("The title can be at most 200 characters."))
    return title


def _text(definition: Definition, text: str) -> str:
    text = _plain_text(text)
    if not text:
        raise Invalid("required", _("Write your story. A few sentences are enough."))
    if len(text) > definition.story_max_length:
        raise Invalid(
            "too_long",
            _("The story can be at most %(limit)s characters; it is %(length)s now.")
            % {"limit": definition.story_max_length, "length": len(text)},
        )
    return text


def _level(definition: Definition, level: str | None) -> str | None:
    if not level:
        if definition.level_required:
            raise Invalid("required", _("Choose which of these best describes you."))
        return None
    if level not in LEVELS:
        raise Invalid("invalid", _("Choose one of the listed options."))
    return level


def _answer(signifier: Signifier, raw: Any) -> dict[str, Any]:
    if raw is not None and (
        not isinstance(raw, Mapping) or len(raw) != 1 or not raw.keys() & {"na", "value"}
    ):
        raise Invalid("shape", _('Send each answer as {"value": …} or {"na": true}.'))
    if raw is not None and raw.get("na") is True:
        return _not_applicable(signifier)
    value = None if raw is None else raw.get("value")
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "" or value == [] or value == {}:
        if signifier.required:
            raise Invalid("required", _("This question needs an answer."))
        return {"state": "skipped"}
    return {"state": "answered", "value": _value(signifier, value)}


def _value(signifier: Signifier, value: Any) -> Any:
    match signifier:
        case Triad():
            return _triad(signifier, value)
        case Dyad():
            return _dyad(signifier, value)
        case Stones():
            return _stones(signifier, value)
        case SingleChoice():
            return _single(signifier, value)
        case MultipleChoice():
            return _multi(signifier, value)
        case FreeText():
            return _freetext(signifier, value)
        case _:
            assert_never(signifier)


def _not_applicable(signifier: Signifier) -> dict[str, Any]:
    if not signifier.allow_na:
        raise Invalid("na_not_allowed", _("“Not applicable” is not an option for this question."))
    return {"state": "na"}


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Invalid("not_a_number", _("Enter a number."))
    try:
        number = float(str(value).replace(",", "."))
    except ValueError as exc:
        raise Invalid("not_a_number", _("Enter a number.")) from exc
    if not math.isfinite(number):
        raise Invalid("not_a_number", _("Enter a number."))
    return number


def _triad(signifier: Triad, raw: Any) -> list[float]:
    corner_ids = [corner.id for corner in signifier.corners]
    if isinstance(raw, Mapping):
        if set(raw) != set(corner_ids):
            raise Invalid("triad_parts", _("Give a share for each of the three corners."))
        values = [_number(raw[corner]) for corner in corner_ids]
    elif isinstance(raw, list | tuple) and len(raw) == 3:
        values = [_number(value) for value in raw]
    else:
        raise Invalid("triad_parts", _("Give a share for each of the three corners."))
    return close_triad(values)


def close_triad(values: list[float]) -> list[float]:
    """Shares or percentages → three proportions summing to exactly 1 (or Invalid)."""
    if any(value < 0 for value in values):
        raise Invalid("triad_negative", _("The shares cannot be negative."))
    total = sum(values)
    scale = 100.0 if abs(total - 100.0) <= 100.0 * TRIAD_TOLERANCE else 1.0
    if abs(total - scale) > scale * TRIAD_TOLERANCE:
        raise Invalid(
            "triad_sum",
            _("The three shares must add up to 100 %%; they add up to %(total)s %%.")
            % {"total": round(total * 100 / scale, 1)},
        )
    return [value / total for value in values]


def _unit(value: Any) -> float:
    number = _number(value)
    if not 0.0 <= number <= 1.0:
        raise Invalid("out_of_range", _("The value must be between 0 and 1."))
    return number


def _dyad(signifier: Dyad, raw: Any) -> float:
    return _unit(raw)


def _stones(signifier: Stones, raw: Any) -> dict[str, list[float]]:
    if not isinstance(raw, Mapping):
        raise Invalid("stones", _("Place the stones on the canvas."))
    known = {stone.id for stone in signifier.stones}
    placed: dict[str, list[float]] = {}
    for stone_id, position in raw.items():
        if stone_id not in known:
            raise Invalid("unknown", _("There is no stone with the id %(id)s.") % {"id": stone_id})
        if not isinstance(position, Mapping) or set(position) != {"x", "y"}:
            raise Invalid("stones", _("Give each placed stone a position across and up."))
        placed[stone_id] = [_unit(position["x"]), _unit(position["y"])]
    return placed


def _single(signifier: SingleChoice, raw: Any) -> str:
    if not isinstance(raw, str) or raw not in {option.id for option in signifier.options}:
        raise Invalid("invalid_choice", _("Choose one of the listed options."))
    return str(raw)


def _multi(signifier: MultipleChoice, raw: Any) -> list[str]:
    if isinstance(raw, str) or not isinstance(raw, list | tuple):
        raise Invalid("invalid_choice", _("Choose one or more of the listed options."))
    known = [option.id for option in signifier.options]
    if any(not isinstance(choice, str) or choice not in known for choice in raw):
        raise Invalid("invalid_choice", _("Choose one or more of the listed options."))
    if len(set(raw)) != len(raw):
        raise Invalid("invalid_choice", _("Choose one or more of the listed options."))
    top = signifier.max_choices or len(known)
    if not signifier.min_choices <= len(raw) <= top:
        raise Invalid(
            "choice_count",
            _("Choose between %(low)s and %(high)s options.")
            % {"low": signifier.min_choices, "high": top},
        )
    return [choice for choice in known if choice in raw]  # definition order


def _freetext(signifier: FreeText, raw: Any) -> str:
    text = _plain_text(raw)
    if len(text) > signifier.max_length:
        raise Invalid(
            "too_long",
            _("The answer can be at most %(limit)s characters.") % {"limit": signifier.max_length},
        )
    return text
