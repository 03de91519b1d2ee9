"""Hypothesis against the public story form: valid stories (drawn from the collection's own
instrument), nearly valid ones and garbage. Never a server error, and a story that is refused
(any 4xx) comes back with the text that was typed, so nothing is lost."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import FUZZ
from samskab.capture.fields import TRIAD_PARTS
from samskab.instruments.definition import Definition, Stones, Triad
from samskab.instruments.samples import sample_definition
from samskab.instruments.tests.strategies import form_data

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

DEFINITION = sample_definition()
# What a robot or a broken browser might send: anything but unpaired surrogates, which no
# browser can encode.
ANY_CHARACTER = st.characters(exclude_categories=["Cs"])
# Numbers too: digits that overflow a database integer, a comma decimal, an exponent.
NUMBERISH = st.from_regex(r"\A-?[0-9]{1,30}([.,][0-9]{0,4})?(e[0-9]{1,4})?\Z")
# Longer than Python converts to int (4,300 digits) without being asked.
LONG_DIGITS = st.sampled_from([19, 20, 309, 4301, 6000]).map(lambda length: "7" * length)
TEXTS = st.text(ANY_CHARACTER, max_size=40) | NUMBERISH | LONG_DIGITS
VALUES = TEXTS | st.lists(TEXTS, min_size=1, max_size=3)


def _field_names(definition: Definition) -> list[str]:
    names = ["prompt", "title", "text", "level", "consent", "consent_version", "hp_extra"]
    for signifier in definition.signifiers:
        prefix = f"s-{signifier.id}"
        names += [f"{prefix}-na", f"{prefix}-value", f"{prefix}-choice", f"{prefix}-text"]
        if isinstance(signifier, Triad):
            names += [f"{prefix}-{part}" for part in TRIAD_PARTS]
        if isinstance(signifier, Stones):
            for stone in signifier.stones:
                names += [f"{prefix}-{stone.id}-{part}" for part in ("placed", "x", "y")]
    return names


NAMES = _field_names(DEFINITION)
NUMERIC = [
    name for name in NAMES if name.endswith(("-value", "-x", "-y", "-top", "-left", "-right"))
]
NUMERIC.append("consent_version")


@st.composite
def garbage(draw: st.DrawFn) -> dict[str, Any]:
    names = st.sampled_from(NAMES) | st.text(ANY_CHARACTER, min_size=1, max_size=12)
    return draw(st.dictionaries(names, VALUES, max_size=14))


@st.composite
def nearly_valid(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(form_data(DEFINITION))
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            data[draw(st.sampled_from(NUMERIC))] = draw(NUMBERISH | LONG_DIGITS)
        else:
            data[draw(st.sampled_from(NAMES))] = draw(VALUES)
    if draw(st.booleans()):
        data.pop(draw(st.sampled_from(sorted(data))))
    return data


def _typed_text(data: dict[str, Any]) -> str:
    text = data.get("text", "")
    return str(text[-1] if isinstance(text, list) else text)  # the form reads the last value


def test_the_story_form_never_fails_and_never_loses_the_text(
    client, collection, settings, fuzz_tally
):
    settings.CAPTURE_RATE_LIMITS = {"story": "1000000/minute"}
    url = reverse("capture:form", kwargs={"slug": collection.slug})
    statuses = []

    @FUZZ
    @given(data=form_data(DEFINITION) | nearly_valid() | garbage())
    # Found by this test: a consent version past 4,300 digits made int() raise (a 500).
    @example(data={"text": "Bænken i parken.", "consent": "on", "consent_version": "7" * 5000})
    def check(data: dict[str, Any]) -> None:
        response = client.post(url, data)
        fuzz_tally.record(response.status_code)
        statuses.append(response.status_code)
        assert response.status_code < 500
        if 400 <= response.status_code < 500 and _typed_text(data).strip():
            assert escape(_typed_text(data)) in response.content.decode()

    check()
    assert 302 in statuses, "no fuzzed story was stored: the strategy no longer makes valid ones"
