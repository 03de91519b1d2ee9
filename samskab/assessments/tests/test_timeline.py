from __future__ import annotations

from samskab.assessments.timeline import change, points, x_positions, y_of


def test_change_from_first_to_latest_score():
    assert change([2, 3, 4]) == 2
    assert change([4, None, 3]) == -1
    assert change([None, 2, None, 2]) == 0
    assert change([None, 3]) is None
    assert change([]) is None


def test_chart_points_skip_not_relevant():
    assert y_of(5) < y_of(1)
    xs = x_positions(3)
    assert xs[0] < xs[1] < xs[2]
    drawn = points([1, None, 5])
    assert [(p.x, p.score) for p in drawn] == [(xs[0], 1), (xs[2], 5)]
    assert len(x_positions(1)) == 1
