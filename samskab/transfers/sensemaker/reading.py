"""Reading SenseMaker data exports (raw layout and the "Workbench" variant) into stories.

Column names are built from the definition's ids (see ../shared/formats/sensemaker.md). Each
signifier of a row ends in one of three states: answered (``{"value": …}``), not applicable
(``{"na": True}``, from the ``<id>_NA`` column) or skipped (every column blank).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from samskab.instruments.definition import (
    Definition,
    Dyad,
    FreeText,
    MultipleChoice,
    SignifierBase,
    SingleChoice,
    Stones,
    Triad,
)
from samskab.transfers.rows import (
    TINY,
    CellProblem,
    ImportedStory,
    LevelSource,
    Problem,
    Row,
    RowError,
    close_shares,
    collect,
    flag,
    normalise,
    number,
    unit,
)
from samskab.transfers.sensemaker.framework import FRAGMENT_ID, LEVEL_LIST_ID
from samskab.transfers.tabular import Table, read_csv_text

HEIGHT = math.sqrt(3) / 2
ID_COLUMNS = ("id", "FragmentID")
PROMPT_COLUMN = "samskab_prompt"
TITLE_COLUMN = "samskab_title"
Cells = Mapping[str, str]


@dataclass(frozen=True)
class Layout:
    """Which variant a file is, and where its story text and level are."""

    workbench: bool
    id_column: str
    text_column: str
    level: LevelSource | None = None

    @property
    def scale(self) -> float:
        return 100.0 if self.workbench else 1.0  # Workbench proportions are 0–100


def signifier_columns(signifier: SignifierBase) -> list[str]:
    """The raw-layout columns of one signifier, in the order we write them."""
    sid = signifier.id
    columns: list[str] = []
    if isinstance(signifier, Triad):
        columns = [f"{sid}_percentX", f"{sid}_percentY"]
        columns += [f"{sid}_{corner.id}" for corner in signifier.corners]
    elif isinstance(signifier, Dyad):
        columns = [f"{sid}_percentX"] + [f"{sid}_{pole.id}" for pole in signifier.poles]
    elif isinstance(signifier, Stones):
        for stone in signifier.stones:
            columns += [f"{sid}_{stone.id}_percentX", f"{sid}_{stone.id}_percentY"]
    elif isinstance(signifier, MultipleChoice):
        columns = [f"{sid}_{option.id}" for option in signifier.options]
    else:
        columns = [sid]
    if signifier.allow_na:
        columns.append(f"{sid}_NA")
    return columns


def _known_columns(definition: Definition) -> set[str]:
    names: set[str] = set()
    for signifier in definition.signifiers:
        names.update(signifier_columns(signifier))
    return names


def looks_like_sensemaker(headers: list[str], definition: Definition) -> bool:
    """True if the file has an id column and columns named after the definition's ids."""
    has_id = any(column in headers for column in ID_COLUMNS)
    return has_id and bool(_known_columns(definition) & set(headers))


def detect_layout(
    headers: list[str],
    definition: Definition,
    fragment_id: str | None = None,
    level: LevelSource | None = None,
) -> Layout:
    workbench = "FragmentID" in headers
    candidates = [fragment_id] if fragment_id else []
    candidates += [FRAGMENT_ID] + [prompt.id for prompt in definition.prompts]
    text_column = next((c for c in candidates if c in headers), candidates[0])
    if level is None and LEVEL_LIST_ID in headers:
        level = LevelSource(LEVEL_LIST_ID)
    return Layout(
        workbench=workbench,
        id_column="FragmentID" if workbench else "id",
        text_column=text_column,
        level=level,
    )


def read_rows(
    source: str | Table,
    definition: Definition,
    *,
    fragment_id: str | None = None,
    level: LevelSource | None = None,
) -> Iterator[Row]:
    """Each data row as (row number, ImportedStory or RowError). Blank rows: RowError(blank)."""
    table = read_csv_text(source) if isinstance(source, str) else source
    layout = detect_layout(table.headers, definition, fragment_id, level)
    for row_number, cells in table.records():
        yield row_number, read_row(cells, definition, layout)


