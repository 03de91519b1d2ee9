"""Writing stories in SenseMaker's raw layout and as a tidy long table (generators, no ORM).

Encoding: UTF-8 with a byte-order mark, every field quoted, CRLF line ends. SenseMaker's own
exports often carry the mark; Danish Excel needs it to show æ, ø and å; R (``readr``,
``data.table::fread``, ``read.csv(fileEncoding = "UTF-8-BOM")``) and Python (``utf-8-sig``)
read it. Numbers are written with Python's shortest exact form, so a re-import is lossless.

Every cell goes through ``safe_cell`` (OWASP's CSV-injection rule): text that a spreadsheet would
run as a formula (``=HYPERLINK(…)``, ``+1+1``, ``@SUM(…)``) gets a leading apostrophe. Plain
numbers (``-0.0009``) are never escaped, and our readers remove the apostrophe again
(``tabular``), so a round trip returns the original text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from samskab.instruments.definition import (
    Definition,
    Dyad,
    MultipleChoice,
    SignifierBase,
    SingleChoice,
    Stones,
    Triad,
)
from samskab.lib.spreadsheets import safe_cell
from samskab.transfers.sensemaker.framework import FRAGMENT_ID, LEVEL_LIST_ID, framework_uuid
from samskab.transfers.sensemaker.reading import (
    PROMPT_COLUMN,
    TITLE_COLUMN,
    signifier_columns,
)

BOM = "\ufeff"
LEADING = ["id", "project_id", "version", "language", "server_upload_time"]
TIDY_HEADER = ["story_id", "signifier_id", "part_id", "value"]


@dataclass
class ExportStory:
    """What an export needs of a stored story: masked text only, never the raw text."""

    id: str
    created_at: dt.datetime
    language: str
    prompt: str
    title: str
    text: str
    level: str
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)


def number(value: float) -> str:
    return repr(float(value))


def csv_line(cells: Iterable[Any]) -> str:
    """One CSV line, every field quoted and escaped against formula injection."""
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL).writerow(safe_cell(cell) for cell in cells)
    return buffer.getvalue()


def raw_header(definition: Definition, fragment_id: str = FRAGMENT_ID) -> list[str]:
    columns = [*LEADING, fragment_id]
    for signifier in definition.signifiers:
        columns += signifier_columns(signifier)
    return [*columns, LEVEL_LIST_ID, PROMPT_COLUMN, TITLE_COLUMN]


def _triad_cells(signifier: Triad, value: list[float]) -> dict[str, str]:
    top, left, right = value
    cells = {
        f"{signifier.id}_percentX": number((1 + right - left) / 2),
        f"{signifier.id}_percentY": number(top),
    }
    for corner, share in zip(signifier.corners, value, strict=True):
        cells[f"{signifier.id}_{corner.id}"] = number(share)
    return cells


def _dyad_cells(signifier: Dyad, value: float) -> dict[str, str]:
    left, right = signifier.poles
    return {
        f"{signifier.id}_percentX": number(value),
        f"{signifier.id}_{left.id}": number(1 - value),
        f"{signifier.id}_{right.id}": number(value),
    }


def _stones_cells(signifier: Stones, value: dict[str, list[float]]) -> dict[str, str]:
    cells = {}
    for stone_id, (x, y) in value.items():
        cells[f"{signifier.id}_{stone_id}_percentX"] = number(x)
        cells[f"{signifier.id}_{stone_id}_percentY"] = number(y)
    return cells


def answer_cells(signifier: SignifierBase, answer: dict[str, Any] | None) -> dict[str, str]:
    """The raw-layout cells of one answer; skipped → none, not applicable → ``_NA`` = 1."""
    state = (answer or {}).get("state", "skipped")
    if state == "na":
        return {f"{signifier.id}_NA": "1"}
    if state != "answered":
        return {}
    value: Any = answer["value"] if answer else None
    if isinstance(signifier, Triad):
        return _triad_cells(signifier, value)
    if isinstance(signifier, Dyad):
        return _dyad_cells(signifier, value)
    if isinstance(signifier, Stones):
        return _stones_cells(signifier, value)
    if isinstance(signifier, MultipleChoice):
        return {f"{signifier.id}_{choice}": "1" for choice in value}
    return {signifier.id: str(value)}  # single choice (the option id) or free text


def write_raw_csv(
    stories: Iterable[ExportStory],
    definition: Definition,
    *,
    framework_id: str | None = None,
    version: int = 1,
    fragment_id: str = FRAGMENT_ID,
) -> Iterator[str]:
    """The raw SenseMaker layout, one CSV line at a time (the first carries the BOM)."""
    framework_id = framework_id or framework_uuid(definition.title.da)
    header = raw_header(definition, fragment_id)
    yield BOM + csv_line(header)
    for story in stories:
        cells = {
            "id": story.id,
            "project_id": framework_id,
            "version": str(version),
            "language": story.language,
            "server_upload_time": str(int(story.created_at.timestamp() * 1000)),
            fragment_id: story.text,
            LEVEL_LIST_ID: story.level,
            PROMPT_COLUMN: story.prompt,
            TITLE_COLUMN: story.title,
        }
        for signifier in definition.signifiers:
            cells.update(answer_cells(signifier, story.answers.get(signifier.id)))
        yield csv_line(cells.get(column, "") for column in header)


def tidy_rows(stories: Iterable[ExportStory], definition: Definition) -> Iterator[list[str]]:
    """(story_id, signifier_id, part_id, value) per answered part; NA as part ``NA`` = 1.

    A skipped signifier has no row. ``part_id``: a triad's corner id (value: its share); a
    dyad's ``percentX``; a stone's ``<stone>_percentX`` / ``_percentY``; the chosen option's id
    (value 1) for single and multiple choice and the level; empty for free text.
    """
    for story in stories:
        if story.level:
            yield [story.id, LEVEL_LIST_ID, story.level, "1"]
        for signifier in definition.signifiers:
            yield from _tidy_answer(story.id, signifier, story.answers.get(signifier.id))


def _tidy_answer(
    story_id: str, signifier: SignifierBase, answer: dict[str, Any] | None
) -> Iterator[list[str]]:
    answered = answer is not None and answer.get("state") == "answered"
    if answered and isinstance(signifier, Triad):
        for corner, share in zip(signifier.corners, answer["value"], strict=True):  # type: ignore[index]
            yield [story_id, signifier.id, corner.id, number(share)]
    elif answered and isinstance(signifier, Dyad):
        yield [story_id, signifier.id, "percentX", number(answer["value"])]  # type: ignore[index]
    elif answered and isinstance(signifier, SingleChoice):
        yield [story_id, signifier.id, str(answer["value"]), "1"]  # type: ignore[index]
    else:
        for column, value in answer_cells(signifier, answer).items():
            part = "" if column == signifier.id else column.removeprefix(f"{signifier.id}_")
            yield [story_id, signifier.id, part, value]


def write_tidy_csv(stories: Iterable[ExportStory], definition: Definition) -> Iterator[str]:
    yield BOM + csv_line(TIDY_HEADER)
    for row in tidy_rows(stories, definition):
        yield csv_line(row)
