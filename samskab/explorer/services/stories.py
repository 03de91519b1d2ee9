"""The stories behind a selection, each with its other answers in a compact line."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from io import StringIO
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from samskab.analysis.schema import AnswerState, Kind, Signifier
from samskab.analysis.store import ColumnarStore
from samskab.analysis.types import BoolArray
from samskab.explorer.services.labels import Labels
from samskab.explorer.services.numbers import fmt_float

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
        return labels.part(s.id, str(value))
    if s.kind is Kind.MULTI:
        return ", ".join(labels.part(s.id, str(v)) for v in value)
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


def _header(store: ColumnarStore) -> list[str]:
    names = ["story_id", "created", "version", "level", "prompt"]
    for s in store.schema.signifiers:
        names.append(f"{s.id}.state")
        names += [name for name, _key in _columns(s)]
        if s.kind is Kind.SINGLE:
            names.append(s.id)
        if s.kind is Kind.MULTI:
            names += [f"{s.id}.{p}" for p in s.parts]
    return names


def _story_values(store: ColumnarStore, i: int) -> list[str]:
    schema = store.schema
    level, prompt = int(store.column("level")[i]), int(store.column("prompt")[i])
    row = [
        str(int(store.column("story_id")[i])),
        str(int(store.column("created")[i])),
        str(int(store.column("version")[i])),
        schema.levels[level] if level >= 0 else "",
        schema.prompts[prompt] if prompt >= 0 else "",
    ]
    for s in schema.signifiers:
        state = int(store.state(s.id)[i])
        row.append(STATE_NAMES[state])
        row += [_cell(store.arrays[key][i]) for _name, key in _columns(s)]
        if s.kind is Kind.SINGLE:
            code = int(store.part(s.id, "code")[i])
            row.append(s.parts[code] if code >= 0 else "")
        if s.kind is Kind.MULTI:
            ticks = store.part(s.id, "ticks")[i]
            answered = state == int(AnswerState.ANSWERED)
            row += [("1" if t else "0") if answered else "" for t in ticks]
    return row


def csv_lines(store: ColumnarStore, mask: BoolArray) -> Iterator[str]:
    """Tidy CSV: one row per story, one column per variable (no story text)."""
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header(store))
    for i in np.flatnonzero(mask):
        writer.writerow(_story_values(store, int(i)))
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
