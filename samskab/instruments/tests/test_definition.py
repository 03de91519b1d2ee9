from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from samskab.instruments.definition import Definition, Triad, parse
from samskab.instruments.samples import SAMPLE, sample_definition


def test_sample_parses_with_every_signifier_type():
    definition = sample_definition()
    types = {signifier.type for signifier in definition.signifiers}
    assert types == {"triad", "dyad", "stones", "single", "multi", "freetext"}
    assert isinstance(definition.signifier("drivers"), Triad)


def test_round_trip_through_json_is_lossless():
    definition = sample_definition()
    assert parse(definition.model_dump(mode="json")) == definition


def _broken(mutate):
    data = copy.deepcopy(SAMPLE)
    mutate(data)
    return data


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["signifiers"].append(copy.deepcopy(d["signifiers"][0])),  # duplicate id
        lambda d: d["signifiers"][0]["corners"].pop(),  # a triad needs three corners
        lambda d: d["signifiers"][2]["poles"].append(d["signifiers"][2]["poles"][0]),
        lambda d: d.update(prompts=[]),
        lambda d: d["title"].update(da=""),  # Danish label required
        lambda d: d.update(unknown_field=1),  # unknown keys are rejected, not ignored
        lambda d: d["signifiers"][0].update(id="has space"),
        lambda d: d["signifiers"][6].update(min_choices=4, max_choices=3),
        lambda d: d["signifiers"][0].update(type="photo"),
    ],
)
def test_invalid_definitions_are_rejected(mutate):
    with pytest.raises(ValidationError):
        parse(_broken(mutate))


def test_english_falls_back_to_danish():
    definition = parse(_broken(lambda d: d["title"].update(en="")))
    assert definition.title.get("en") == definition.title.da == "Fortællinger om samskabelse"
    assert sample_definition().title.get("en") == "Stories of co-creation"


def test_json_schema_is_available_for_the_docs():
    schema = Definition.model_json_schema()
    assert "signifiers" in schema["properties"]
