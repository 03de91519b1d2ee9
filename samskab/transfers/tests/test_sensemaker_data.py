"""Reading SenseMaker data exports: raw layout, Workbench variant, three states, bad rows."""

from __future__ import annotations

import csv
import io
import math

import pytest
from django.utils import translation

from samskab.transfers.rows import ImportedStory, LevelSource, RowError, check
from samskab.transfers.sensemaker import definition_from_sensemaker, read_rows
from samskab.transfers.tests.helpers import framework_json

DEFINITION, REPORT = definition_from_sensemaker(framework_json())
TEXT = "a1000000-0000-4000-8000-000000000001"
T1 = "b2000000-0000-4000-8000-000000000001"
T1C = [f"b2{n}00000-0000-4000-8000-000000000001" for n in (1, 2, 3)]
T2 = "b2000000-0000-4000-8000-000000000002"
DYAD = "c3000000-0000-4000-8000-000000000001"
LEFT, RIGHT = "c3100000-0000-4000-8000-000000000001", "c3200000-0000-4000-8000-000000000001"
STONES = "d4000000-0000-4000-8000-000000000001"
STONE = "d4100000-0000-4000-8000-000000000001"
SINGLE = "e5000000-0000-4000-8000-000000000001"
ITEM = "e5200000-0000-4000-8000-000000000001"
MULTI = "e5000000-0000-4000-8000-000000000002"
M1, M3 = "e5100000-0000-4000-8000-000000000002", "e5300000-0000-4000-8000-000000000002"
FREE = "f6000000-0000-4000-8000-000000000001"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _csv(rows, bom=True):
    headers = sorted({key for row in rows for key in row})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, headers, quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if bom else "") + buffer.getvalue()


def _read(rows, **kwargs):
    return dict(read_rows(_csv(rows), DEFINITION, fragment_id=TEXT, **kwargs))


def _full_row(**extra):
    row = {
        "id": "9d1c0000-0000-4000-8000-000000000001",
        "server_upload_time": "1700000000000",
        "language": "da",
        TEXT: "Vi bagte boller sammen.",
        f"{T1}_{T1C[0]}": "0.5009",
        f"{T1}_{T1C[1]}": "-0.0009",
        f"{T1}_{T1C[2]}": "0.5",
        f"{T2}_percentX": "0.5",
        f"{T2}_percentY": "1",
        f"{DYAD}_percentX": "0.25",
        f"{DYAD}_{LEFT}": "0.75",
        f"{DYAD}_{RIGHT}": "0.25",
        f"{STONES}_{STONE}_percentX": "0.1",
        f"{STONES}_{STONE}_percentY": "0.9",
        SINGLE: ITEM,
        f"{MULTI}_{M1}": "1",
        f"{MULTI}_{M3}": "1",
        FREE: "At spørge først.",
    }
    row.update(extra)
    return row


def test_a_full_raw_row_is_read_with_rounding_errors_clamped():
    story = _read([_full_row()])[2]
    assert isinstance(story, ImportedStory), story
    assert story.external_id == "9d1c0000-0000-4000-8000-000000000001"
    assert (
        story.created_at is not None
        and story.created_at.year == 2023
        and story.text == "Vi bagte boller sammen."
    )
    top, left, right = story.answers[T1]["value"]
    assert left == 0.0 and math.isclose(top + right, 1.0)
    assert story.answers[T2]["value"] == pytest.approx([1.0, 0.0, 0.0])
    assert story.answers[DYAD] == {"value": 0.25}
    assert story.answers[STONES] == {"value": {f"{STONE}": {"x": 0.1, "y": 0.9}}}
    assert story.answers[SINGLE] == {"value": ITEM}
    assert story.answers[MULTI] == {"value": [M1, M3]}
    clean, problems = check(DEFINITION, story)
    assert clean is not None, problems
    assert clean.answers[T1]["state"] == "answered"
    assert sum(clean.answers[T1]["value"]) == pytest.approx(1.0, abs=1e-12)


