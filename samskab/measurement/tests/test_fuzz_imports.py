"""Fuzzing the measurement import: any uploaded file is read into rows or refused with an
ImportFileError and a message; every row is then previewed as good or with its reason, and the
preview is sealed or refused as too large, never a crash."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from conftest import FUZZ
from samskab.measurement.services import imports
from samskab.measurement.tests.factories import make_goal, make_indicator
from samskab.measurement.tests.test_imports import DANISH_CSV
from samskab.testing import make_project
from samskab.transfers.tests.fuzzing import (
    cells,
    csv_bytes,
    mutated_rows,
    mutated_zip,
    outcome,
    xlsx_bytes,
    xlsx_values,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

SEED = [line.split(";") for line in DANISH_CSV.strip().split("\n")]
WORDS = sorted({cell for row in SEED for cell in row})
SEED_XLSX = xlsx_bytes(
    [["period start", "period end", "value", "note"]]
    + [
        [datetime.date(2025, 1, 1), datetime.date(2025, 1, 31), 12.5, "x"],
        ["2025-02-01", "28-02-2025", "3,5", None],
    ]
)
dates = st.dates(min_value=datetime.date(1900, 3, 1)).map(str)


@pytest.fixture
def indicator(world):
    project = make_project(
        world.org_a, start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2026, 12, 31)
    )
    return make_indicator(make_goal(project))


files = st.one_of(
    st.tuples(st.just("m.csv"), mutated_rows(SEED, WORDS).flatmap(csv_bytes)),
    st.tuples(
        st.just("m.csv"),
        st.lists(st.lists(st.one_of(cells, dates), min_size=3, max_size=5), max_size=6)
        .map(lambda rows: [SEED[0], *rows])
        .flatmap(csv_bytes),
    ),
    st.tuples(st.just("m.xlsx"), mutated_zip(SEED_XLSX)),
    st.tuples(
        st.just("m.xlsx"),
        st.lists(st.lists(xlsx_values, min_size=3, max_size=5), max_size=6).map(
            lambda rows: xlsx_bytes([["start", "slut", "værdi", "note"], *rows])
        ),
    ),
    st.tuples(st.sampled_from(["m.csv", "m.xlsx"]), st.binary(max_size=300)),
)


@FUZZ
@given(file=files)
def test_a_measurement_file_is_previewed_or_refused_with_a_reason(
    file, indicator, world, fuzz_tally
):
    def run():
        rows = imports.read_rows(*file)
        preview = imports.preview(indicator, rows)
        assert all(row.ok or (row.field and row.error) for row in preview.rows)
        imports.seal(indicator, world.erik, rows, preview.good_numbers)
        return preview

    preview = outcome(fuzz_tally, run, (imports.ImportFileError,))
    event("refused" if preview is None else "some good rows" if preview.good else "no good row")
