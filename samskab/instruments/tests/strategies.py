"""Hypothesis strategies for stories that pass validation, built from an instrument definition.

Fuzzing only with garbage never gets past the first check; these strategies reach the code
behind it (storing, freezing, receipts). ``story_payloads`` gives JSON API bodies,
``form_data`` the public form's POST data for the same answers; ``spoiled`` mixes in a
wrong value here and there, so the fuzzers see valid, nearly valid and garbage input.
"""

from __future__ import annotations

from typing import Any, assert_never

from hypothesis import strategies as st

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

# Text a person could type: anything but surrogates (not UTF-8) and NUL (refused, tested apart).
TYPED = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
# Any JSON value (JSON has no NaN or infinity).
NUMBERS = st.floats(allow_nan=False, allow_infinity=False) | st.integers()
JSON = st.recursive(
    st.none() | st.booleans() | NUMBERS | st.text(TYPED, max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(TYPED, max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)


def _text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(TYPED, min_size=1, max_size=max_size).filter(lambda text: text.strip() != "")


@st.composite
def _triad(draw: st.DrawFn) -> list[float]:
    top = draw(st.integers(0, 100))
    left = draw(st.integers(0, 100 - top))
    percent = [float(top), float(left), float(100 - top - left)]
    return percent if draw(st.booleans()) else [value / 100 for value in percent]


def value_of(signifier: Signifier) -> st.SearchStrategy[Any]:
    """A value that ``answers.validate`` accepts for ``signifier``."""
    unit = st.floats(0, 1)
    match signifier:
        case Triad():
            return _triad()
        case Dyad():
            return unit
        case Stones():
            ids = [stone.id for stone in signifier.stones]
            where = st.fixed_dictionaries({"x": unit, "y": unit})
            return st.dictionaries(st.sampled_from(ids), where, min_size=1)
        case SingleChoice():
            return st.sampled_from([option.id for option in signifier.options])
        case MultipleChoice():
            ids = [option.id for option in signifier.options]
            top = signifier.max_choices or len(ids)
            return st.lists(
                st.sampled_from(ids), unique=True, min_size=max(1, signifier.min_choices),
                max_size=top,
            )  # fmt: skip
        case FreeText():
            return _text(min(signifier.max_length, 200))
        case _:
            assert_never(signifier)


def answer_of(signifier: Signifier) -> st.SearchStrategy[dict[str, Any]]:
    answered = st.builds(lambda value: {"value": value}, value_of(signifier))
    return answered | st.just({"na": True}) if signifier.allow_na else answered


def answers(definition: Definition) -> st.SearchStrategy[dict[str, dict[str, Any]]]:
    required = {s.id: answer_of(s) for s in definition.signifiers if s.required}
    optional = {s.id: answer_of(s) for s in definition.signifiers if not s.required}
    return st.fixed_dictionaries(required, optional=optional)


def story_payloads(definition: Definition) -> st.SearchStrategy[dict[str, Any]]:
    """JSON bodies for ``POST /api/v1/collections/{slug}/stories`` that are stored (201)."""
    return st.fixed_dictionaries(
        {
            "prompt": st.sampled_from([prompt.id for prompt in definition.prompts]),
            "text": _text(min(definition.story_max_length, 400)),
            "level": st.sampled_from(LEVELS),
            "consent": st.just(True),
            "answers": answers(definition),
        },
        optional={"title": st.text(TYPED, max_size=200), "language": st.sampled_from(["da", "en"])},
    )


@st.composite
def spoiled(draw: st.DrawFn, valid: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    """A valid body, sometimes with one entry (top level or an answer) replaced by garbage."""
    body = draw(valid)
    if draw(st.integers(0, 2)) == 0:
        return body
    answers_ = body.get("answers")
    if isinstance(answers_, dict) and answers_ and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(answers_)))
        answers_[key] = draw(JSON | st.builds(lambda value: {"value": value}, JSON))
    else:
        body[draw(st.sampled_from(sorted(body)))] = draw(JSON)
    return body


def _percent(share: float, draw: st.DrawFn) -> str:
    text = f"{share * 100:g}"
    return text.replace(".", ",") if draw(st.booleans()) else text


def _fields(signifier: Signifier, value: Any, draw: st.DrawFn) -> dict[str, Any]:
    prefix = f"s-{signifier.id}"
    match signifier:
        case Triad():
            shares = value if sum(value) <= 1.0001 else [v / 100 for v in value]
            parts = zip(("top", "left", "right"), shares, strict=True)
            return {f"{prefix}-{part}": _percent(share, draw) for part, share in parts}
        case Dyad():
            return {f"{prefix}-value": _percent(value, draw)}
        case Stones():
            fields: dict[str, Any] = {}
            for stone, where in value.items():
                fields[f"{prefix}-{stone}-placed"] = "on"
                fields[f"{prefix}-{stone}-x"] = _percent(where["x"], draw)
                fields[f"{prefix}-{stone}-y"] = _percent(where["y"], draw)
            return fields
        case SingleChoice() | MultipleChoice():
            return {f"{prefix}-choice": value}
        case FreeText():
            return {f"{prefix}-text": value}
        case _:
            assert_never(signifier)


@st.composite
def form_data(draw: st.DrawFn, definition: Definition) -> dict[str, Any]:
    """The public form's POST data for a story that is stored (a redirect to the receipt)."""
    story = draw(story_payloads(definition))
    data: dict[str, Any] = {
        "prompt": story["prompt"],
        "title": story.get("title", "").strip()[:200],
        "text": story["text"],
        "level": story["level"],
        "consent": "on",
    }
    by_id = {signifier.id: signifier for signifier in definition.signifiers}
    for key, answer in story["answers"].items():
        if answer.get("na"):
            data[f"s-{key}-na"] = "on"
        else:
            data.update(_fields(by_id[key], answer["value"], draw))
    return data
