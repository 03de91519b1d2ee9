"""Hypothesis strategies for the import parsers' fuzz tests: files that are nearly right
(mutations of real fixtures) and garbage.

A parser under fuzzing may return a result or raise the app's own error with a message for the
person; anything else is a crash (:func:`outcome`). The number of examples comes from
``FUZZ_EXAMPLES`` (the "fuzz" profile in the root conftest.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from typing import Any, Literal

from hypothesis import strategies as st

# Cells that have broken parsers elsewhere: numbers at the edges, words readers know, markup,
# formula starts, separators, invisible characters.
NASTY = [
    "",
    " ",
    "NA",
    "n/a",
    "ikke relevant",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1e309",
    "-1e309",
    "1e-400",
    "-0",
    "0",
    "1",
    "1.0",
    "100",
    "101",
    "-1",
    "0.5",
    "0,5",
    "1.000,5",
    "50%",
    "1_000",
    "9" * 30,
    "²",
    "٣",
    "½",
    "=1+1",
    "'=1+1",
    "'",
    "@SUM(A1)",
    "\x00",
    "\ufeff",
    "\u2028",
    "\ud7ff",
    '"',
    '""',
    ";",
    ",",
    "\t",
    "\r\n",
    "selected",
    "notselected",
    "x",
    "ja",
    "nej",
    "true",
    "bruger",
    "medarbejder",
    "frivillig eller borger",
    "organisation",
    "employee",
    "2025-13-40",
    "31-12-2025",
    "2025-12-31T00:00:00",
    "00-00-0000",
    "29.02.2023",
    "<b>x</b>",
    "&amp;",
    "1700000000000",
    "99999999999999999",
    "-99999999999999",
]

cells = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=20),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


@st.composite
def mutated_rows(
    draw: st.DrawFn, rows: list[list[str]], vocabulary: list[str] | None = None
) -> Any:
    """``rows`` (the header first) with a few cells, rows or columns changed, dropped, repeated
    or renamed; cells drawn from ``vocabulary`` (the file's own words) as often as not."""
    rows = [list(r) for r in rows]
    words = st.sampled_from(vocabulary) if vocabulary else cells
    cell = st.one_of(cells, words)
    for _ in range(draw(st.integers(0, 10))):
        op = draw(st.sampled_from(["cell", "cell", "cell", "drop", "copy", "row", "cut", "grow"]))
        if not rows:
            rows.append([draw(cell)])
        r = draw(st.integers(0, len(rows) - 1))
        width = max(len(rows[r]), 1)
        c = draw(st.integers(0, width - 1))
        if op == "cell" and rows[r]:
            rows[r][c] = draw(cell)
        elif op == "drop":  # a column
            rows = [row[:c] + row[c + 1 :] for row in rows]
        elif op == "copy":  # a column, repeated at the end
            rows = [row + row[c : c + 1] for row in rows]
        elif op == "row":
            rows.insert(r, draw(st.lists(cell, max_size=width + 2)))
        elif op == "cut":
            rows[r] = rows[r][:c]
        else:
            rows[r] = rows[r] + draw(st.lists(cell, min_size=1, max_size=3))
    return rows


@st.composite
def csv_bytes(draw: st.DrawFn, rows: list[list[str]]) -> bytes:
    """Rows as a CSV file the way various programs save one."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quoting: Literal[0, 1] = 1 if draw(st.booleans()) else 0  # QUOTE_ALL or QUOTE_MINIMAL
    newline = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=newline)
    writer.writerows(rows)
    text = buffer.getvalue()
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    return draw(spliced(data)) if draw(st.integers(0, 3)) == 0 else data


@st.composite
def spliced(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` cut short, or with a few bytes overwritten or inserted."""
    op = draw(st.sampled_from(["cut", "write", "insert"]))
    at = draw(st.integers(0, max(len(data) - 1, 0)))
    if op == "cut":
        return data[:at]
    junk = draw(st.binary(min_size=1, max_size=16))
    if op == "write":
        return data[:at] + junk + data[at + len(junk) :]
    return data[:at] + junk + data[at:]


# --- XLSX -------------------------------------------------------------------------------------

XML_TOKENS = [
    b'<c r="A1" t="s"><v>999</v></c>',
    b'<c r="B2" t="s"><v>-1</v></c>',
    b'<c r="C3" t="n"><v>abc</v></c>',
    b'<c r="D4" t="n"><v>1e999</v></c>',
    b'<c r="E5" t="d"><v>2025-13-45</v></c>',
    b'<c r="F6" t="b"><v>7</v></c>',
    b'<c r="G7" t="e"><v>#DIV/0!</v></c>',
    b'<c r="H8" t="inlineStr"><is><t>=1+1</t></is></c>',
    b'<c r="I9" t="str"><f>1+1</f><v>2</v></c>',
    b'<c r="XFD1"><v>1</v></c>',
    b'<c r="ZZZZ1"><v>1</v></c>',
    b'<c r=""><v>1</v></c>',
    b"<c><v>1</v></c>",
    b'<c r="A1" s="999"><v>45000</v></c>',
    b'<row r="0">',
    b'<row r="-5">',
    b'<row r="abc">',
    b'<row r="1048576">',
    b"</row>",
    b'<dimension ref="A1:XFD1048576"/>',
    b'<dimension ref="nonsense"/>',
    b"<si><t>x</t></si>",
    b"<si><r><t>rich</t></r></si>",
    b"&#0;",
    b"&#xD800;",
    b"&undefined;",
    b'<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    b"\x00",
    b"\xff\xfe",
    b'"',
    b"<",
]


@st.composite
def mutated_zip(draw: st.DrawFn, data: bytes) -> bytes:
    """A workbook with one member's XML changed (a token put in, a slice cut out, the member
    truncated or dropped), or the archive's own bytes damaged."""
    if draw(st.integers(0, 4)) == 0:
        return draw(spliced(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(sorted(members)))
    members[name] = draw(mutated_xml(members[name]))
    if draw(st.integers(0, 9)) == 0:
        del members[name]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return output.getvalue()


@st.composite
def mutated_xml(draw: st.DrawFn, xml: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(xml)))
        op = draw(st.sampled_from(["token", "token", "cut", "truncate", "bytes"]))
        if op == "token":
            xml = xml[:at] + draw(st.sampled_from(XML_TOKENS)) + xml[at:]
        elif op == "cut":
            xml = xml[:at] + xml[at + draw(st.integers(1, 40)) :]
        elif op == "truncate":
            xml = xml[:at]
        else:
            xml = xml[:at] + draw(st.binary(min_size=1, max_size=8)) + xml[at:]
    return xml


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    """Rows as a workbook written by openpyxl (numbers as numbers, text as text)."""
    from openpyxl import Workbook

    from samskab.lib.spreadsheets import XML_ILLEGAL

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append([XML_ILLEGAL.sub("", v) if isinstance(v, str) else v for v in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


xlsx_values = st.one_of(
    cells,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)),
)


def outcome(tally: Any, parse: Callable[[], Any], allowed: tuple[type[BaseException], ...]) -> Any:
    """Run one parse: its result, or None when it refused the input with an ``allowed`` error
    (which must carry a message). Any other exception is a crash, counted and re-raised."""
    try:
        result = parse()
    except allowed as exc:
        tally.record()
        assert str(exc).strip(), f"{type(exc).__name__} without a message"
        return None
    except BaseException:
        tally.record(server_error=True)
        raise
    tally.record()
    return result
