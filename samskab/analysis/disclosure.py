"""Disclosure control: the one place that decides what about a set of stories may be shown.

The model (docs/disclosure.md) in four rules:

* k defaults to 5, may be raised, and is never below 3 (`MIN_K`).
* **Release** (`analysis.release`): before anything is analysed, every category of a
  describing attribute (level, prompt, each choice) that holds fewer than k stories is merged
  with the other small ones into one category (global recoding); when they hold fewer than k
  together, their stories are left out (local suppression). Every output is computed from the
  release, so no filter, table or difference of totals can single out a small category.
* **Exact figures** (staff who may read stories): a set, a list or a statistic over fewer
  than k stories is withheld; a cell below k is hidden on its own (primary suppression). No
  complementary suppression: the reader may read the release's stories one by one, so hiding
  large cells would protect nothing and hide what the analysis needs.
* **Perturbed figures** (viewers and every published output: cell-key method): each story
  has a fixed random key (0-255, from a keyed hash of its id); a cell's key is the sum of its
  stories' keys modulo 256, and the perturbation is read from `PTABLE` at (count, cell key).
  The same cell gives the same figure every time, so repeating or differencing queries does
  not average the noise away; counts 0 to k-1 are shown as one "fewer than k". Filters are
  coarse and predefined (no exact ranges, regions, cells, dates or text).

Results carry machine-readable reason codes; the UI translates them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from samskab.analysis.types import BoolArray, IntArray

DEFAULT_K = 5
MIN_K = 3

GROUP_BELOW_K = "group_below_k"
CELL_BELOW_K = "cell_below_k"
DIFFERENCE_BELOW_K = "difference_below_k"
HIDDEN_CATEGORY = "hidden_category"
SMALL_CATEGORY = "small_category"  # a filter names a category the release merged or left out
PERTURBED = "perturbed"  # counts carry cell-key noise
MERGED = "small_groups_merged"  # small categories shown together
LEFT_OUT = "small_groups_left_out"  # stories of small categories left out of every figure
COARSE_ONLY = "coarse_filters_only"  # an exact filter asked by someone who sees perturbed figures
# Why a passage of a story may not be published (`explorer.services.publish`).
STORY_LEFT_OUT = "story_left_out"  # the story's group is too small even merged
QUOTE_NOT_IN_STORY = "quote_not_in_story"  # not a passage of the story's masked text
PERSONAL_DATA = "personal_data"  # the masker finds personal data in the quote
STILL_BUILDING = "store_building"  # the collection's store is being prepared
FILTER_INVALID = "filter_invalid"  # a saved view's filters no longer fit the collection

# Cell-key perturbation table: the noise added to a count of at least k, by cell key. The
# base distribution (d = -2..+2) has mean 0 and variance 1.2; near k it is cut to the
# symmetric part that keeps every count at k or more (k: no noise; k+1: -1..+1).
PTABLE_STEPS = (-2, -1, 0, 1, 2)
PTABLE_WEIGHTS = (0.1, 0.2, 0.4, 0.2, 0.1)
KEY_RANGE = 256


def check_k(k: int) -> int:
    if k < MIN_K:
        raise ValueError(f"The disclosure threshold k must be at least {MIN_K}.")
    return k


@dataclass(frozen=True)
class Withheld:
    """What was withheld and why: `item` names the thing (e.g. 'group_a', 'cells')."""

    item: str
    reason: str
    count: int = 1


@dataclass(frozen=True)
class SuppressedTable:
    counts: IntArray  # what may be shown: exact or perturbed; meaningless where hidden
    hidden: BoolArray
    withheld: tuple[Withheld, ...]

    @property
    def shown(self) -> IntArray:
        """Counts with hidden cells as -1."""
        return np.where(self.hidden, -1, self.counts)


def group_shown(n: int, k: int = DEFAULT_K) -> bool:
    return n >= check_k(k)


def suppress_cells(counts: IntArray, k: int = DEFAULT_K) -> SuppressedTable:
    """Hide cells with 0 < count < k, each on its own (primary suppression).

    Zero cells stay visible: that no story lies somewhere reveals nobody.
    """
    check_k(k)
    counts = np.asarray(counts, dtype=np.int64)
    hidden = (counts > 0) & (counts < k)
    withheld = (Withheld("cells", CELL_BELOW_K, int(hidden.sum())),) if hidden.any() else ()
    return SuppressedTable(counts, hidden, withheld)


def difference_safe(parent: int, child: int, k: int = DEFAULT_K) -> bool:
    """Whether showing both totals keeps their difference at 0 or at least k."""
    gap = parent - child
    return gap == 0 or gap >= check_k(k)


def selects_hidden(counts: IntArray, selected: list[int], k: int = DEFAULT_K) -> bool:
    """Whether any selected category is hidden when the table `counts` is shown."""
    if not selected:
        return False
    return bool(suppress_cells(counts, k).hidden[np.asarray(selected, dtype=np.int64)].any())


# --- The cell-key method ---


def salt_from(secret: str, scope: str) -> int:
    """A 64-bit salt for one collection, derived from the installation's secret."""
    digest = hashlib.blake2b(f"{scope}".encode(), key=secret.encode()[:64], digest_size=8)
    return int.from_bytes(digest.digest(), "little")


