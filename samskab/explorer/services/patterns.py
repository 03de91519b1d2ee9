"""Patterns worth a look: for one grouping, every group against the rest of the stories.

Design choice: one-versus-rest (each level or option against the stories with another level
or option), not all pairs: it gives one comparison per group and signifier aspect, which
reads as "what is special about this group". Benjamini–Hochberg q-values are computed over
every test on the page together, and the list is ranked by the standardised effect (the
value the magnitude label is read from), strongest first. Groups below k, or whose rest is
below k, are left out and named; the merged "small groups together" is a group like any other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from samskab.analysis.compare import CompareOptions, Comparison
from samskab.analysis.disclosure import check_k
from samskab.analysis.release import SMALL
from samskab.analysis.report import compare_groups
from samskab.analysis.schema import Kind
from samskab.analysis.stats import with_q
from samskab.analysis.store import ColumnarStore
from samskab.analysis.types import BoolArray

LIMIT = 60


@dataclass(frozen=True)
class Grouping:
    """Level (`signifier` None) or a single-choice signifier."""

    signifier: str | None
    values: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    group: str
    comparison: Comparison


@dataclass(frozen=True)
class PatternList:
    patterns: tuple[Pattern, ...]
    left_out: tuple[str, ...]
    total: int


def grouping_for(store: ColumnarStore, key: str) -> Grouping:
    if key == "level" or not key:
        return Grouping(None, store.schema.levels)
    signifier = store.schema.get(key)
    if signifier.kind is not Kind.SINGLE:
        raise KeyError(key)
    return Grouping(key, signifier.parts)


def group_masks(
    store: ColumnarStore, grouping: Grouping, base: BoolArray
) -> dict[str, tuple[BoolArray, BoolArray]]:
    """Each value's stories and the rest (stories with another value) within `base`."""
    if grouping.signifier is None:
        codes = store.column("level")
    else:
        answered = store.answered(grouping.signifier)
        codes = np.where(answered, store.part(grouping.signifier, "code"), -1)
    known = base & (codes >= 0)
    return {
        value: (known & (codes == i), known & (codes != i))
        for i, value in enumerate(grouping.values)
    }


def strength(c: Comparison) -> float:
    return abs(c.effect.magnitude_value) if c.effect is not None else -1.0


def find_patterns(
    store: ColumnarStore,
    grouping: Grouping,
    base: BoolArray,
    k: int,
    seed: int = 0,
    small: frozenset[str] = frozenset(),
) -> PatternList:
    """`small`: the grouping's categories below k in the version (never named)."""
    check_k(k)
    options = CompareOptions(k=k, seed=seed)
    found: list[Pattern] = []
    left_out: list[str] = []
    groups = group_masks(store, grouping, base)
    # The store is a release (`analysis.release`): categories below k in the version hold no
    # stories there (merged into SMALL or left out), so they are skipped without a word. A
    # group below k within `base`, or whose rest is, is left out and named.
    for value, (mine, rest) in groups.items():
        size = int(mine.sum())
        if size == 0 and (value in small or value == SMALL):
            continue
        if size < k or int(rest.sum()) < k:
            left_out.append(value)
            continue
        report = compare_groups(store, mine, rest, options)
        found += [Pattern(value, c) for c in report.comparisons if c.test is not None]
    tests = with_q([p.comparison.test for p in found])
    found = [
        Pattern(p.group, replace(p.comparison, test=t)) for p, t in zip(found, tests, strict=True)
    ]
    found.sort(key=lambda p: (-strength(p.comparison), _q(p.comparison)))
    return PatternList(tuple(found[:LIMIT]), tuple(left_out), len(found))


def _q(c: Comparison) -> float:
    if c.test is None or c.test.q is None or math.isnan(c.test.q):
        return 1.0
    return c.test.q