def read_row(cells: Cells, definition: Definition, layout: Layout) -> ImportedStory | RowError:
    if _is_blank(cells, definition, layout):
        return RowError(blank=True)
    problems: list[Problem] = []
    answers: dict[str, Any] = {}
    for signifier in definition.signifiers:
        answer = collect(
            problems,
            definition,
            signifier.id,
            partial(READERS[type(signifier)], signifier, cells, layout),
        )
        if answer is not None:
            answers[signifier.id] = answer
    level = None
    if layout.level is not None:
        source = layout.level
        level = collect(
            problems, definition, "level", lambda: source.level(cells.get(source.column, ""))
        )
    created = collect(problems, definition, "id", lambda: _timestamp(cells))
    if problems:
        return RowError(problems)
    return ImportedStory(
        prompt=cells.get(PROMPT_COLUMN) or None,
        title=cells.get(TITLE_COLUMN, ""),
        text=cells.get(layout.text_column, ""),
        level=level,
        answers=answers,
        external_id=cells.get(layout.id_column, "").strip(),
        created_at=created,
        language=cells.get("language", "").strip()[:8],
    )


def _is_blank(cells: Cells, definition: Definition, layout: Layout) -> bool:
    story_columns = {layout.text_column, TITLE_COLUMN} | _known_columns(definition)
    return not any(cells.get(column, "").strip() for column in story_columns)


def _timestamp(cells: Cells) -> dt.datetime | None:
    """``server_upload_time`` in Unix milliseconds (seconds accepted when clearly seconds)."""
    cell = cells.get("server_upload_time", "").strip()
    if not cell:
        return None
    value = number(cell)
    seconds = value / 1000 if value > 10_000_000_000 else value
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise CellProblem(_("The upload time %(value)s is not a time.") % {"value": cell}) from exc


def _cell(cells: Cells, column: str) -> str:
    return cells.get(column, "").strip()


def _na(signifier: SignifierBase, cells: Cells, columns: list[str]) -> dict[str, bool] | None:
    """{"na": True} when the NA flag is set (and nothing else is), else None."""
    if not flag(_cell(cells, f"{signifier.id}_NA")):
        return None
    if any(_cell(cells, column) for column in columns):
        raise CellProblem(_("It is marked “not applicable” but also has an answer."))
    return {"na": True}


def _value_columns(signifier: SignifierBase, layout: Layout) -> list[str]:
    columns = [c for c in signifier_columns(signifier) if not c.endswith("_NA")]
    if layout.workbench:
        columns += [f"{signifier.id}X", f"{signifier.id}Y"]
    return columns


def _triad(signifier: Triad, cells: Cells, layout: Layout) -> dict[str, Any] | None:
    columns = _value_columns(signifier, layout)
    na = _na(signifier, cells, columns)
    if na or not any(_cell(cells, c) for c in columns):
        return na
    parts = [_cell(cells, f"{signifier.id}_{corner.id}") for corner in signifier.corners]
    from_point = _triad_from_point(signifier, cells, layout)
    if all(parts):
        shares = close_shares([number(p) / layout.scale for p in parts])
        gap = max(abs(a - b) for a, b in zip(shares, from_point or shares, strict=True))
        if gap > TINY:
            raise CellProblem(_("The point and the three shares disagree."))
    elif any(parts) or from_point is None:
        raise CellProblem(_("Some of the triad's columns are empty."))
    else:
        shares = from_point
    return {"value": shares}


def _triad_from_point(signifier: Triad, cells: Cells, layout: Layout) -> list[float] | None:
    """top = Y, left = 1 − X − Y/2, right = X − Y/2 (Workbench Y is scaled by √3/2)."""
    names = (f"{signifier.id}X", f"{signifier.id}Y") if layout.workbench else ()
    if not names or not all(_cell(cells, n) for n in names):
        names = (f"{signifier.id}_percentX", f"{signifier.id}_percentY")
    x_cell, y_cell = (_cell(cells, n) for n in names)
    if not x_cell and not y_cell:
        return None
    if not (x_cell and y_cell):
        raise CellProblem(_("Some of the triad's columns are empty."))
    x, y = number(x_cell), number(y_cell)
    if names[0].endswith("X") and not names[0].endswith("_percentX"):
        y = y / HEIGHT
    return close_shares([y, 1 - x - y / 2, x - y / 2])


