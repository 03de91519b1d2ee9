from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samskab.instruments.answers import Invalid, StoryInput, close_triad, validate
from samskab.instruments.samples import sample_definition

DEFINITION = sample_definition()


def _story(**answers):
    return StoryInput(
        "moment", "Plantedag", "Vi plantede sammen med gartnerne.", "employee", answers
    )


def _errors(**answers):
    clean, errors = validate(DEFINITION, _story(**answers))
    assert clean is None
    return {key: [error.code for error in value] for key, value in errors.items()}


def test_three_states_are_kept_apart():
    clean, errors = validate(
        DEFINITION,
        _story(
            drivers={"value": {"citizens": 0.2, "staff": 0.5, "rules": 0.3}}, decided={"na": True}
        ),
    )
    assert errors == {}
    assert clean is not None
    assert clean.answers["drivers"] == {"state": "answered", "value": [0.2, 0.5, 0.3]}
    assert clean.answers["decided"] == {"state": "na"}
    assert clean.answers["felt"] == {"state": "skipped"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ([20, 50, 30], [0.2, 0.5, 0.3]),
        ([0.2, 0.5, 0.3], [0.2, 0.5, 0.3]),
        ([33, 33, 33], [1 / 3, 1 / 3, 1 / 3]),  # 99 %: within tolerance, re-closed
        ([0.5, 0.5, 0.0], [0.5, 0.5, 0.0]),  # on an edge
        ([1, 0, 0], [1.0, 0.0, 0.0]),  # in a corner
        (["20", "50,5", "29.5"], [0.2, 0.505, 0.295]),  # Danish decimal comma from a form
    ],
)
def test_triad_shares_and_percentages(raw, expected):
    assert close_triad([float(str(v).replace(",", ".")) for v in raw]) == pytest.approx(expected)
    clean, errors = validate(DEFINITION, _story(drivers={"value": raw}))
    assert errors == {}
    assert clean is not None
    assert clean.answers["drivers"]["value"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ([50, 60, 30], "triad_sum"),
        ([0.5, 0.2, 0.1], "triad_sum"),
        ([-10, 60, 50], "triad_negative"),
        ([0.5, 0.5], "triad_parts"),
        ({"citizens": 0.5, "staff": 0.5}, "triad_parts"),
        (["a", "b", "c"], "not_a_number"),
        ([float("nan"), 0.5, 0.5], "not_a_number"),
    ],
)
def test_bad_triads_are_rejected(raw, code):
    assert _errors(drivers={"value": raw}) == {"drivers": [code]}


@given(st.lists(st.floats(min_value=0, max_value=1), min_size=3, max_size=3))
def test_closed_triads_sum_to_one_or_are_refused(values):
    try:
        closed = close_triad(values)
    except Invalid:
        assert abs(sum(values) - 1) > 0.02 or sum(values) == 0
        return
    assert math.isclose(sum(closed), 1.0, abs_tol=1e-9)
    assert all(0 <= share <= 1 for share in closed)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"decided": {"value": 1.2}}, {"decided": ["out_of_range"]}),
        ({"decided": {"value": True}}, {"decided": ["not_a_number"]}),
        ({"actors": {"value": {"citizens": {"x": 0.2}}}}, {"actors": ["stones"]}),
        ({"actors": {"value": {"mayor": {"x": 0.2, "y": 0.1}}}}, {"actors": ["unknown"]}),
        ({"frequency": {"value": "never"}}, {"frequency": ["invalid_choice"]}),
        ({"feelings": {"value": ["glad", "glad"]}}, {"feelings": ["invalid_choice"]}),
        ({"feelings": {"value": "glad"}}, {"feelings": ["invalid_choice"]}),
        ({"lesson": {"value": "x" * 1001}}, {"lesson": ["too_long"]}),
        ({"lesson": "bare string"}, {"lesson": ["shape"]}),
        ({"nonsense": {"value": 1}}, {"nonsense": ["unknown"]}),
    ],
)
def test_bad_values_are_rejected(answers, expected):
    assert _errors(**answers) == expected


def test_stones_keep_only_placed_stones():
    clean, _ = validate(DEFINITION, _story(actors={"value": {"citizens": {"x": 0.9, "y": 0.8}}}))
    assert clean is not None
    assert clean.answers["actors"] == {"state": "answered", "value": {"citizens": [0.9, 0.8]}}


def test_required_and_not_applicable_rules():
    data = DEFINITION.model_dump(mode="json")
    data["signifiers"][0].update(required=True, allow_na=False)
    from samskab.instruments.definition import parse

    strict = parse(data)
    _, errors = validate(strict, _story())
    assert [e.code for e in errors["drivers"]] == ["required"]
    _, errors = validate(strict, _story(drivers={"na": True}))
    assert [e.code for e in errors["drivers"]] == ["na_not_allowed"]


def test_story_fields_are_checked():
    clean, errors = validate(DEFINITION, StoryInput("nope", "t" * 201, " ", "", {}))
    assert clean is None
    assert {k: [e.code for e in v] for k, v in errors.items()} == {
        "prompt": ["prompt"],
        "title": ["too_long"],
        "text": ["required"],
        "level": ["required"],
    }


def test_messages_are_translated(settings):
    from django.utils import translation

    with translation.override("da"):
        _, errors = validate(DEFINITION, _story(drivers={"value": [50, 60, 30]}))
        assert "100" in errors["drivers"][0].message


# Whatever JSON a client sends as an answer's value, the outcome is a clean story or problems with
# a code: never an exception (a list for a single choice raised TypeError, a 500 in the API).
WRONG_TYPES = [["glad"], {"glad": True}, [["glad"]], [{"a": 1}], 3, 2.5, True, "x", [1, 2, 3]]
JSON = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)


@pytest.mark.parametrize("signifier", [s.id for s in DEFINITION.signifiers])
@pytest.mark.parametrize("value", WRONG_TYPES, ids=repr)
def test_every_kind_refuses_a_wrong_json_type_with_a_code(signifier, value):
    clean, errors = validate(DEFINITION, _story(**{signifier: {"value": value}}))
    if clean is None:
        assert errors and all(error.code and error.message for e in errors.values() for error in e)


@given(signifier=st.sampled_from([s.id for s in DEFINITION.signifiers]), value=JSON)
def test_any_json_value_is_judged_never_raises(signifier, value):
    clean, errors = validate(DEFINITION, _story(**{signifier: {"value": value}}))
    assert (clean is None) == bool(errors)


@pytest.mark.parametrize(
    ("field", "text"),
    [("text", "Et nul\x00tegn"), ("title", "Halv \ud800 surrogat"), ("lesson", "nul\x00")],
)
def test_texts_a_database_cannot_hold_are_refused(field, text):
    if field == "lesson":
        story = _story(lesson={"value": text})
    else:
        story = StoryInput("moment", "Titel", "Vi plantede sammen.", "employee", {})
        setattr(story, field, text)
    clean, errors = validate(DEFINITION, story)
    assert clean is None
    assert [e.code for e in errors[field]] == ["invalid_characters"]


def test_a_story_field_of_the_wrong_type_is_refused():
    story = StoryInput("moment", ["a title"], {"text": 1}, "employee", {})  # type: ignore[arg-type]
    _, errors = validate(DEFINITION, story)
    assert [e.code for e in errors["title"]] == ["invalid"]
    assert [e.code for e in errors["text"]] == ["invalid"]
