"""Binned density on a triangular grid.

The triangle is cut into resolution**2 small triangles (`resolution` steps per side). A
point is counted in the one cell that holds it; nothing is smoothed, so no mass leaks across
the triangle's edges. Cell slot = 2 * (i * resolution + j) + down, where i and j are the
top and left steps and `down` marks the inverted triangle of the rhombus (i, j); slots that
fall outside the triangle stay empty.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from samskab.analysis.types import BoolArray, FloatArray, IntArray

DEFAULT_RESOLUTION = 20
DEFAULT_MASSES = (0.5, 0.75, 0.9)


def n_slots(resolution: int) -> int:
    return 2 * resolution * resolution


def cell_index(
    props: npt.ArrayLike, resolution: int = DEFAULT_RESOLUTION
) -> npt.NDArray[np.uint16]:
    """Cell slot of each (top, left, right) row; rows with NaN get slot 0 (mask them out)."""
    if not 1 <= resolution <= 181:
        raise ValueError("The resolution must be between 1 and 181.")
    p = np.nan_to_num(np.asarray(props, dtype=np.float64), nan=0.0)
    x = p[:, 0] * resolution
    y = p[:, 1] * resolution
    i = np.minimum(np.floor(x), resolution - 1).astype(np.int64)
    j = np.minimum(np.floor(y), resolution - 1 - i).clip(0).astype(np.int64)
    down = ((x - i) + (y - j) > 1.0) & (i + j <= resolution - 2)
    return (2 * (i * resolution + j) + down).astype(np.uint16)


@functools.lru_cache(maxsize=8)
def valid_slots(resolution: int) -> BoolArray:
    """Which slots are real cells of the triangle (cached, read-only)."""
    i, j = np.divmod(np.arange(resolution * resolution), resolution)
    valid = np.empty(n_slots(resolution), dtype=bool)
    valid[0::2] = i + j <= resolution - 1
    valid[1::2] = i + j <= resolution - 2
    valid.flags.writeable = False
    return valid


@functools.lru_cache(maxsize=8)
def cell_vertices(resolution: int) -> FloatArray:
    """(slots, 3, 3) barycentric (top, left, right) corners of every slot's triangle (cached,
    read-only)."""
    i, j = np.divmod(np.arange(resolution * resolution), resolution)
    up = np.stack([[i, j], [i + 1, j], [i, j + 1]], axis=0)
    down = np.stack([[i + 1, j], [i, j + 1], [i + 1, j + 1]], axis=0)
    out = np.empty((n_slots(resolution), 3, 3))
    for offset, tri in ((0, up), (1, down)):
        tops = tri[:, 0, :].T / resolution
        lefts = tri[:, 1, :].T / resolution
        out[offset::2, :, 0] = tops
        out[offset::2, :, 1] = lefts
        out[offset::2, :, 2] = 1.0 - tops - lefts
    out.flags.writeable = False
    return out


def bin_counts(cells: npt.NDArray[np.uint16], resolution: int = DEFAULT_RESOLUTION) -> IntArray:
    """Counts per slot of already filtered cell indices."""
    return np.bincount(cells, minlength=n_slots(resolution)).astype(np.int64)


def contour_levels(counts: IntArray, masses: tuple[float, ...] = DEFAULT_MASSES) -> IntArray:
    """Count thresholds of the highest-density regions holding at least each share of stories.

    The level for mass m is the smallest cell count c such that the cells with count >= c
    hold at least m of all counted stories; contours drawn at these counts enclose them.
    """
    total = int(counts.sum())
    if total == 0:
        return np.zeros(len(masses), dtype=np.int64)
    ordered = np.sort(counts[counts > 0])[::-1]
    cumulative = np.cumsum(ordered) / total
    positions = np.searchsorted(cumulative, np.asarray(masses) - 1e-12)
    positions = np.minimum(positions, len(ordered) - 1)
    return ordered[positions].astype(np.int64)


@dataclass(frozen=True)
class Density:
    """A binned density: counts per slot, -1 where withheld (see `hidden`)."""

    resolution: int
    counts: IntArray
    hidden: BoolArray
    levels: IntArray
    total: int
    reasons: tuple[str, ...]
