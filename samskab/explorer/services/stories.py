"""The stories behind a selection, each with its other answers in a compact line."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from io import StringIO
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from samskab.analysis.release import SMALL
from samskab.analysis.schema import AnswerState, Kind, Signifier
from samskab.analysis.store import ColumnarStore
from samskab.analysis.types import BoolArray
from samskab.explorer.services.labels import Labels
from samskab.explorer.services.numbers import fmt_float
from samskab.lib.spreadsheets import safe_cell

STATE_NAMES = {0: "answered", 1: "not_applicable", 2: "skipped"}


def _triad(s: Signifier, value: Any, labels: Labels) -> str:
    shares = [value[p] for p in s.parts] if isinstance(value, Mapping) else value
    return " · ".join(
        f"{labels.part(s.id, p)} {fmt_float(100 * float(v), 0, labels.language)} %"
        for p, v in zip(s.parts, shares, strict=True)
    )


def _value_text(s: Signifier, value: Any, labels: Labels) -> str:
    if s.kind is Kind.TRIAD:
        return _triad(s, value, labels)
    if s.kind is Kind.DYAD:
        left, right = (labels.part(s.id, p) for p in s.parts)
        position = fmt_float(100 * float(value), 0, labels.language)
        return _("%(value)s of 100 (from “%(left)s” to “%(right)s”)") % {
            "value": position,
            "left": left,
            "right": right,
        }
    if s.kind is Kind.STONES:
        return ", ".join(labels.part(s.id, stone) for stone in value)
    if s.kind is Kind.SINGLE:
        return labels.story_value(s.id, str(value))
    if s.kind is Kind.MULTI:
        # Options below k read "small group", once however many of them were ticked.
        return ", ".join(dict.fromkeys(labels.story_value(s.id, str(v)) for v in value))
    return _("written answer (not shown here)")


def compact_answers(
    answers: Mapping[str, Any], signifiers: tuple[Signifier, ...], labels: Labels
) -> list[tuple[str, str]]:
    """(signifier title, answer) for every signifier; free text is never shown here."""
    out = []
    for s in signifiers:
        answer = answers.get(s.id) or {}
        state = answer.get("state", "skipped")
        if state == "answered":
            text = _value_text(s, answer.get("value"), labels)
        elif state == "na":
            text = _("not applicable")
        else:
            text = _("skipped")
        out.append((labels.title(s.id), text))
    return out


def _columns(s: Signifier) -> list[tuple[str, str]]:
    """(CSV column name, store key) for one signifier's values."""
    if s.kind is Kind.TRIAD:
        return [(f"{s.id}.{p}", f"{s.id}__p{j}") for j, p in enumerate(s.parts)]
    if s.kind is Kind.DYAD:
        return [(f"{s.id}.x", f"{s.id}__x")]
    if s.kind is Kind.STONES:
        return [
            (f"{s.id}.{p}.{axis}", f"{s.id}__s{j}{axis}")
            for j, p in enumerate(s.parts)
            for axis in ("x", "y")
        ]
    return []


def _cell(value: Any) -> str:
    if isinstance(value, float | np.floating):
        return "" if np.isnan(value) else f"{float(value):.4f}"
    return str(value)


# How the merged category of small groups (`release.SMALL`) is written in the CSV.
CSV_SMALL = "small_group"


def _code(value: str) -> str:
    return CSV_SMALL if value == SMALL else value


def _multi_parts(s: Signifier, small: Mapping[str, frozenset[str]]) -> list[int]:
    """A multiple choice's columns: options below k are not columns of their own."""
    return [j for j, p in enumerate(s.parts) if p not in small.get(s.id, frozenset())]


def _header(store: ColumnarStore, small: Mapping[str, frozenset[str]]) -> list[str]:
    names = ["story_id", "created", "version", "level", "prompt"]
    for s in store.schema.signifiers:
        names.append(f"{s.id}.state")
        names += [name for name, _key in _columns(s)]
        if s.kind is Kind.SINGLE:
            names.append(s.id)
        if s.kind is Kind.MULTI:
            names += [f"{s.id}.{_code(s.parts[j])}" for j in _multi_parts(s, small)]
    return names


def _story_values(store: ColumnarStore, i: int, small: Mapping[str, frozenset[str]]) -> list[str]:
    schema = store.schema
    level, prompt = int(store.column("level")[i]), int(store.column("prompt")[i])
    row = [
        str(int(store.column("story_id")[i])),
        str(int(store.column("created")[i])),
        str(int(store.column("version")[i])),
        _code(schema.levels[level]) if level >= 0 else "",
        _code(schema.prompts[prompt]) if prompt >= 0 else "",
    ]
    for s in schema.signifiers:
        state = int(store.state(s.id)[i])
        row.append(STATE_NAMES[state])
        row += [_cell(store.arrays[key][i]) for _name, key in _columns(s)]
        if s.kind is Kind.SINGLE:
            code = int(store.part(s.id, "code")[i])
            row.append(_code(s.parts[code]) if code >= 0 else "")
        if s.kind is Kind.MULTI:
            ticks = store.part(s.id, "ticks")[i]
            answered = state == int(AnswerState.ANSWERED)
            row += [("1" if ticks[j] else "0") if answered else "" for j in _multi_parts(s, small)]
    return row


def csv_lines(
    store: ColumnarStore, mask: BoolArray, small: Mapping[str, frozenset[str]]
) -> Iterator[str]:
    """Tidy CSV of a release: one row per story, one column per variable (no story text).

    Small categories are merged (`small_group`) or absent, as in the release; `small` names
    them so that no column stands for one.
    """
    buffer = StringIO()
    writer = csv.writer(buffer)
    # Ids may start with "-" ("-A1" is a formula to a spreadsheet): escape (lib/spreadsheets).
    writer.writerow(map(safe_cell, _header(store, small)))
    for i in np.flatnonzero(mask):
        writer.writerow(map(safe_cell, _story_values(store, int(i), small)))
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
