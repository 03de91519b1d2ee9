"""The seven triad zones and the five dyad bands analysts expect (SenseMaker convention).

Corner zone: that corner's share >= 60 %. Side zone between two corners: both in
[20 %, 60 %) and the third < 20 %. Centre: all three in [20 %, 60 %). For a closed
composition these cover the triangle without overlap. Shares are rounded to six decimals
first so that float32 storage cannot move a point across a boundary.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
import numpy.typing as npt

from samskab.analysis.types import FloatArray

LOW = 0.2
HIGH = 0.6
NO_ZONE = -1


class Zone(IntEnum):
    TOP = 0
    LEFT = 1
    RIGHT = 2
    TOP_LEFT = 3
    TOP_RIGHT = 4
    LEFT_RIGHT = 5
    CENTRE = 6


ZONE_CODES: tuple[str, ...] = tuple(z.name.lower() for z in Zone)
BAND_CODES: tuple[str, ...] = ("0-20", "20-40", "40-60", "60-80", "80-100")


def triad_zones(props: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """Zone code per row of (top, left, right); NO_ZONE for rows with NaN."""
    p: FloatArray = np.asarray(np.round(np.asarray(props, dtype=np.float64), 6), dtype=np.float64)
    low = p < LOW
    mid = (p >= LOW) & (p < HIGH)
    high = p >= HIGH
    conditions = [
        high[:, 0],
        high[:, 1],
        high[:, 2],
        mid[:, 0] & mid[:, 1] & low[:, 2],
        mid[:, 0] & mid[:, 2] & low[:, 1],
        mid[:, 1] & mid[:, 2] & low[:, 0],
        mid.all(axis=1),
    ]
    # Only reachable through rounding of unclosed input: fall back to the largest share.
    fallback = np.argmax(np.nan_to_num(p, nan=-1.0), axis=1)
    zones = np.select(conditions, list(range(7)), default=fallback)
    zones[np.isnan(p).any(axis=1)] = NO_ZONE
    return zones.astype(np.int8)


def dyad_bands(x: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """Band 0..4 of 20 points each from the left pole; NO_ZONE for NaN."""
    a = np.round(np.asarray(x, dtype=np.float64), 6)
    bands = np.clip(np.floor(np.nan_to_num(a, nan=0.0) * 5.0), 0, 4).astype(np.int8)
    bands[np.isnan(a)] = NO_ZONE
    return np.asarray(bands, dtype=np.int8)
