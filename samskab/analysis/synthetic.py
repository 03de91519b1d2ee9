"""Synthetic stories for tests and benchmarks, with realistic skew and optional planted shifts.

Triads mix a logistic-normal cluster with answers piled exactly in corners and on edges
(as real widgets produce), dyads pile at both poles and are rounded to whole points, and
levels and choices are skewed. A `Shift` plants a difference for one level.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from samskab.analysis.compositions import ilr_inv
from samskab.analysis.schema import AnswerState, Kind, Schema, Signifier
from samskab.analysis.types import BoolArray, FloatArray

LEVELS = ("user", "employee", "volunteer_citizen", "organisation")
LEVEL_WEIGHTS = (0.45, 0.3, 0.18, 0.07)
PROMPTS = ("good_day", "hard_day")
CHOICE_ITEMS = ("health", "culture", "work", "nature", "other")
MULTI_ITEMS = ("alone", "family", "friends", "colleagues", "volunteers")
TRIAD_SCENARIOS = ("cluster", "corners", "edges", "mixed")
DYAD_SCENARIOS = ("smooth", "poles", "mixed")
START = 1_735_689_600  # 2025-01-01T00:00:00Z
YEAR = 365 * 86_400


@dataclass(frozen=True)
class Shift:
    """A planted difference for stories of `level` (all zero: no difference)."""

    level: str = "employee"
    triad: tuple[float, float] = (0.0, 0.0)
    dyad: float = 0.0
    choice: float = 0.0
    not_applicable: float = 0.0


def synthetic_schema(collection_id: str = "synthetic", version: int = 1) -> Schema:
    triads = tuple(
        Signifier(t, Kind.TRIAD, (f"{t}_top", f"{t}_left", f"{t}_right")) for t in ("t1", "t2")
    )
    dyads = tuple(Signifier(d, Kind.DYAD, (f"{d}_left", f"{d}_right")) for d in ("d1", "d2", "d3"))
    choices = (Signifier("c1", Kind.SINGLE, CHOICE_ITEMS), Signifier("c2", Kind.MULTI, MULTI_ITEMS))
    return Schema(collection_id, version, triads + dyads + choices, LEVELS, PROMPTS)


def sample_triads(
    rng: np.random.Generator, n: int, scenario: str = "mixed", shift: tuple[float, float] = (0, 0)
) -> FloatArray:
    """(n, 3) proportions (top, left, right); `shift` moves the cluster's ilr mean."""
    weights = {
        "cluster": (1, 0, 0, 0),
        "corners": (0.4, 0.6, 0, 0),
        "edges": (0.4, 0, 0.6, 0),
        "mixed": (0.55, 0.2, 0.15, 0.1),
    }[scenario]
    kind = rng.choice(4, size=n, p=weights)
    z = rng.multivariate_normal([0.6 + shift[0], -0.3 + shift[1]], [[0.8, 0.2], [0.2, 0.6]], n)
    out = ilr_inv(z)
    corner = kind == 1
    out[corner] = np.eye(3)[rng.choice(3, size=int(corner.sum()), p=(0.5, 0.3, 0.2))]
    edge = kind == 2
    split = rng.random(int(edge.sum()))
    zero = rng.choice(3, size=int(edge.sum()), p=(0.2, 0.4, 0.4))
    edge_rows = np.stack([split, 1 - split, np.zeros_like(split)], axis=1)
    out[edge] = np.take_along_axis(
        edge_rows, (np.arange(3)[None, :] - zero[:, None] + 2) % 3, axis=1
    )
    uniform = kind == 3
    out[uniform] = rng.dirichlet((1, 1, 1), size=int(uniform.sum()))
    rounded = np.round(out, 3)
    return np.asarray(rounded / rounded.sum(axis=1, keepdims=True), dtype=np.float64)


def sample_dyads(
    rng: np.random.Generator, n: int, scenario: str = "mixed", shift: float = 0.0
) -> FloatArray:
    """Positions in [0, 1] rounded to whole points; `poles` piles answers on both ends."""
    x = 1 / (1 + np.exp(-(rng.normal(0.4 + shift, 1.2, n))))
    pole = {"smooth": 0.0, "poles": 0.5, "mixed": 0.2}[scenario]
    piled = rng.random(n) < pole
    x[piled] = (rng.random(int(piled.sum())) < 0.4).astype(np.float64)
    return np.round(x, 2)


