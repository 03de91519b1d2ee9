"""From the cleaned inputs of one signifier to the raw answer ``answers.validate`` judges.

Percentages become shares here (divided by 100), so a triad typed as 0,3 / 0,3 / 0,4 is read
as 1 % in total and rejected, never mistaken for shares. An answer comes back as
``{"value": …}``, ``{"na": True}`` or ``None`` (skipped).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from samskab.capture.fields import TRIAD_PARTS
from samskab.instruments.answers import Invalid
from samskab.instruments.definition import (
    Dyad,
    FreeText,
    MultipleChoice,
    SignifierBase,
    SingleChoice,
    Stones,
    Triad,
)

Values = Mapping[str, Any]  # part → cleaned value (None when empty)


def _share(value: float | None) -> float | None:
    return None if value is None else value / 100.0


def _triad(signifier: Triad, values: Values, language: str) -> Any:
    shares = {
        corner.id: _share(values.get(part))
        for part, corner in zip(TRIAD_PARTS, signifier.corners, strict=True)
    }
    given = {corner: share for corner, share in shares.items() if share is not None}
    return given or None  # a partial triad reaches validate, which asks for all three


def _dyad(signifier: Dyad, values: Values, language: str) -> Any:
    return _share(values.get("value"))


def _stone(label: str, placed: bool, x: float | None, y: float | None) -> dict[str, float] | None:
    if placed and (x is None or y is None):
        raise Invalid(
            "stone_position",
            _("Give “%(stone)s” a position across and up, or untick “Placed”.") % {"stone": label},
        )
    if not placed and (x is not None or y is not None):
        raise Invalid(
            "stone_not_placed",
            _("Tick “Placed” for “%(stone)s”, or leave its position empty.") % {"stone": label},
        )
    if not placed or x is None or y is None:
        return None
    return {"x": x / 100.0, "y": y / 100.0}


def _stones(signifier: Stones, values: Values, language: str) -> Any:
    placed: dict[str, dict[str, float]] = {}
    for stone in signifier.stones:
        position = _stone(
            stone.label.get(language),
            bool(values.get(f"{stone.id}-placed")),
            values.get(f"{stone.id}-x"),
            values.get(f"{stone.id}-y"),
        )
        if position is not None:
            placed[stone.id] = position
    return placed or None


def _single(signifier: SingleChoice, values: Values, language: str) -> Any:
    return values.get("choice") or None


def _multi(signifier: MultipleChoice, values: Values, language: str) -> Any:
    return list(values.get("choice") or []) or None


def _freetext(signifier: FreeText, values: Values, language: str) -> Any:
    return values.get("text") or None


READERS: dict[type, Callable[[Any, Values, str], Any]] = {
    Triad: _triad,
    Dyad: _dyad,
    Stones: _stones,
    SingleChoice: _single,
    MultipleChoice: _multi,
    FreeText: _freetext,
}


def raw_answer(signifier: SignifierBase, values: Values, language: str) -> dict[str, Any] | None:
    """The raw answer for ``answers.validate``, or Invalid when the inputs contradict."""
    value = READERS[type(signifier)](signifier, values, language)
    if values.get("na"):
        if value is not None:
            raise Invalid(
                "na_and_value",
                _("Choose either an answer or “Not applicable”, not both."),
            )
        return {"na": True}
    return None if value is None else {"value": value}
