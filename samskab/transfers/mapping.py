"""Tables that are not SenseMaker exports: match our fields to the file's columns, then read.

Every field of a story (text, title, prompt, level, an id for de-duplication) and every part of
every signifier (each triad corner, a dyad's position, each stone's x and y, a choice, free
text) is a *target*. The mapping page pre-fills each target with the most similar column name;
the person corrects it. Reading then yields the same rows as the SenseMaker reader.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from samskab.instruments.definition import (
    LEVELS,
    Definition,
    Dyad,
    FreeText,
    MultipleChoice,
    SignifierBase,
    SingleChoice,
    Stones,
    Text,
    Triad,
)
from samskab.transfers.rows import (
    TINY,
    CellProblem,
    ImportedStory,
    Problem,
    Row,
    RowError,
    close_shares,
    collect,
    guess_level,
    is_na_word,
    normalise,
    number,
    unit,
)
from samskab.transfers.sensemaker.framework import FRAGMENT_ID, LEVEL_LIST_ID
from samskab.transfers.sensemaker.reading import PROMPT_COLUMN, TITLE_COLUMN, option_id
from samskab.transfers.tabular import Table

THRESHOLD = 0.85  # how similar a column name must be to be suggested
Cells = Mapping[str, str]


@dataclass
class Target:
    key: str
    label: str
    names: list[str] = field(default_factory=list)  # what a matching column could be called


@dataclass
class Group:
    title: str
    targets: list[Target]
    signifier: SignifierBase | None = None


@dataclass
class ColumnMapping:
    columns: dict[str, str]  # target key → column name
    position_scale: float = 1.0  # dyad and stone positions: 1 (0–1) or 100 (0–100)
    blank_is_na: bool = True  # an empty cell means "not applicable" where that is allowed
    prompt: str = ""  # the prompt for rows without one
    level: str = ""  # the level for rows without one


def _both(text: Text) -> list[str]:
    return [text.da, text.en] if text.en else [text.da]


def story_group(definition: Definition) -> Group:
    return Group(
        _("The story"),
        [
            Target("text", _("Story text"), ["text", "story", "historie", "fortælling", "tekst"]
                   + _both(definition.story_text) + [FRAGMENT_ID, "fragment"]),
            Target("title", _("Title"), ["title", "titel", TITLE_COLUMN]),
            Target("prompt", _("Question answered"), ["prompt", "spørgsmål", PROMPT_COLUMN]),
            Target("level", _("Level"), ["level", "niveau", "rolle", "role", LEVEL_LIST_ID]
                   + _both(definition.level_question)),
            Target("external_id", _("Id (to avoid importing a row twice)"),
                   ["id", "external_id", "story_id", "fragmentid", "løbenummer", "løbenr", "nr"]),
        ],
    )  # fmt: skip


def _part(signifier: SignifierBase, key: str, label: str, *names: str) -> Target:
    return Target(f"{signifier.id}__{key}", label, [f"{signifier.id}_{key}", *names])


def signifier_targets(signifier: SignifierBase) -> list[Target]:
    title = signifier.title.da
    if isinstance(signifier, Triad):
        return [
            _part(signifier, c.id, c.label.da, *_both(c.label), f"{title} {c.label.da}")
            for c in signifier.corners
        ]
    if isinstance(signifier, Dyad):
        label = _("Position from %(left)s to %(right)s") % {
            "left": signifier.poles[0].label.da,
            "right": signifier.poles[1].label.da,
        }
        return [_part(signifier, "percentX", label, signifier.id, *_both(signifier.title))]
    if isinstance(signifier, Stones):
        targets = []
        for stone in signifier.stones:
            for axis, name in (
                ("percentX", signifier.x.label.da),
                ("percentY", signifier.y.label.da),
            ):
                label = f"{stone.label.da}: {name}"
                targets.append(_part(signifier, f"{stone.id}_{axis}", label))
        return targets
    return [Target(signifier.id, title, [signifier.id, *_both(signifier.title)])]


def groups(definition: Definition) -> list[Group]:
    return [story_group(definition)] + [
        Group(s.title.da, signifier_targets(s), s) for s in definition.signifiers
    ]


def _squash(name: str) -> str:
    return re.sub(r"[^0-9a-zæøå]+", "", name.lower())


def similarity(header: str, names: list[str]) -> float:
    wanted = _squash(header)
    if not wanted:
        return 0.0
    return max(
        (difflib.SequenceMatcher(None, wanted, _squash(n)).ratio() for n in names if n),
        default=0.0,
    )


def suggest(headers: list[str], all_groups: list[Group]) -> dict[str, str]:
    """Target key → the most similar column, each column used at most once."""
    scored = [
        (similarity(header, target.names), index, target.key, header)
        for index, target in enumerate(t for g in all_groups for t in g.targets)
        for header in headers
    ]
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for score, _index, key, header in sorted(scored, key=lambda s: (-s[0], s[1])):
        if score >= THRESHOLD and key not in chosen and header not in used:
            chosen[key] = header
            used.add(header)
    return chosen


def position_columns(all_groups: list[Group], columns: dict[str, str]) -> list[str]:
    """The columns matched to slider and stone positions."""
    return [
        columns[t.key]
        for g in all_groups
        if isinstance(g.signifier, Dyad | Stones)
        for t in g.targets
        if t.key in columns
    ]


def guess_position_scale(table: Table, columns: list[str]) -> float:
    """100 when any mapped position cell is clearly a percentage, else 1."""
    indexes = [table.headers.index(c) for c in columns if c in table.headers]
    for row in table.rows:
        for index in indexes:
            cell = row[index] if index < len(row) else ""
            try:
                if cell and number(cell) > 1 + TINY:
                    return 100.0
            except CellProblem:
                continue
    return 1.0


# --- Reading ----------------------------------------------------------------------------------


def _cells_of(signifier: SignifierBase, cells: Cells, mapping: ColumnMapping) -> list[str] | None:
    keys = [t.key for t in signifier_targets(signifier)]
    if not any(k in mapping.columns for k in keys):
        return None  # not in the file: skipped
    return [cells.get(mapping.columns.get(k, ""), "").strip() for k in keys]


def _answer(signifier: SignifierBase, cells: Cells, mapping: ColumnMapping) -> Any:
    values = _cells_of(signifier, cells, mapping)
    if values is None:
        return None
    if any(is_na_word(v) for v in values):
        if any(v and not is_na_word(v) for v in values):
            raise CellProblem(_("It is marked “not applicable” but also has an answer."))
        return {"na": True}
    if not any(values):
        blank_na = mapping.blank_is_na and signifier.allow_na
        return {"na": True} if blank_na and not isinstance(signifier, FreeText) else None
    return {"value": PARSERS[type(signifier)](signifier, values, mapping)}


def _triad(signifier: Triad, values: list[str], mapping: ColumnMapping) -> list[float]:
    if not all(values):
        raise CellProblem(_("Some of the triad's columns are empty."))
    numbers = [number(v) for v in values]
    scale = 100.0 if sum(numbers) > 1.5 else 1.0  # percentages or shares
    return close_shares([n / scale for n in numbers])


def _dyad(signifier: Dyad, values: list[str], mapping: ColumnMapping) -> float:
    return unit(number(values[0]) / mapping.position_scale)


def _stones(signifier: Stones, values: list[str], mapping: ColumnMapping) -> dict[str, Any]:
    placed = {}
    for stone, (x, y) in zip(
        signifier.stones, zip(values[::2], values[1::2], strict=True), strict=True
    ):
        if bool(x) != bool(y):
            raise CellProblem(
                _("The stone “%(stone)s” has only one of its two positions.")
                % {"stone": stone.label.da}
            )
        if x:
            scale = mapping.position_scale
            placed[stone.id] = {"x": unit(number(x) / scale), "y": unit(number(y) / scale)}
    return placed


def _single(signifier: SingleChoice, values: list[str], mapping: ColumnMapping) -> str:
    return option_id(signifier, values[0])


def _multi(signifier: MultipleChoice, values: list[str], mapping: ColumnMapping) -> list[str]:
    parts = [p.strip() for p in re.split(r"[;|,\n]", values[0]) if p.strip()]
    return [option_id(signifier, p) for p in parts]


def _freetext(signifier: FreeText, values: list[str], mapping: ColumnMapping) -> str:
    return values[0]


PARSERS: dict[type, Callable[[Any, list[str], ColumnMapping], Any]] = {
    Triad: _triad,
    Dyad: _dyad,
    Stones: _stones,
    SingleChoice: _single,
    MultipleChoice: _multi,
    FreeText: _freetext,
}


def _level(cell: str, mapping: ColumnMapping) -> str | None:
    if not cell:
        return mapping.level or None
    level = guess_level(cell) or (cell if cell in LEVELS else None)
    if level is None:
        raise CellProblem(_("“%(value)s” is not one of the levels.") % {"value": cell})
    return level


def _prompt(definition: Definition, cell: str, mapping: ColumnMapping) -> str | None:
    if not cell:
        return mapping.prompt or None
    wanted = normalise(cell)
    for prompt in definition.prompts:
        if cell == prompt.id or wanted in (normalise(prompt.text.da), normalise(prompt.text.en)):
            return prompt.id
    raise CellProblem(_("“%(value)s” is not one of the instrument's questions.") % {"value": cell})


def read_row(
    cells: Cells, definition: Definition, mapping: ColumnMapping
) -> ImportedStory | RowError:
    def cell(key: str) -> str:
        return cells.get(mapping.columns.get(key, ""), "").strip()

    if not any(cells.get(column, "").strip() for column in mapping.columns.values()):
        return RowError(blank=True)
    problems: list[Problem] = []
    answers = {}
    for signifier in definition.signifiers:
        answer = collect(
            problems, definition, signifier.id, partial(_answer, signifier, cells, mapping)
        )
        if answer is not None:
            answers[signifier.id] = answer
    level = collect(problems, definition, "level", partial(_level, cell("level"), mapping))
    prompt = collect(
        problems, definition, "prompt", partial(_prompt, definition, cell("prompt"), mapping)
    )
    if problems:
        return RowError(problems)
    return ImportedStory(
        prompt=prompt,
        title=cell("title"),
        text=cell("text"),
        level=level,
        answers=answers,
        external_id=cell("external_id")[:100],
    )


def read_rows(table: Table, definition: Definition, mapping: ColumnMapping) -> Iterator[Row]:
    for row_number, cells in table.records():
        yield row_number, read_row(cells, definition, mapping)