def test_not_applicable_skipped_and_blank_rows():
    rows = _read(
        [
            {"id": "r1", TEXT: "Kort.", f"{T1}_NA": "1", f"{DYAD}_NA": "1"},
            {"id": "", TEXT: "", f"{T1}_NA": ""},
            {"id": "r3", TEXT: "Efter en tom række."},
        ]
    )
    clean, _problems = check(DEFINITION, rows[2])
    assert clean is not None
    assert clean.answers[T1] == {"state": "na"}
    assert clean.answers[DYAD] == {"state": "na"}
    assert clean.answers[T2] == {"state": "skipped"}
    assert clean.answers[MULTI] == {"state": "skipped"}
    assert rows[3] == RowError(blank=True)  # row numbers stay as in the spreadsheet
    assert rows[4].external_id == "r3"


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({f"{T1}_{T1C[0]}": "0.9"}, "add up to 140"),
        ({f"{T1}_{T1C[1]}": "-0.2"}, "outside the range"),
        ({f"{T1}_NA": "1"}, "not applicable"),
        ({f"{DYAD}_{RIGHT}": "0.6"}, "disagree"),
        ({f"{DYAD}_percentX": "1.4", f"{DYAD}_{LEFT}": "", f"{DYAD}_{RIGHT}": ""}, "outside"),
        ({SINGLE: "Kat"}, "not one of the options"),
        ({f"{MULTI}_{M1}": "måske"}, "neither ticked"),
        ({f"{STONES}_{STONE}_percentY": ""}, "only one of its two"),
        ({f"{T2}_percentX": "abc"}, "not a number"),
        ({f"{T1}_{T1C[2]}": ""}, "columns are empty"),
    ],
)
def test_real_inconsistencies_are_rejected_with_a_reason(extra, reason):
    item = _read([_full_row(**extra)])[2]
    assert isinstance(item, RowError)
    assert any(reason in p.message for p in item.problems), item.problems
    assert item.problems[0].field  # which question


def test_validation_reasons_for_rows_that_read_fine():
    item = _read([_full_row(**{TEXT: ""})])[2]
    clean, problems = check(DEFINITION, item)
    assert clean is None
    assert [p.field for p in problems.problems] == ["Story"]


def test_a_single_choice_may_name_its_item_by_title():
    item = _read([_full_row(**{SINGLE: "medarbejder"})])[2]
    assert item.answers[SINGLE] == {"value": ITEM}


def test_level_from_a_chosen_list():
    nobody = "e5300000-0000-4000-8000-000000000001"
    source = LevelSource(SINGLE, {ITEM.lower(): "employee", nobody: ""})
    item = _read([_full_row()], level=source)[2]
    assert item.level == "employee"
    assert _read([_full_row(**{SINGLE: nobody})], level=source)[2].level is None
    other = _read([_full_row(**{SINGLE: "e5100000-0000-4000-8000-000000000001"})], level=source)
    assert isinstance(other[2], RowError)  # an item nobody mapped


def test_workbench_variant():
    row = {
        "FragmentID": "wb-1",
        TEXT: "Fra workbench.",
        f"{T1}_{T1C[0]}": "20",
        f"{T1}_{T1C[1]}": "30",
        f"{T1}_{T1C[2]}": "50",
        f"{T1}X": "0.6",
        f"{T1}Y": str(0.2 * math.sqrt(3) / 2),
        f"{T1}_zone": "Centre",
        f"{T2}X": "0.5",
        f"{T2}Y": str(math.sqrt(3) / 2),
        f"{DYAD}X": "0.75",
        f"{MULTI}_{M1}_selected": "selected",
        f"{MULTI}_{M3}_selected": "notselected",
    }
    item = _read([row])[2]
    assert isinstance(item, ImportedStory), item
    assert item.external_id == "wb-1"
    assert item.answers[T1]["value"] == pytest.approx([0.2, 0.3, 0.5])
    assert item.answers[T2]["value"] == pytest.approx([1.0, 0.0, 0.0])
    assert item.answers[DYAD] == {"value": 0.75}
    assert item.answers[MULTI] == {"value": [M1]}


def test_duplicate_ids_in_one_file_are_rejected():
    from samskab.transfers.rows import duplicates

    rows = list(
        duplicates(read_rows(_csv([_full_row(), _full_row()]), DEFINITION, fragment_id=TEXT))
    )
    assert isinstance(rows[0][1], ImportedStory)
    assert isinstance(rows[1][1], RowError) and "row 2" in rows[1][1].problems[0].message
