"""Samskab's analysis engine: plain Python, NumPy and SciPy; never Django.

The engine works on a columnar store of one collection version (`store`), built from
row chunks (`builder`). Statistics code takes arrays or dataclasses and does no I/O.
"""

from samskab.analysis.schema import AnswerState, Kind, Schema, Signifier

__all__ = ["AnswerState", "Kind", "Schema", "Signifier"]
