"""The release: the stories of a version as every analysis output may see them.

A describing attribute — the level, the prompt, each single or multiple choice — splits the
stories into categories. A category with fewer than k stories is a small group: shown on its
own, its stories' other answers could be read off any table by filtering to it, or by
subtracting the large categories from the total (a tracker). So, before anything is counted:

* **global recoding**: the small categories of an attribute are merged into one category,
  `SMALL` ("small groups together"), when they hold k or more stories together;
* **local suppression**: when they hold fewer than k together, their stories are left out of
  the release (of every figure, chart, list and export made from it).

Leaving stories out can make another attribute's category small, so the rules are applied
until nothing changes. "No level" and "no prompt" count as categories of their own. The
release also carries each story's cell key (`ckey`, see `disclosure.record_keys`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from samskab.analysis.disclosure import (
    DIFFERENCE_BELOW_K,
    GROUP_BELOW_K,
    LEFT_OUT,
    MERGED,
    Withheld,
    check_k,
    difference_safe,
    group_shown,
    record_keys,
)
from samskab.analysis.schema import Kind
from samskab.analysis.store import ColumnarStore, key
from samskab.analysis.types import AnyArray, BoolArray

SMALL = "__small__"  # the merged category of small groups
NONE = ""  # "no level" / "no prompt" as a category
ROUNDS = 20
STORY_ATTRIBUTES = ("level", "prompt")


@dataclass(frozen=True)
class Recoding:
    """The small categories of one attribute ("level", "prompt" or a choice's id)."""

    attribute: str
    small: frozenset[str]
    merged: bool  # True: shown together as SMALL; False: their stories are left out


@dataclass(frozen=True)
class Release:
    store: ColumnarStore
    k: int
    recodings: tuple[Recoding, ...]
    left_out: int  # stories left out (never shown as a number: it is below k per attribute)

    def small(self, attribute: str) -> frozenset[str]:
        """The categories of `attribute` that no output shows on their own."""
        for recoding in self.recodings:
            if recoding.attribute == attribute:
                return recoding.small
        return frozenset()

    def merged(self, attribute: str) -> bool:
        return any(r.attribute == attribute and r.merged for r in self.recodings)

    @property
    def withheld(self) -> tuple[Withheld, ...]:
        out = []
        merged = sum(1 for r in self.recodings if r.merged)
        if merged:
            out.append(Withheld("categories", MERGED, merged))
        if self.left_out:
            out.append(
                Withheld("stories", LEFT_OUT, sum(1 for r in self.recodings if not r.merged))
            )
        return tuple(out)


@dataclass(frozen=True)
class _Plan:
    attribute: str
    small_codes: tuple[int, ...]  # codes (-1: none) below k
    names: frozenset[str]
    bucket: BoolArray  # the kept stories in a small category
    merged: bool


def _category_plan(
    attribute: str, codes: AnyArray, vocabulary: tuple[str, ...], keep: BoolArray, k: int
) -> _Plan | None:
    """Categories -1 (none) .. len(vocabulary)-1 of a story attribute."""
    counts = np.bincount(codes[keep].astype(np.intp) + 1, minlength=len(vocabulary) + 1)
    small = [c - 1 for c in np.flatnonzero((counts > 0) & (counts < k)).tolist()]
    if not small:
        return None
    bucket = keep & np.isin(codes, small)
    names = frozenset(NONE if c < 0 else vocabulary[c] for c in small)
    return _Plan(attribute, tuple(small), names, bucket, int(bucket.sum()) >= k)


def _choice_plan(store: ColumnarStore, sid: str, keep: BoolArray, k: int) -> _Plan | None:
    signifier = store.schema.get(sid)
    rows = keep & store.answered(sid)
    if signifier.kind is Kind.SINGLE:
        codes = store.part(sid, "code")
        counts = np.bincount(codes[rows].astype(np.intp), minlength=len(signifier.parts))
    else:
        ticks = store.part(sid, "ticks")
        counts = np.asarray(ticks[rows].sum(axis=0), dtype=np.int64)
    small = np.flatnonzero((counts > 0) & (counts < k)).tolist()
    if not small:
        return None
    if signifier.kind is Kind.SINGLE:
        bucket = rows & np.isin(store.part(sid, "code"), small)
    else:
        bucket = rows & np.asarray(store.part(sid, "ticks")[:, small].any(axis=1))
    names = frozenset(signifier.parts[c] for c in small)
    return _Plan(sid, tuple(small), names, bucket, int(bucket.sum()) >= k)


def _plans(store: ColumnarStore, keep: BoolArray, k: int) -> list[_Plan]:
    schema = store.schema
    found = [
        _category_plan("level", store.column("level"), schema.levels, keep, k),
        _category_plan("prompt", store.column("prompt"), schema.prompts, keep, k),
    ]
    found += [_choice_plan(store, s.id, keep, k) for s in schema.of_kind(Kind.SINGLE, Kind.MULTI)]
    return [p for p in found if p is not None]


def _recode_story_attribute(codes: AnyArray, plan: _Plan, size: int) -> AnyArray:
    out = np.array(codes, copy=True)
    out[np.isin(codes, plan.small_codes)] = size  # the index of SMALL, appended
    return out


def _recode(store: ColumnarStore, rows: AnyArray | None, plans: list[_Plan]) -> ColumnarStore:
    """The kept rows, small categories recoded into SMALL."""
    arrays: dict[str, AnyArray] = {
        name: (array if rows is None else np.take(array, rows, axis=0))
        for name, array in store.arrays.items()
    }
    schema = store.schema
    signifiers = {s.id: s for s in schema.signifiers}
    levels, prompts = schema.levels, schema.prompts
    for plan in plans:
        if not plan.merged:
            continue
        if plan.attribute == "level":
            arrays["level"] = _recode_story_attribute(arrays["level"], plan, len(levels))
            levels = (*levels, SMALL)
        elif plan.attribute == "prompt":
            arrays["prompt"] = _recode_story_attribute(arrays["prompt"], plan, len(prompts))
            prompts = (*prompts, SMALL)
        else:
            s = signifiers[plan.attribute]
            answered = arrays[key(s.id, "state")] == 0
            if s.kind is Kind.SINGLE:
                code = np.array(arrays[key(s.id, "code")], copy=True)
                code[answered & np.isin(code, plan.small_codes)] = len(s.parts)
                arrays[key(s.id, "code")] = code
            else:
                ticks = np.array(arrays[key(s.id, "ticks")], copy=True)
                small = np.asarray(ticks[:, list(plan.small_codes)].any(axis=1), dtype=bool)
                ticks[:, list(plan.small_codes)] = False
                arrays[key(s.id, "ticks")] = np.concatenate([ticks, small[:, None]], axis=1)
            signifiers[s.id] = replace(s, parts=(*s.parts, SMALL))
    new_schema = replace(
        schema,
        signifiers=tuple(signifiers[s.id] for s in schema.signifiers),
        levels=levels,
        prompts=prompts,
    )
    return ColumnarStore(new_schema, store.change_counter, arrays, store.resolution)


def release(store: ColumnarStore, k: int, salt: int) -> Release:
    """The release of `store` for threshold k (see the module's docstring)."""
    check_k(k)
    keep = np.ones(store.n, dtype=bool)
    plans = _plans(store, keep, k)
    for _round in range(ROUNDS):
        drop = np.zeros(store.n, dtype=bool)
        for plan in plans:
            if not plan.merged:
                drop |= plan.bucket
        if not drop.any():
            break
        keep &= ~drop
        plans = _plans(store, keep, k)
        if not any(not p.merged for p in plans):
            break
    # Categories left out in an earlier round are small too (their count is now 0).
    left_out_names = _left_out_names(store, keep)
    rows = None if keep.all() else np.flatnonzero(keep)
    released = _recode(store, rows, plans) if (plans or rows is not None) else store
    arrays = dict(released.arrays)
    arrays["ckey"] = record_keys(arrays["story_id"], salt)
    released = ColumnarStore(released.schema, store.change_counter, arrays, store.resolution)
    recodings = {p.attribute: Recoding(p.attribute, p.names, p.merged) for p in plans}
    for attribute, names in left_out_names.items():
        known = recodings.get(attribute)
        small = names | (known.small if known else frozenset())
        recodings[attribute] = Recoding(attribute, small, known.merged if known else False)
    return Release(released, k, tuple(recodings.values()), int(store.n - keep.sum()))


def _left_out_names(store: ColumnarStore, keep: BoolArray) -> dict[str, frozenset[str]]:
    """Categories that had stories before the release and have none in it."""
    if keep.all():
        return {}
    out: dict[str, frozenset[str]] = {}
    schema = store.schema
    for attribute, vocabulary in (("level", schema.levels), ("prompt", schema.prompts)):
        codes = store.column(attribute)
        before = set(np.unique(codes).tolist())
        after = set(np.unique(codes[keep]).tolist())
        gone = {NONE if c < 0 else vocabulary[c] for c in before - after}
        if gone:
            out[attribute] = frozenset(gone)
    for s in schema.of_kind(Kind.SINGLE, Kind.MULTI):
        answered = store.answered(s.id)
        if s.kind is Kind.SINGLE:
            codes = store.part(s.id, "code")
            before_counts = np.bincount(codes[answered].astype(np.intp), minlength=len(s.parts))
            after_counts = np.bincount(
                codes[answered & keep].astype(np.intp), minlength=len(s.parts)
            )
        else:
            ticks = store.part(s.id, "ticks")
            before_counts = ticks[answered].sum(axis=0)
            after_counts = ticks[answered & keep].sum(axis=0)
        gone_parts = {
            s.parts[i] for i in np.flatnonzero((before_counts > 0) & (after_counts == 0)).tolist()
        }
        if gone_parts:
            out[s.id] = frozenset(gone_parts)
    return out


# --- The same rule on a table of counts (the database counts; no store needed) ---


@dataclass(frozen=True)
class CountRelease:
    """The release rule on a table of counts by several attributes (e.g. the story list's
    level, source and prompt, counted by the database): what may be shown and chosen."""

    k: int
    total: int  # stories listed without a filter (k or more, or none)
    small: Mapping[str, frozenset[str]]  # per attribute: categories never shown or chosen
    left_out: Mapping[str, frozenset[str]]  # per attribute: categories whose stories are unlisted
    offered: Mapping[str, frozenset[str]]  # per attribute: categories with k or more stories
    attributes: tuple[str, ...] = ()

    def is_small(self, attribute: str, value: str) -> bool:
        return value in self.small.get(attribute, frozenset())

    def merged(self, attribute: str) -> frozenset[str]:
        """The small categories whose stories are listed, each shown as "small group"."""
        return self.small.get(attribute, frozenset()) - self.left_out.get(attribute, frozenset())

    @property
    def leaves_out(self) -> bool:
        return any(self.left_out.values())

    @property
    def merges(self) -> bool:
        return any(self.merged(attribute) for attribute in self.attributes)

    def refusal(self, count: int) -> str | None:
        """Why a filtered list of `count` stories may not be shown (a reason code), or None."""
        if not group_shown(count, self.k):
            return GROUP_BELOW_K
        if not difference_safe(self.total, count, self.k):
            return DIFFERENCE_BELOW_K
        return None


def _small(cells: Mapping[tuple[str, ...], int], index: int, k: int) -> tuple[frozenset[str], int]:
    """The small categories of one attribute and how many stories they hold together."""
    counts: dict[str, int] = {}
    for cell, n in cells.items():
        counts[cell[index]] = counts.get(cell[index], 0) + n
    small = frozenset(value for value, n in counts.items() if 0 < n < k)
    return small, sum(counts[value] for value in small)


def _values(cells: Mapping[tuple[str, ...], int], index: int) -> set[str]:
    return {cell[index] for cell, n in cells.items() if n > 0}


def release_counts(
    cells: Mapping[tuple[str, ...], int], attributes: tuple[str, ...], k: int
) -> CountRelease:
    """The release of a table of story counts, one key position per attribute."""
    check_k(k)
    kept = {cell: n for cell, n in cells.items() if n > 0}
    left_out: list[set[str]] = [set() for _ in attributes]
    while True:  # ends: every round drops at least one category
        plans = [_small(kept, index, k) for index in range(len(attributes))]
        dropping = {i: below for i, (below, n) in enumerate(plans) if below and n < k}
        if not dropping:
            break
        for index, below in dropping.items():
            left_out[index] |= below
        kept = {
            cell: n
            for cell, n in kept.items()
            if not any(cell[index] in below for index, below in dropping.items())
        }
    small: dict[str, frozenset[str]] = {}
    offered: dict[str, frozenset[str]] = {}
    gone: dict[str, frozenset[str]] = {}
    for index, attribute in enumerate(attributes):
        # A category whose stories all went with another attribute's small group is small too.
        vanished = _values(cells, index) - _values(kept, index)
        gone[attribute] = frozenset(left_out[index] | vanished)
        small[attribute] = plans[index][0] | gone[attribute]
        offered[attribute] = frozenset(_values(kept, index) - small[attribute])
    return CountRelease(k, sum(kept.values()), small, gone, offered, attributes)
