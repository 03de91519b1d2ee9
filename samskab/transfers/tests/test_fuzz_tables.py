"""Fuzzing the table imports (CSV and XLSX with a column matching): a file is read within the
limits or refused with a TableError, and every row then becomes a story to check or a row error
with reasons, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from conftest import FUZZ
from samskab.instruments.definition import LEVELS
from samskab.instruments.samples import sample_definition
from samskab.transfers import mapping, services
from samskab.transfers.rows import ImportedStory, RowError, check
from samskab.transfers.tabular import Limits, TableError, read_csv, read_xlsx
from samskab.transfers.tests.fuzzing import (
    csv_bytes,
    mutated_rows,
    mutated_zip,
    outcome,
    xlsx_bytes,
    xlsx_values,
)
from samskab.transfers.tests.test_table_import import HEADER, MAPPING, ROWS

pytestmark = pytest.mark.fuzz

DEFINITION = sample_definition()
GROUPS = mapping.groups(DEFINITION)
TARGETS = [t.key for g in GROUPS for t in g.targets]
SEED = [HEADER.split(";")] + [row.split(";") for row in ROWS]
WORDS = sorted({cell for row in SEED for cell in row})
SEED_MAPPING = {k.removeprefix("col_"): v for k, v in MAPPING.items() if k.startswith("col_")}
SEED_XLSX = xlsx_bytes(
    [SEED[0]] + [[float(c) if c.isdigit() else c for c in row] for row in SEED[1:]]
)
LIMITS = Limits(rows=500, cells=20_000)  # small, so that the limits are met too


@st.composite
def column_mappings(draw, headers):
    """The seed's matching where its columns still exist, plus a few random choices."""
    columns = {k: v for k, v in SEED_MAPPING.items() if v in headers}
    if headers:
        for key in draw(st.lists(st.sampled_from(TARGETS), max_size=4)):
            columns[key] = draw(st.sampled_from(headers))
    return mapping.ColumnMapping(
        columns=columns,
        position_scale=draw(st.sampled_from([1.0, 100.0])),
        blank_is_na=draw(st.booleans()),
        prompt=draw(st.sampled_from(["", "moment", "friend"])),
        level=draw(st.sampled_from(["", *LEVELS])),
    )


def _rows_of(table, data):
    """What the worker and the mapping page do with a table that was read."""
    services.sample(table)
    suggested = mapping.suggest(table.headers, GROUPS)
    mapping.guess_position_scale(table, mapping.position_columns(GROUPS, suggested))
    valid = 0
    for _number, item in mapping.read_rows(
        table, DEFINITION, data.draw(column_mappings(table.headers))
    ):
        assert isinstance(item, ImportedStory | RowError), item
        if isinstance(item, ImportedStory):
            clean, problems = check(DEFINITION, item)
            valid += clean is not None
            assert clean is not None or problems.problems
    return valid


def _report(valid):
    event("refused" if valid is None else "some valid rows" if valid else "no valid row")


@FUZZ
@given(
    file=st.one_of(mutated_rows(SEED, WORDS).flatmap(csv_bytes), st.binary(max_size=300)),
    data=st.data(),
)
def test_a_csv_table_is_read_or_refused_with_a_reason(file, data, fuzz_tally):
    table = outcome(fuzz_tally, lambda: read_csv(file, LIMITS), (TableError,))
    _report(None if table is None else _rows_of(table, data))


@FUZZ
@given(
    file=st.one_of(
        mutated_zip(SEED_XLSX),
        mutated_rows(SEED, WORDS).map(xlsx_bytes),
        st.lists(st.lists(xlsx_values, max_size=12), max_size=8).map(xlsx_bytes),
        st.binary(max_size=300),
    ),
    data=st.data(),
)
def test_a_workbook_is_read_or_refused_with_a_reason(file, data, fuzz_tally):
    table = outcome(fuzz_tally, lambda: read_xlsx(file, LIMITS), (TableError,))
    _report(None if table is None else _rows_of(table, data))