def _dyad(signifier: Dyad, cells: Cells, layout: Layout) -> dict[str, Any] | None:
    columns = _value_columns(signifier, layout)
    na = _na(signifier, cells, columns)
    if na or not any(_cell(cells, c) for c in columns):
        return na
    readings = []
    for column, scale in _dyad_sources(signifier, layout):
        cell = _cell(cells, column)
        if cell:
            readings.append(unit(_scaled(number(cell), scale, layout)))
    if not readings:
        raise CellProblem(_("The slider's position is missing."))
    if max(readings) - min(readings) > TINY:
        raise CellProblem(_("The slider's columns disagree about its position."))
    return {"value": readings[0]}


def _dyad_sources(signifier: Dyad, layout: Layout) -> list[tuple[str, float]]:
    left, right = signifier.poles
    sources = [(f"{signifier.id}_percentX", 1.0), (f"{signifier.id}_{right.id}", layout.scale)]
    sources.append((f"{signifier.id}_{left.id}", -layout.scale))  # left = 1 − X
    if layout.workbench:
        sources.append((f"{signifier.id}X", 1.0))
    return sources


def _scaled(value: float, scale: float, layout: Layout) -> float:
    if scale < 0:
        return 1 - value / -scale
    if layout.workbench and scale == 1.0 and value > 1 + TINY:
        return value / 100  # Workbench positions are sometimes 0–100 too
    return value / scale


def _stones(signifier: Stones, cells: Cells, layout: Layout) -> dict[str, Any] | None:
    columns = _value_columns(signifier, layout)
    na = _na(signifier, cells, columns)
    if na or not any(_cell(cells, c) for c in columns):
        return na
    placed: dict[str, dict[str, float]] = {}
    for stone in signifier.stones:
        x = _cell(cells, f"{signifier.id}_{stone.id}_percentX")
        y = _cell(cells, f"{signifier.id}_{stone.id}_percentY")
        if bool(x) != bool(y):
            raise CellProblem(
                _("The stone “%(stone)s” has only one of its two positions.")
                % {"stone": stone.label.da}
            )
        if x:
            placed[stone.id] = {"x": unit(number(x)), "y": unit(number(y))}
    return {"value": placed}


def _single(signifier: SingleChoice, cells: Cells, layout: Layout) -> dict[str, Any] | None:
    cell = _cell(cells, signifier.id)
    na = _na(signifier, cells, [signifier.id])
    if na or not cell:
        return na
    return {"value": option_id(signifier, cell)}


def option_id(signifier: SingleChoice | MultipleChoice, cell: str) -> str:
    """The option a cell names, by id or by its Danish or English label."""
    for option in signifier.options:
        if cell == option.id:
            return option.id
    wanted = normalise(cell)
    for option in signifier.options:
        if wanted in (normalise(option.label.da), normalise(option.label.en)):
            return option.id
    raise CellProblem(_("“%(value)s” is not one of the options.") % {"value": cell})


def _multi(signifier: MultipleChoice, cells: Cells, layout: Layout) -> dict[str, Any] | None:
    columns = _value_columns(signifier, layout)
    columns += [f"{c}_selected" for c in columns]
    na = _na(signifier, cells, [c for c in columns if flag_or_false(_cell(cells, c))])
    if na:
        return na
    ticked = [
        option.id
        for option in signifier.options
        if flag(_cell(cells, f"{signifier.id}_{option.id}"))
        or flag(_cell(cells, f"{signifier.id}_{option.id}_selected"))
    ]
    return {"value": ticked} if ticked else None


def flag_or_false(cell: str) -> bool:
    try:
        return flag(cell)
    except CellProblem:
        return True  # not a flag at all: treat as "has content" so NA + value is caught


def _freetext(signifier: FreeText, cells: Cells, layout: Layout) -> dict[str, Any] | None:
    cell = _cell(cells, signifier.id)
    na = _na(signifier, cells, [signifier.id])
    if na or not cell:
        return na
    return {"value": cell}


READERS: dict[type, Callable[[Any, Cells, Layout], dict[str, Any] | None]] = {
    Triad: _triad,
    Dyad: _dyad,
    Stones: _stones,
    SingleChoice: _single,
    MultipleChoice: _multi,
    FreeText: _freetext,
}
