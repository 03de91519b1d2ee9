"""Unplanned gains, the learning log and milestones (placeholder: being written)."""

from __future__ import annotations

from samskab.measurement.models import Indicator


def reach_milestones(indicator: Indicator) -> None:
    """Mark the indicator's milestones whose threshold a measurement has passed."""
