"""Uploaded tables (CSV or XLSX) as plain header + rows of strings. No Django models here.

CSV: UTF-8 (with or without a byte-order mark) or, failing that, Windows-1252, as Danish Excel
saves it; the delimiter (``;``, ``,`` or tab) is taken from the header line. XLSX: the first
sheet, read with openpyxl in read-only mode, every cell turned into text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

MAX_ROWS = 100_000
MAX_COLUMNS = 2_000
DELIMITERS = (";", ",", "\t")


class TableError(ValueError):
    """The file cannot be read as a table; the message is for the person who uploaded it."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number as a spreadsheet shows it, {header: cell}); the header is row 1."""
        for index, row in enumerate(self.rows):
            padded = row + [""] * (len(self.headers) - len(row))
            yield index + 2, dict(zip(self.headers, padded, strict=False))

    def to_json(self) -> dict[str, Any]:
        return {"headers": self.headers, "rows": self.rows}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Table:
        return cls(headers=list(data["headers"]), rows=[list(r) for r in data["rows"]])


def decode(data: bytes) -> str:
    """UTF-8 (BOM removed) or Windows-1252 text."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def read_csv_text(text: str) -> Table:
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return _table(reader)
    except csv.Error as exc:
        raise TableError(_("The file is not a readable CSV file.")) from exc


def read_csv(data: bytes) -> Table:
    return read_csv_text(decode(data))


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook  # imported here: only uploads of XLSX need it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(_("The file is not a readable Excel workbook (.xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = ([cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True))
        return _table(rows)
    finally:
        workbook.close()


def cell_text(value: Any) -> str:
    """An Excel cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _table(rows: Iterable[list[str]]) -> Table:
    iterator = iter(rows)
    header = next(iterator, None)
    if not header or not any(h.strip() for h in header):
        raise TableError(_("The file is empty or has no header row."))
    headers = _headers(header)
    body: list[list[str]] = []
    for row in iterator:
        body.append([c.strip() for c in row[: len(headers)]])  # blank rows keep numbering
        if len(body) > MAX_ROWS:
            raise TableError(
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": MAX_ROWS}
            )
    while body and not any(body[-1]):
        body.pop()  # spreadsheets often end in empty rows
    return Table(headers=headers, rows=body)


def _headers(header: list[str]) -> list[str]:
    while header and not header[-1].strip():
        header = header[:-1]
    if len(header) > MAX_COLUMNS:
        raise TableError(_("The file has more than %(max)s columns.") % {"max": MAX_COLUMNS})
    names = [h.strip().removeprefix("\ufeff") or f"column_{n}" for n, h in enumerate(header, 1)]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise TableError(
            _("These column names are used twice: %(names)s.") % {"names": ", ".join(twice)}
        )
    return names


def read_upload(name: str, data: bytes) -> Table:
    """Read an uploaded file by its extension (.xlsx, else CSV)."""
    if name.lower().endswith(".xlsx"):
        return read_xlsx(data)
    return read_csv(data)
