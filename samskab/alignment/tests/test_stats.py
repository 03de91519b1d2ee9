"""Hand-computed cases for the alignment statistics (no database, no Django)."""

from __future__ import annotations

from samskab.alignment.stats import (
    Answer,
    distribution,
    hinges,
    median,
    summarise,
)


def test_median_odd_and_even():
    assert median([]) is None
    assert median([3]) == 3
    assert median([0, 1, 4]) == 1
    assert median([1, 2, 3, 4]) == 2.5  # halfway between the two middle ratings


def test_hinges_are_medians_of_the_halves():
    # 0 1 2 3 4 → lower half 0 1 2 (median 1), upper half 2 3 4 (median 3)
    assert hinges([0, 1, 2, 3, 4]) == (1, 3)
    # 0 0 1 4 → lower 0 0 (0), upper 1 4 (2.5)
    assert hinges([0, 0, 1, 4]) == (0, 2.5)
    assert hinges([2]) == (2, 2)
    assert hinges([]) == (None, None)


def test_distribution_counts_dont_know_but_leaves_it_out_of_the_median():
    dist = distribution([4, 4, None, 0, 3, None, 2])
    assert dist.counts == (1, 0, 1, 1, 2)
    assert dist.dont_know == 2
    assert dist.n == 7 and dist.rated == 5
    # ordered ratings 0 2 3 4 4: median 3; lower half 0 2 3 → 2, upper half 3 4 4 → 4
    assert dist.median == 3
    assert (dist.q1, dist.q3, dist.iqr) == (2, 4, 2)


def test_only_dont_know_has_no_median():
    dist = distribution([None, None])
    assert dist.median is None and dist.iqr is None and dist.n == 2


def _answers(group, ratings, gain="g"):
    return [Answer(group, {gain: rating}) for rating in ratings]


def test_small_groups_are_hidden_but_counted_overall():
    answers = _answers("citizen", [4, 4, 4, 3, 4]) + _answers("politician", [0, 0])
    result = summarise(answers, ["g"], ["politician", "citizen"])
    assert result.shown_groups == (("citizen", 5),)
    assert result.hidden_groups == ("politician",)
    gain = result.gains[0]
    assert [group.group for group in gain.groups] == ["citizen"]
    assert gain.overall.n == 7
    assert gain.overall.counts == (2, 0, 0, 1, 4)
    assert gain.group_gap is None  # only one group shown


def test_threshold_is_inclusive_at_five():
    answers = _answers("citizen", [1] * 4) + _answers("employee", [2] * 5)
    result = summarise(answers, ["g"], min_group_size=5)
    assert result.hidden_groups == ("citizen",)
    assert result.shown_groups == (("employee", 5),)


def test_gap_between_group_medians_and_ranking():
    # Gain "a": employees median 4, citizens median 1 → gap 3.
    # Gain "b": both medians 2, but answers spread 0..4 → gap 0, IQR 3 (hinges 0.5 and 3.5).
    # Gain "c": everyone says 2 → gap 0, IQR 0.
    employees = [
        {"a": 4, "b": 0, "c": 2},
        {"a": 4, "b": 1, "c": 2},
        {"a": 4, "b": 2, "c": 2},
        {"a": 3, "b": 3, "c": 2},
        {"a": 4, "b": 4, "c": 2},
    ]
    citizens = [
        {"a": 1, "b": 4, "c": 2},
        {"a": 1, "b": 3, "c": 2},
        {"a": 0, "b": 2, "c": 2},
        {"a": 2, "b": 1, "c": 2},
        {"a": 1, "b": 0, "c": 2},
    ]
    answers = [Answer("employee", r) for r in employees] + [Answer("citizen", r) for r in citizens]
    result = summarise(answers, ["c", "b", "a"], ["employee", "citizen"])
    by_code = {gain.gain: gain for gain in result.gains}
    assert by_code["a"].group_gap == 3
    high, low = by_code["a"].highest_group, by_code["a"].lowest_group
    assert high is not None and high.group == "employee"
    assert low is not None and low.group == "citizen"
    assert by_code["b"].group_gap == 0
    # b overall: 0 0 1 1 2 2 3 3 4 4 → lower half 0 0 1 1 2 (1), upper 2 3 3 4 4 (3)
    assert by_code["b"].overall.iqr == 2
    assert by_code["c"].overall.iqr == 0
    assert [gain.gain for gain in result.by_divergence()] == ["a", "b", "c"]


def test_ranking_by_iqr_when_fewer_than_two_groups_are_shown():
    answers = [Answer("citizen", {"calm": 2, "split": rating}) for rating in (0, 0, 4, 4)]
    result = summarise(answers, ["calm", "split"])
    assert [gain.gain for gain in result.by_divergence()] == ["split", "calm"]


def test_stats_module_does_not_import_django():
    import subprocess
    import sys

    code = (
        "import sys, samskab.alignment.stats; "
        "sys.exit(1 if any(m.startswith('django') for m in sys.modules) else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False)  # noqa: S603
    assert result.returncode == 0
