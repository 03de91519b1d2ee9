"""SenseMaker framework definitions → our definition, and back."""

from __future__ import annotations

import pytest

from samskab.instruments.definition import (
    Dyad,
    FreeText,
    MultipleChoice,
    SingleChoice,
    Stones,
    Triad,
)
from samskab.instruments.samples import sample_definition
from samskab.transfers.sensemaker import (
    FrameworkError,
    definition_from_sensemaker,
    definition_to_sensemaker,
)
from samskab.transfers.sensemaker.framework import LEVEL_LIST_ID, plain, scalar
from samskab.transfers.tests.helpers import framework_json

TRIAD = "b2000000-0000-4000-8000-000000000001"
PHOTO = "f6000000-0000-4000-8000-000000000002"


@pytest.fixture
def converted():
    return definition_from_sensemaker(framework_json())


def test_every_supported_type_is_mapped_with_its_ids(converted):
    definition, report = converted
    kinds = [type(s) for s in definition.signifiers]
    assert kinds == [Triad, Triad, Dyad, Stones, SingleChoice, MultipleChoice, FreeText]
    triad = definition.signifier(TRIAD)
    assert [c.id for c in triad.corners] == [
        "b2100000-0000-4000-8000-000000000001",
        "b2200000-0000-4000-8000-000000000001",
        "b2300000-0000-4000-8000-000000000001",
    ]
    assert [c.label.da for c in triad.corners] == ["tryghed", "frihed", "fællesskab"]
    assert triad.allow_na is True
    assert report.framework_id == "4f1c2a9e-7b3d-4c8a-9e21-0d5b6a7c8e90"


def test_html_is_stripped_and_wrapped_scalars_are_accepted(converted):
    definition, report = converted
    assert definition.title.da == "Hverdagen i Nærgården"
    assert definition.story_text.da == "Fortæl om en oplevelse i hverdagen"
    assert definition.signifier(TRIAD).title.da == "Det, der skete, handlede om …"
    assert definition.signifier(TRIAD).help.da == "Træk prikken"
    second = definition.signifier("b2000000-0000-4000-8000-000000000002")
    assert second.title.da == "Hvem tog initiativet?" and second.allow_na is False
    assert second.corners[0].label.da == "borgeren"
    assert definition.signifier("c3000000-0000-4000-8000-000000000001").title.da == (
        "Hvordan føltes det?"
    )


def test_fragment_becomes_the_story_and_the_level_is_optional(converted):
    definition, report = converted
    assert report.fragment_id == "a1000000-0000-4000-8000-000000000001"
    assert [p.id for p in definition.prompts] == [report.fragment_id]
    assert definition.level_required is False
    assert all(s.id != report.fragment_id for s in definition.signifiers)


def test_lists_split_by_max_responses(converted):
    definition, report = converted
    single = definition.signifier("e5000000-0000-4000-8000-000000000001")
    multi = definition.signifier("e5000000-0000-4000-8000-000000000002")
    assert isinstance(single, SingleChoice) and len(single.options) == 4
    assert isinstance(multi, MultipleChoice) and multi.max_choices == 2
    assert list(report.lists) == ["e5000000-0000-4000-8000-000000000001"]


def test_stones_keep_axes(converted):
    stones = converted[0].signifier("d4000000-0000-4000-8000-000000000001")
    assert stones.x.label.da == "Indflydelse" and stones.y.end.da == "højt"
    assert [s.label.da for s in stones.stones] == ["beboere", "personale"]


def test_unsupported_and_layout_types_are_reported(converted):
    _definition, report = converted
    assert [(p.id, p.type) for p in report.unsupported] == [(PHOTO, "photo")]
    assert report.unsupported[0].reason
    assert report.layout_skipped == 2
    assert len(report.recognised) == 7


def test_a_broken_signifier_is_reported_not_fatal():
    data = framework_json()
    data["signifiers"][2]["content"]["labels"].pop()  # a triad with two corners
    definition, report = definition_from_sensemaker(data)
    assert TRIAD in [p.id for p in report.unsupported]
    assert TRIAD not in [s.id for s in definition.signifiers]


@pytest.mark.parametrize(
    "data",
    [[], {"signifiers": []}, {"signifiers": [{"id": "x", "type": "triad"}]}],
    ids=["not-an-object", "no-signifiers", "no-fragment"],
)
def test_unusable_definitions_raise(data):
    with pytest.raises(FrameworkError):
        definition_from_sensemaker(data)


def test_helpers():
    assert scalar([["a"]]) == "a"
    assert scalar(["a", "b"]) == ["a", "b"]
    assert plain("<p>A&amp;B\n  <b>C</b></p>") == "A&B C"
    assert plain("", "fallback") == "fallback"


def test_our_definition_round_trips_exactly():
    ours = sample_definition()
    document = definition_to_sensemaker(ours)
    assert document["fragment_signifier_id"] == document["signifiers"][0]["id"]
    assert document["signifiers"][0]["fragment"] is True
    assert document["signifiers"][-1]["id"] == LEVEL_LIST_ID
    types = [s["type"] for s in document["signifiers"]]
    assert types == [
        "freetext",
        "triad",
        "triad",
        "dyad",
        "dyad",
        "stones",
        "list",
        "list",
        "freetext",
        "list",
    ]
    again, report = definition_from_sensemaker(document)
    assert report.used_extension and report.level_list == LEVEL_LIST_ID
    assert again == ours


def test_without_our_extension_the_sensemaker_part_is_enough():
    document = definition_to_sensemaker(sample_definition())
    del document["samskab"]
    again, report = definition_from_sensemaker(document)
    assert not report.used_extension and not report.unsupported
    assert [s.id for s in again.signifiers] == [s.id for s in sample_definition().signifiers]
    multi = again.signifier("feelings")
    assert isinstance(multi, MultipleChoice) and multi.max_choices == 3
