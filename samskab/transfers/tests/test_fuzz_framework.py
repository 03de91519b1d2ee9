"""Fuzzing the SenseMaker framework reader: a definition file either converts or is refused with
a FrameworkError and a message, never another exception."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FUZZ
from samskab.instruments.samples import sample_definition
from samskab.transfers.sensemaker.framework import (
    FrameworkError,
    definition_from_sensemaker,
    definition_to_sensemaker,
    read_definition,
)
from samskab.transfers.tests.fuzzing import NASTY, outcome, spliced
from samskab.transfers.tests.helpers import framework_json

pytestmark = pytest.mark.fuzz

SEEDS = [framework_json(), definition_to_sensemaker(sample_definition())]
KNOWN = ["triad", "dyad", "stones", "list", "freetext", "label", "photo", "", "TRIAD"]

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(NASTY + KNOWN),
    st.text(max_size=20),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[head] = _replace(node[head], rest, value)
    return copy


@st.composite
def mutated_definitions(draw: Any) -> Any:
    """A real definition with a few nodes replaced: by garbage, by a known type or word, by
    the node wrapped in a list (as some exporters write) or emptied."""
    document = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 6))):
        path = draw(st.sampled_from(_paths(document)))
        node = _get(document, path)
        how = draw(st.sampled_from(["garbage", "word", "wrap", "empty", "number"]))
        if how == "garbage":
            value = draw(json_values)
        elif how == "word":
            value = draw(st.sampled_from(NASTY + KNOWN))
        elif how == "wrap":
            value = [node]
        elif how == "empty":
            value = type(node)() if isinstance(node, dict | list | str) else None
        else:
            value = draw(st.sampled_from([0, -1, 1, 2, 10**400, 1e308, -1e308, 0.5]))
        document = _replace(document, path, value)
    return document


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


@FUZZ
@given(document=st.one_of(mutated_definitions(), json_values))
def test_a_definition_converts_or_is_refused_with_a_reason(document, fuzz_tally):
    outcome(fuzz_tally, lambda: definition_from_sensemaker(document), (FrameworkError,))


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=200),
        mutated_definitions().map(lambda d: json.dumps(d).encode()),
        st.sampled_from(SEEDS).map(lambda d: json.dumps(d).encode()).flatmap(spliced),
    )
)
def test_a_definition_file_is_read_or_refused_with_a_reason(data, fuzz_tally):
    outcome(fuzz_tally, lambda: read_definition(data), (FrameworkError,))


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000,
        b'{"a":' * 100_000,
        b'{"signifiers": [1, 1], "name": 1' + b"0" * 5000 + b"}",
    ],
    ids=["deep-list", "deep-object", "long-integer"],
)
def test_files_that_broke_the_reader(data):
    with pytest.raises(FrameworkError):
        read_definition(data)


FRAGMENT = {"id": "story", "type": "freetext", "fragment": True, "title": "Fortæl"}


@pytest.mark.parametrize(
    "signifier",
    [
        {"id": "s", "type": "stones", "content": {"axis": "x", "stones": [{"id": "a"}]}},
        {"id": "t", "type": "triad", "content": {"labels": ["a", "b", "c"]}},
        {"id": "l", "type": "list", "content": {"max_responses": float("inf"), "items": []}},
        {"id": "samskab_level", "type": "list", "content": {"items": 5}},
        {"id": "o", "type": "dyad", "order": 10**400},
    ],
    ids=["axis-not-an-object", "labels-not-objects", "huge-count", "items-not-a-list", "order"],
)
def test_definitions_that_crashed_the_converter(signifier):
    definition, report = definition_from_sensemaker({"signifiers": [FRAGMENT, signifier]})
    assert definition.story_text.da == "Fortæl"
    assert report.unsupported or report.recognised or report.level_list
