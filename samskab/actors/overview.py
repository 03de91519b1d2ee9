"""Who takes part in which phase: the rows of the actor list and its participation overview."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from samskab.actors.models import Actor, InvolvementLevel
from samskab.projects.choices import Phase


@dataclass(frozen=True)
class Cell:
    phase: str  # the phase's label
    level: str  # the InvolvementLevel value, or "" when not involved
    level_label: str


@dataclass(frozen=True)
class ParticipationRow:
    actor: Actor
    cells: list[Cell]

    @property
    def involved(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.level]


def phase_columns() -> list[dict[str, object]]:
    return [
        {"number": number, "value": phase.value, "label": phase.label}
        for number, phase in enumerate(Phase, start=1)
    ]


def participation_rows(actors: Iterable[Actor]) -> list[ParticipationRow]:
    """One row per actor, one cell per phase; reads ``actor.involvements`` (prefetch it)."""
    rows = []
    for actor in actors:
        levels = {row.phase: row.level for row in actor.involvements.all()}
        cells = [_cell(phase, levels.get(phase.value, "")) for phase in Phase]
        rows.append(ParticipationRow(actor, cells))
    return rows


def _cell(phase: Phase, level: str) -> Cell:
    label = str(InvolvementLevel(level).label) if level else ""
    return Cell(phase=str(phase.label), level=level, level_label=label)
