"""Fuzzing the SenseMaker data reader: every row of any CSV file becomes a story to check or a
row error with reasons, and the check itself never crashes; a file that is no table is refused
with a TableError."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from conftest import FUZZ
from samskab.instruments.samples import sample_definition
from samskab.transfers.rows import ImportedStory, LevelSource, RowError, check, duplicates
from samskab.transfers.sensemaker import read_rows
from samskab.transfers.sensemaker.writing import ExportStory, write_raw_csv
from samskab.transfers.tabular import TableError, read_csv
from samskab.transfers.tests.fuzzing import csv_bytes, mutated_rows, outcome
from samskab.transfers.tests.test_sensemaker_data import DEFINITION, TEXT, _full_row

pytestmark = pytest.mark.fuzz

SAMPLE = sample_definition()
SAMPLE_ANSWERS: dict[str, dict[str, Any]] = {
    "drivers": {"state": "answered", "value": [0.2, 0.5, 0.3]},
    "decided": {"state": "answered", "value": 0.25},
    "actors": {"state": "answered", "value": {"citizens": [0.1, 0.9]}},
    "frequency": {"state": "answered", "value": "sometimes"},
    "feelings": {"state": "answered", "value": ["glad"]},
    "lesson": {"state": "na"},
}


def _rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def _framework_seed() -> list[list[str]]:
    rows = [_full_row(), _full_row(id="r2", language="en", **{TEXT: "Anden."})]
    headers = sorted({key for row in rows for key in row} | {"FragmentID", "samskab_level"})
    return [headers] + [[row.get(h, "") for h in headers] for row in rows]


def _sample_seed() -> list[list[str]]:
    story = ExportStory(
        id="s1",
        created_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
        language="da",
        prompt="moment",
        title="Titel",
        text="En historie.",
        level="employee",
        answers=SAMPLE_ANSWERS,
    )
    return _rows_of("".join(write_raw_csv([story, story], SAMPLE)))


SEEDS = [(DEFINITION, TEXT, _framework_seed()), (SAMPLE, None, _sample_seed())]


@st.composite
def data_files(draw):
    definition, fragment, rows = draw(st.sampled_from(SEEDS))
    words = sorted({cell for row in rows for cell in row})
    mutated = draw(mutated_rows(rows, words))
    level = draw(
        st.sampled_from(
            [None, LevelSource("samskab_level"), LevelSource(words[0], {"1": "user", "x": ""})]
        )
    )
    return definition, fragment, level, draw(csv_bytes(mutated))


def _read_and_check(definition, fragment, level, data):
    table = read_csv(data)
    results = []
    for number, item in duplicates(read_rows(table, definition, fragment_id=fragment, level=level)):
        assert isinstance(item, ImportedStory | RowError), item
        if isinstance(item, RowError):
            assert item.blank or all(p.message and p.field for p in item.problems)
            continue
        clean, problems = check(definition, item)
        assert clean is not None or problems.problems
        results.append(number)
    return results


@FUZZ
@given(
    file=st.one_of(data_files(), st.binary(max_size=300).map(lambda b: (DEFINITION, TEXT, None, b)))
)
def test_a_data_file_is_read_row_by_row_or_refused_with_a_reason(file, fuzz_tally):
    valid = outcome(fuzz_tally, lambda: _read_and_check(*file), (TableError,))
    event("refused" if valid is None else "some valid rows" if valid else "no valid row")
