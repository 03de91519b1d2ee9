"""Where an indicator stands between baseline and target, in either direction."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from samskab.measurement.models import Indicator, Measurement
from samskab.measurement.services.progress import Noise, Standing, progress, standing, trend


def _indicator(direction="higher", baseline=20.0, target=40.0, source="manual"):
    return Indicator(
        direction=direction,
        baseline_value=baseline,
        target_value=target,
        unit="percent",
        source=source,
    )


def _rows(*values):
    day = datetime.date(2025, 1, 1)
    return [
        Measurement(
            period_start=day + datetime.timedelta(days=30 * i),
            period_end=day + datetime.timedelta(days=30 * i + 29),
            value=v,
        )
        for i, v in enumerate(values)
    ]


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "latest", "fraction", "where"),
    [
        ("higher", 20, 40, 30, 0.5, Standing.TOWARDS),
        ("higher", 20, 40, 40, 1.0, Standing.REACHED),
        ("higher", 20, 40, 45, 1.25, Standing.REACHED),
        ("higher", 20, 40, 10, -0.5, Standing.AWAY),
        ("higher", 20, 40, 20.2, 0.01, Standing.UNCHANGED),
        ("lower", 50, 30, 40, 0.5, Standing.TOWARDS),
        ("lower", 50, 30, 60, -0.5, Standing.AWAY),
        ("lower", 50, 30, 25, 1.25, Standing.REACHED),
    ],
)
def test_standing_in_both_directions(direction, baseline, target, latest, fraction, where):
    got_fraction, got_where = standing(_indicator(direction, baseline, target), latest)
    assert got_fraction == pytest.approx(fraction)
    assert got_where == where


def test_no_baseline_and_no_data():
    assert standing(_indicator(baseline=None), 30) == (None, Standing.NO_BASELINE)
    assert standing(_indicator(), None) == (None, Standing.NO_DATA)


def test_no_target_still_says_towards_or_away():
    assert standing(_indicator(target=None), 30)[1] == Standing.TOWARDS
    assert standing(_indicator("lower", target=None), 30)[1] == Standing.AWAY


def test_trend_uses_the_last_two_values():
    assert trend([10, 20, 15]) == "down"
    assert trend([10, 12]) == "up"
    assert trend([10, 10.1]) == "flat"
    assert trend([10]) == ""


def test_withheld_periods_are_kept_but_not_the_latest():
    rows = _rows(22, 28, None)
    rows[2].withheld = "group_below_k"
    state = progress(_indicator(), rows)
    assert state.latest is rows[1]
    assert state.withheld_count == 1
    assert state.percent_of_way == 40


def test_hand_entered_values_make_no_claim_about_chance():
    with translation.override("en"):
        state = progress(_indicator(), _rows(22, 39))
    assert state.change.verdict == Noise.UNKNOWN
    assert "chance" in state.change.sentence


def test_a_computed_move_within_noise_is_not_called_progress(monkeypatch, db):
    from samskab.analysis.indicators import ChangeTest
    from samskab.measurement.services import computed

    indicator = _indicator(source="computed")
    indicator.pk = 1
    rows = _rows(21.0, 21.4)
    for row in rows:
        row.n, row.lower, row.upper = 300, row.value - 4, row.value + 4
    noise = ChangeTest(0.4, -6.0, 6.6, 0.9, "share_difference", 300, 300)
    monkeypatch.setattr(computed, "change_since_baseline", lambda ind: noise)
    state = progress(indicator, rows)
    assert state.change.verdict == Noise.NOT_DISTINGUISHABLE
    assert state.standing == Standing.WITHIN_NOISE
    clear = ChangeTest(9.0, 3.0, 15.0, 0.001, "share_difference", 300, 300)
    monkeypatch.setattr(computed, "change_since_baseline", lambda ind: clear)
    indicator.pk = 2  # another cache key
    with translation.override("en"):
        state = progress(indicator, _rows(21.0, 30.0))
    assert state.change.verdict == Noise.DISTINGUISHABLE
    assert state.standing == Standing.TOWARDS
    assert "does not show by itself what caused it" in state.change.sentence