def record_keys(story_ids: npt.ArrayLike, salt: int) -> npt.NDArray[np.uint8]:
    """Each story's fixed key in 0..255: a keyed mix (SplitMix64 finaliser) of its id.

    Without the secret the keys look random; with it they are the same on every call, so a
    cell's perturbation never changes.
    """
    z = np.asarray(story_ids, dtype=np.uint64) ^ np.uint64(salt & 0xFFFFFFFFFFFFFFFF)
    with np.errstate(over="ignore"):
        z = z + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return np.asarray(z >> np.uint64(56), dtype=np.uint8)


def ptable_row(n: int, k: int) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """The perturbations allowed for a count n >= k and their probabilities."""
    steps = [d for d in PTABLE_STEPS if n + d >= k and n - d >= k]
    weights = [PTABLE_WEIGHTS[PTABLE_STEPS.index(d)] for d in steps]
    total = sum(weights)
    return tuple(steps), tuple(w / total for w in weights)


def perturbation(n: int, cell_key: int, k: int) -> int:
    """The noise for a count n (>= k) whose cell key is `cell_key` (0..255)."""
    steps, probabilities = ptable_row(n, k)
    u = (int(cell_key) % KEY_RANGE + 0.5) / KEY_RANGE
    cumulative = 0.0
    for step, p in zip(steps, probabilities, strict=True):
        cumulative += p
        if u < cumulative:
            return step
    return steps[-1]


def perturb_table(counts: IntArray, key_sums: npt.ArrayLike, k: int) -> SuppressedTable:
    """Cell-key perturbed counts: below k (zero included) hidden as one "fewer than k"."""
    check_k(k)
    counts = np.asarray(counts, dtype=np.int64)
    keys = np.asarray(key_sums, dtype=np.int64) % KEY_RANGE
    shown = counts.copy()
    for i in np.flatnonzero(counts >= k):
        shown[i] = counts[i] + perturbation(int(counts[i]), int(keys[i]), k)
    hidden = counts < k
    # That figures are perturbed is said once per page (`PERTURBED`), not per table.
    small = hidden & (counts > 0)
    withheld = (Withheld("cells", CELL_BELOW_K, int(small.sum())),) if small.any() else ()
    return SuppressedTable(shown, hidden, withheld)


def key_sum(mask: BoolArray, keys: npt.NDArray[np.uint8]) -> int:
    """The cell key of a set: its stories' keys summed modulo 256.

    A dot product in uint8 wraps modulo 256 by itself, and is ten times faster than summing
    the selected keys.
    """
    selected = np.ascontiguousarray(mask, dtype=bool).view(np.uint8)
    return int(np.dot(selected, np.ascontiguousarray(keys, dtype=np.uint8))) % KEY_RANGE


@dataclass(frozen=True)
class Guard:
    """How figures are protected for one reader: k, and the record keys when perturbed.

    `keys` is the release's `ckey` column (None: exact figures for staff who may read the
    stories). Every count shown goes through `table` or `count`.
    """

    k: int = DEFAULT_K
    keys: npt.NDArray[np.uint8] | None = None

    def __post_init__(self) -> None:
        check_k(self.k)

    @property
    def perturbs(self) -> bool:
        return self.keys is not None

    def table(self, counts: IntArray, key_sums: npt.ArrayLike | None = None) -> SuppressedTable:
        """A table of counts as this reader may see it."""
        if self.keys is None:
            return suppress_cells(counts, self.k)
        if key_sums is None:
            raise ValueError("Perturbed tables need the cells' key sums.")
        return perturb_table(counts, key_sums, self.k)

    def count(self, mask: BoolArray) -> int:
        """The size of a set as this reader may see it; -1 below k."""
        n = int(np.count_nonzero(mask))
        if n < self.k:
            return -1
        if self.keys is None:
            return n
        return n + perturbation(n, key_sum(mask, self.keys), self.k)


def as_guard(k: int | Guard) -> Guard:
    """A guard from k (exact figures) or the guard itself."""
    return k if isinstance(k, Guard) else Guard(check_k(k))
