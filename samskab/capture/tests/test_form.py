"""The story form on its own: reading inputs, the three answer states, and mapped errors."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from samskab.capture.forms import HONEYPOT, StoryForm
from samskab.capture.tests.conftest import CONSENT, story_data
from samskab.instruments.samples import sample_definition


def _query(data):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return query


def _form(language="da", **overrides):
    return StoryForm(
        sample_definition(), language, _query(story_data(**overrides)), consent_text=CONSENT
    )


def test_a_complete_story_reads_every_signifier_type():
    form = _form()
    assert form.is_valid(), form.errors
    story = form.story
    assert story.prompt == "moment"
    assert story.level == "volunteer_citizen"
    answers = story.answers
    assert answers["drivers"] == {"state": "answered", "value": [0.5, 0.25, 0.25]}
    assert answers["difference"] == {"state": "na"}
    assert answers["decided"] == {"state": "answered", "value": 0.3}
    assert answers["felt"] == {"state": "skipped"}
    assert answers["actors"] == {"state": "answered", "value": {"citizens": [0.1, 0.9]}}
    assert answers["frequency"] == {"state": "answered", "value": "rarely"}
    assert answers["feelings"] == {"state": "answered", "value": ["glad", "proud"]}
    assert answers["lesson"] == {"state": "answered", "value": "Spørg borgerne først."}


def test_danish_decimal_commas_and_percent_signs_are_read():
    form = _form(**{"s-drivers-top": "33,4 %", "s-drivers-left": "33,3", "s-drivers-right": "33.3"})
    assert form.is_valid(), form.errors
    assert sum(form.story.answers["drivers"]["value"]) == pytest.approx(1.0)


def test_a_triad_within_tolerance_is_closed_to_exactly_one():
    form = _form(**{"s-drivers-top": "50", "s-drivers-left": "25", "s-drivers-right": "26"})
    assert form.is_valid(), form.errors
    shares = form.story.answers["drivers"]["value"]
    assert sum(shares) == pytest.approx(1.0, abs=1e-12)
    assert shares[0] == pytest.approx(50 / 101)


def test_a_triad_beyond_tolerance_is_rejected_on_its_question():
    form = _form(**{"s-drivers-top": "50", "s-drivers-left": "25", "s-drivers-right": "40"})
    assert not form.is_valid()
    group = next(g for g in form.groups() if g.id == "drivers")
    assert len(group.errors) == 1 and "100" in group.errors[0]
    assert group.fields["top"].field.widget.attrs["aria-invalid"] == "true"
    assert group.fields["left"].field.widget.attrs["aria-describedby"] == "s-drivers-error"


def test_shares_typed_as_fractions_are_not_mistaken_for_percentages():
    form = _form(**{"s-drivers-top": "0,3", "s-drivers-left": "0,3", "s-drivers-right": "0,4"})
    assert not form.is_valid()


def test_a_partly_filled_triad_asks_for_all_three():
    form = _form(**{"s-drivers-right": ""})
    assert not form.is_valid()
    assert next(g for g in form.groups() if g.id == "drivers").errors


def test_percent_out_of_range_or_not_a_number():
    form = _form(**{"s-decided-value": "130", "s-drivers-top": "mange"})
    assert not form.is_valid()
    errors = {g.id: g.errors for g in form.groups() if g.errors}
    assert set(errors) == {"decided", "drivers"}
    assert len(errors["drivers"]) == 1  # no extra "needs three shares" on top of the input's own


def test_not_applicable_with_a_value_is_rejected():
    form = _form(**{"s-decided-na": "on"})
    assert not form.is_valid()
    assert next(g for g in form.groups() if g.id == "decided").errors


def test_a_stone_with_a_position_but_not_placed_is_rejected_not_dropped():
    form = _form(**{"s-actors-staff-x": "40", "s-actors-staff-y": "40"})
    assert not form.is_valid()
    assert "medarbejdere" in next(g for g in form.groups() if g.id == "actors").errors[0]


def test_unknown_fields_are_rejected():
    form = _form(extra_field="x")
    assert not form.is_valid()
    assert "extra_field" in str(form.non_field_errors())


def test_story_text_is_required_and_limited():
    assert "text" in _form(text="").errors
    assert "text" in _form(text="x" * 3001).errors


def test_too_many_choices_and_unknown_options():
    form = _form(**{"s-feelings-choice": ["glad", "proud", "hopeful", "worried"]})
    assert not form.is_valid()
    form = _form(**{"s-frequency-choice": "never"})
    assert not form.is_valid()


def test_consent_is_required():
    form = _form(consent=None)
    assert "consent" in form.errors


def test_level_is_required_by_the_sample():
    assert "level" in _form(level=None).errors
    assert "level" in _form(level="king").errors


def test_labels_follow_the_language():
    form = StoryForm(sample_definition(), "en", consent_text=CONSENT)
    assert form.fields["consent"].label == CONSENT["en"]
    group = form.groups()[0]
    assert group.corners[0].label == "citizens' own ideas and energy"


def test_the_honeypot_is_only_in_the_public_form():
    assert HONEYPOT in StoryForm(sample_definition(), "da").fields
    assert HONEYPOT not in StoryForm(sample_definition(), "da", assisted=True).fields
    assert _form(**{HONEYPOT: "http://spam"}).honeypot_filled


def test_an_unbound_form_renders_for_the_editor_preview():
    from django.template.loader import render_to_string

    definition = sample_definition()
    html = render_to_string(
        "capture/partials/_story_form.html",
        {"form": StoryForm(definition, "da"), "definition": definition, "language": "da"},
    )
    assert 'id="s-drivers"' in html and "Ikke relevant" in html
    assert "<form" not in html


FIELD_NAMES = sorted(StoryForm(sample_definition(), "da").fields) + ["unknown", "s-x-top"]
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["", "50", "33,3", "-1", "1e400", "nan", "101", "on", "moment", "glad", "\x00"]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELD_NAMES), st.lists(TEXT, min_size=1, max_size=3)))
def test_any_input_is_judged_never_crashes(data):
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    form = StoryForm(sample_definition(), "da", query, consent_text=CONSENT)
    if form.is_valid():
        assert form.story is not None
    form.groups()
    form.error_links()
