"""The formula-injection escape (OWASP's CSV-injection rule) and workbook string cells."""

from __future__ import annotations

import pytest

from samskab.lib.spreadsheets import safe_cell, unescape_cell, xlsx_cells, xlsx_text


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-٣+cmd", "'-٣+cmd"),
        ("-٣", "'-٣"),  # not a number a spreadsheet reads: only ASCII digits are left alone
        ("-0.25", "-0.25"),
        ("+3", "+3"),
        ("1e-05", "1e-05"),
        ("-1,5", "-1,5"),
        ("plain", "plain"),
        (0.25, 0.25),
    ],
)
def test_safe_cell_and_back(value, cell):
    assert safe_cell(value) == cell
    if isinstance(value, str):
        assert unescape_cell(str(cell)) == value


def test_a_workbook_text_cell_is_a_string_without_what_xml_forbids():
    from openpyxl import Workbook

    sheet = Workbook(write_only=True).create_sheet()
    cells = xlsx_cells(sheet, ["=1+1", "a\x00b\x0bc", 2.5, None, "x" * 40_000])
    assert [c.data_type for c in cells] == ["s", "s", "n", "n", "s"]
    assert [cells[0].value, cells[1].value, cells[2].value] == ["'=1+1", "abc", 2.5]
    assert len(xlsx_text("=" + "x" * 40_000)) == 32_767
