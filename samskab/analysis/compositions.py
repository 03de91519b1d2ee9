"""Compositional data analysis for triads (Aitchison geometry).

A triad answer is a composition of three parts (top, left, right) that sum to one. Means,
distances and tests work in log-ratio coordinates; a proportion's arithmetic mean is never
used as a centre.

* Zeros: multiplicative replacement (Martín-Fernández, Barceló-Vidal and Pawlowsky-Glahn
  2003). A part below `DETECTION_LIMIT` (1 %, about the precision of a finger on a triangle
  widget) counts as zero and becomes `DELTA` = 0.65 x the detection limit; the other parts
  shrink multiplicatively so that their ratios are kept.
* ilr: pivot balances (Hron, Filzmoser and Thompson 2012), a sequential binary partition
  that for a triad gives z1 = sqrt(2/3) ln(top / sqrt(left * right)) (top against the two
  bottom corners) and z2 = sqrt(1/2) ln(left / right) (left against right).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from samskab.analysis.types import FloatArray

DETECTION_LIMIT = 0.01
DELTA = 0.65 * DETECTION_LIMIT
CLOSURE_TOLERANCE = 0.02
SQRT3_2 = float(np.sqrt(3.0) / 2.0)


def closure(x: npt.ArrayLike) -> FloatArray:
    """Scale each row to sum to one."""
    a = np.asarray(x, dtype=np.float64)
    return np.asarray(a / a.sum(axis=-1, keepdims=True), dtype=np.float64)


def clean(x: npt.ArrayLike, tolerance: float = CLOSURE_TOLERANCE) -> FloatArray:
    """Clamp rounding errors to [0, 1] and re-close; rows off by more than `tolerance` are NaN."""
    a = np.asarray(x, dtype=np.float64)
    bad = np.abs(a.sum(axis=-1) - 1.0) > tolerance
    bad |= (a < -tolerance).any(axis=-1) | (a > 1.0 + tolerance).any(axis=-1)
    out = closure(np.clip(a, 0.0, 1.0))
    out[bad] = np.nan
    return out


def multiplicative_replacement(
    x: npt.ArrayLike, delta: float = DELTA, detection_limit: float = DETECTION_LIMIT
) -> FloatArray:
    """Replace parts below the detection limit by `delta`, keeping the ratios of the others."""
    a = closure(x)
    zero = a < detection_limit
    n_zero = zero.sum(axis=-1, keepdims=True)
    kept = np.where(zero, 0.0, a)
    kept = kept / kept.sum(axis=-1, keepdims=True) * (1.0 - n_zero * delta)
    return np.where(zero, delta, kept)


def pivot_basis(parts: int = 3) -> FloatArray:
    """Orthonormal pivot (balance) basis as a (parts - 1, parts) matrix in clr space."""
    basis = np.zeros((parts - 1, parts))
    for i in range(parts - 1):
        rest = parts - i - 1
        scale = np.sqrt(rest / (rest + 1.0))
        basis[i, i] = scale
        basis[i, i + 1 :] = -scale / rest
    return basis


TRIAD_BASIS = pivot_basis(3)


def clr(x: npt.ArrayLike) -> FloatArray:
    """Centred log-ratio; the input must be strictly positive."""
    logs = np.log(np.asarray(x, dtype=np.float64))
    return np.asarray(logs - logs.mean(axis=-1, keepdims=True), dtype=np.float64)


def clr_inv(z: npt.ArrayLike) -> FloatArray:
    a = np.asarray(z, dtype=np.float64)
    return closure(np.exp(a - a.max(axis=-1, keepdims=True)))


def ilr(x: npt.ArrayLike, basis: FloatArray | None = None) -> FloatArray:
    """Isometric log-ratio coordinates in the pivot basis (or the given one)."""
    b = pivot_basis(np.shape(x)[-1]) if basis is None else basis
    return clr(x) @ b.T


def ilr_inv(z: npt.ArrayLike, basis: FloatArray | None = None) -> FloatArray:
    a = np.asarray(z, dtype=np.float64)
    b = pivot_basis(a.shape[-1] + 1) if basis is None else basis
    return clr_inv(a @ b)


def triad_ilr(props: npt.ArrayLike) -> FloatArray:
    """ilr coordinates of triad answers after zero replacement (the engine's one recipe)."""
    return ilr(multiplicative_replacement(props), TRIAD_BASIS)


def geometric_centre(x: npt.ArrayLike) -> FloatArray:
    """The closed geometric mean (the compositional centre) of zero-free compositions."""
    logs = np.log(np.asarray(x, dtype=np.float64))
    return clr_inv(logs.mean(axis=0))


def aitchison_distance(x: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Aitchison distance: the Euclidean distance between clr (equivalently ilr) coordinates."""
    diff = clr(x) - clr(y)
    return np.asarray(np.sqrt((diff * diff).sum(axis=-1)), dtype=np.float64)


def to_cartesian(props: npt.ArrayLike) -> FloatArray:
    """(top, left, right) to drawing coordinates: left corner (0, 0), right (1, 0), top up."""
    p = np.asarray(props, dtype=np.float64)
    x = p[..., 2] + p[..., 0] / 2.0
    y = p[..., 0] * SQRT3_2
    return np.stack([x, y], axis=-1)