def sample_choices(rng: np.random.Generator, n: int, tilt: float = 0.0) -> np.ndarray:
    logits = np.log(np.array([0.4, 0.25, 0.2, 0.1, 0.05]))
    logits[0] += tilt
    p = np.exp(logits) / np.exp(logits).sum()
    return rng.choice(len(p), size=n, p=p).astype(np.int16)


def _states(rng: np.random.Generator, n: int, na: FloatArray | float, skip: float) -> np.ndarray:
    u = rng.random(n)
    state = np.full(n, AnswerState.ANSWERED, dtype=np.int8)
    state[u < skip] = AnswerState.SKIPPED
    state[(u >= skip) & (u < skip + na)] = AnswerState.NOT_APPLICABLE
    return state


def _triads(
    rng: np.random.Generator, n: int, hit: BoolArray, shift: Shift
) -> dict[str, np.ndarray]:
    """Triad t1 carries the planted shift (centre and not-applicable rate); t2 does not."""
    out: dict[str, np.ndarray] = {}
    for t, na in (("t1", 0.06), ("t2", 0.03)):
        props = sample_triads(rng, n)
        rate: FloatArray | float = na
        if t == "t1":
            props[hit] = sample_triads(rng, int(hit.sum()), shift=shift.triad)
            rate = na + np.where(hit, shift.not_applicable, 0.0)
        state = _states(rng, n, rate, 0.02)
        out[f"{t}:state"] = state
        for j, corner in enumerate(("top", "left", "right")):
            out[f"{t}:{t}_{corner}"] = np.where(state == 0, props[:, j], np.nan)
    return out


def _dyads(rng: np.random.Generator, n: int, hit: BoolArray, shift: Shift) -> dict[str, np.ndarray]:
    """Dyad d1 carries the planted shift."""
    out: dict[str, np.ndarray] = {}
    for d in ("d1", "d2", "d3"):
        x = sample_dyads(rng, n)
        if d == "d1":
            x[hit] = sample_dyads(rng, int(hit.sum()), shift=shift.dyad)
        state = _states(rng, n, 0.04, 0.02)
        out[f"{d}:state"] = state
        out[f"{d}:x"] = np.where(state == 0, x, np.nan)
    return out


def _chunk(rng: np.random.Generator, n: int, first_id: int, shift: Shift) -> dict[str, np.ndarray]:
    level = rng.choice(len(LEVELS), size=n, p=LEVEL_WEIGHTS).astype(np.int8)
    hit = np.asarray(level == LEVELS.index(shift.level), dtype=bool)
    out: dict[str, np.ndarray] = {
        "story_id": np.arange(first_id, first_id + n, dtype=np.int64),
        "created": START + rng.integers(0, YEAR, size=n),
        "level": level,
        "prompt": (rng.random(n) < 0.3).astype(np.int8),
    }
    out.update(_triads(rng, n, hit, shift))
    out.update(_dyads(rng, n, hit, shift))
    codes = sample_choices(rng, n)
    codes[hit] = sample_choices(rng, int(hit.sum()), shift.choice)
    out["c1"] = np.where(rng.random(n) < 0.03, -1, codes).astype(np.int16)
    for item, rate in zip(MULTI_ITEMS, (0.4, 0.25, 0.15, 0.1, 0.05), strict=True):
        out[f"c2:{item}"] = rng.random(n) < rate
    return out


def generate_chunks(
    n: int, seed: int = 0, chunk_size: int = 100_000, shift: Shift | None = None
) -> Iterator[dict[str, np.ndarray]]:
    """Chunks of synthetic stories in the builder's column format (codes as integers)."""
    rng = np.random.default_rng(seed)
    plant = shift or Shift()
    for start in range(0, n, chunk_size):
        yield _chunk(rng, min(chunk_size, n - start), start + 1, plant)
