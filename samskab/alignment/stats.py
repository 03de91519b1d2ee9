"""Statistics for expectation alignment: plain functions on plain data, no Django.

Ratings are ordinal (0 = not at all … 4 = very much; ``None`` = "don't know"), so we report counts
per step, medians and quartiles, never means. Quartiles use linear interpolation between the
ordered ratings (numpy's default, a spreadsheet's QUARTILE.INC), so a median or quartile may fall
halfway between two steps.

Divergence ("where hopes diverge most"): for each gain, the gap between the highest and the
lowest median of the actor groups shown (groups with at least ``MIN_GROUP_SIZE`` answers). Gains
are ranked by that gap, then by the interquartile range (IQR) of all ratings; a gain with fewer
than two group medians counts as a gap of 0. "Don't know" is left out of medians and quartiles
but counted and shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

STEPS = 5  # scale steps 0..4
MIN_GROUP_SIZE = 5


@dataclass(frozen=True)
class Answer:
    """One respondent: their actor group and a rating (or None) per gain code."""

    group: str
    ratings: Mapping[str, int | None]


@dataclass(frozen=True)
class Distribution:
    counts: tuple[int, ...]  # how many chose each step 0..4
    dont_know: int
    median: float | None
    q1: float | None
    q3: float | None

    @property
    def rated(self) -> int:
        return sum(self.counts)

    @property
    def n(self) -> int:
        return self.rated + self.dont_know

    @property
    def iqr(self) -> float | None:
        if self.q1 is None or self.q3 is None:
            return None
        return self.q3 - self.q1


@dataclass(frozen=True)
class GroupResult:
    group: str
    responses: int
    distribution: Distribution


@dataclass(frozen=True)
class GainResult:
    gain: str
    overall: Distribution
    groups: tuple[GroupResult, ...]  # only the groups large enough to show

    def _with_median(self) -> list[GroupResult]:
        return [group for group in self.groups if group.distribution.median is not None]

    @property
    def lowest_group(self) -> GroupResult | None:
        groups = self._with_median()
        return min(groups, key=_median_of) if len(groups) > 1 else None

    @property
    def highest_group(self) -> GroupResult | None:
        groups = self._with_median()
        return max(groups, key=_median_of) if len(groups) > 1 else None

    @property
    def group_gap(self) -> float | None:
        """Highest minus lowest group median, or None with fewer than two group medians."""
        high, low = self.highest_group, self.lowest_group
        if high is None or low is None:
            return None
        return _median_of(high) - _median_of(low)


@dataclass(frozen=True)
class RoundResults:
    responses: int
    gains: tuple[GainResult, ...]
    shown_groups: tuple[tuple[str, int], ...]  # (group, number of answers)
    hidden_groups: tuple[str, ...]  # groups with answers but fewer than the threshold

    def by_divergence(self) -> list[GainResult]:
        """Gains ordered from the most to the least divergent (stable for ties)."""
        return sorted(self.gains, key=divergence_key, reverse=True)


def _median_of(group: GroupResult) -> float:
    return group.distribution.median or 0.0


def divergence_key(result: GainResult) -> tuple[float, float]:
    return (result.group_gap or 0.0, result.overall.iqr or 0.0)


def median(ordered: Sequence[int]) -> float | None:
    """The median of ``ordered`` (sorted); None if empty."""
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def hinges(ordered: Sequence[int]) -> tuple[float | None, float | None]:
    """Lower and upper quartile as Tukey's hinges; (None, None) if empty."""
    half = (len(ordered) + 1) // 2
    return median(ordered[:half]), median(ordered[len(ordered) - half :])


def distribution(ratings: Iterable[int | None]) -> Distribution:
    counts = [0] * STEPS
    dont_know = 0
    for rating in ratings:
        if rating is None:
            dont_know += 1
        else:
            counts[rating] += 1
    ordered = [step for step, count in enumerate(counts) for _ in range(count)]
    q1, q3 = hinges(ordered)
    return Distribution(
        counts=tuple(counts), dont_know=dont_know, median=median(ordered), q1=q1, q3=q3
    )


def _ratings(answers: Iterable[Answer], gain: str) -> list[int | None]:
    return [answer.ratings[gain] for answer in answers if gain in answer.ratings]


def group_answers(answers: Iterable[Answer], order: Sequence[str]) -> dict[str, list[Answer]]:
    """Answers per group, in the order of ``order`` (unknown groups last), empty groups left out."""
    grouped: dict[str, list[Answer]] = {}
    for answer in answers:
        grouped.setdefault(answer.group, []).append(answer)
    rank = {group: index for index, group in enumerate(order)}
    return dict(sorted(grouped.items(), key=lambda item: rank.get(item[0], len(rank))))


def summarise(
    answers: Sequence[Answer],
    gains: Sequence[str],
    group_order: Sequence[str] = (),
    min_group_size: int = MIN_GROUP_SIZE,
) -> RoundResults:
    """Distributions per gain, overall and for every group with at least ``min_group_size``."""
    grouped = group_answers(answers, group_order)
    shown = {group: rows for group, rows in grouped.items() if len(rows) >= min_group_size}
    results = tuple(
        GainResult(
            gain=gain,
            overall=distribution(_ratings(answers, gain)),
            groups=tuple(
                GroupResult(group, len(rows), distribution(_ratings(rows, gain)))
                for group, rows in shown.items()
            ),
        )
        for gain in gains
    )
    return RoundResults(
        responses=len(answers),
        gains=results,
        shown_groups=tuple((group, len(rows)) for group, rows in shown.items()),
        hidden_groups=tuple(group for group in grouped if group not in shown),
    )
