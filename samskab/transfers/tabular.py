"""Uploaded tables (CSV or XLSX) as plain header + rows of strings. No Django models here.

CSV: UTF-8 (with or without a byte-order mark) or, failing that, Windows-1252, as Danish Excel
saves it; the delimiter (``;``, ``,`` or tab) is taken from the header line. XLSX: the first
sheet, streamed with openpyxl in read-only mode, every cell turned into text.

Every upload is untrusted, and a small file can hold a great deal: an XLSX file is a zip
archive (104 KB can unpack to a 100 MB string), and a few kilobytes of XML or of delimiters can
describe millions of cells. So this is the one safe reader for every table upload (story
imports and measurement imports), bounded by :class:`Limits`:

- an XLSX archive's directory is checked before anything is unpacked: the number of members,
  their total uncompressed size and each large member's compression ratio. ``zipfile`` never
  yields more than a member's declared size (and checks its CRC), so the declared sizes bound
  what parsing can unpack;
- rows are streamed and counted; reading stops, with a refusal, at the row, column or cell limit.
  Sheet rows are read only as wide as the header, and at most one row past the limit, whatever
  the sheet's declared dimensions say;
- a cell keeps at most ``cell_chars`` characters (Excel's own limit by default): longer text is
  cut, and the row checks then reject it as too long instead of storing megabytes.

Cells are stripped, lose NUL characters (PostgreSQL cannot store them) and lose the apostrophe
our exports put before text a spreadsheet would run as a formula (``unescape_cell``), so an
exported file imports as the original text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samskab.lib.spreadsheets import unescape_cell

MAX_ROWS = 100_000
MAX_COLUMNS = 2_000
DELIMITERS = (";", ",", "\t")
MB = 1024 * 1024
RATIO_FLOOR = MB  # members smaller than this may compress as well as they like
# How a cell's start tag can begin: "<c" or a prefixed "<x:c", then white space, ">" or "/".
# (A few other strings match too, e.g. an attribute "x:c =": that only counts high.)
CELL_STARTS = tuple(
    a + b"c" + b for a in (b"<", b":") for b in (b" ", b">", b"/", b"\t", b"\n", b"\r")
)
TAIL = 2  # bytes carried from one block to the next, so that no tag is cut in two
# What openpyxl (and zipfile, zlib and the XML parser under it) raise on a damaged workbook.
XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    SyntaxError,  # xml.etree's ParseError
    UnicodeError,
    OverflowError,
)


@dataclass(frozen=True)
class Limits:
    """What one uploaded table may hold; beyond it the file is refused (one long cell is cut)."""

    rows: int = MAX_ROWS  # data rows, the header not counted
    columns: int = MAX_COLUMNS
    cells: int = 1_000_000  # header and data cells together (and all cells in a workbook)
    cell_chars: int = 32_767  # characters kept of one cell (Excel's own limit)
    unpacked: int = 50 * MB  # XLSX: every member of the archive uncompressed, together
    ratio: int = 100  # XLSX: uncompressed ÷ compressed size of a member above RATIO_FLOOR
    members: int = 200  # XLSX: files in the archive

    @classmethod
    def from_settings(cls) -> Limits:
        """The story imports' limits (``IMPORT_MAX_*`` in docs/configuration.md)."""
        from django.conf import settings

        return cls(
            cells=settings.IMPORT_MAX_CELLS,
            cell_chars=settings.IMPORT_MAX_CELL_CHARS,
            unpacked=settings.IMPORT_MAX_UNPACKED_BYTES,
            ratio=settings.IMPORT_MAX_UNPACK_RATIO,
        )


class TableError(ValueError):
    """The file cannot be read as a table; the message is for the person who uploaded it and
    ``code`` says why (for form errors and tests)."""

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


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


# --- CSV --------------------------------------------------------------------------------------


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


def read_csv_text(text: str, limits: Limits | None = None) -> Table:
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        return _table(reader, limits or Limits())
    except csv.Error as exc:
        raise TableError(_("The file is not a readable CSV file.")) from exc


def read_csv(data: bytes, limits: Limits | None = None) -> Table:
    return read_csv_text(decode(data), limits)


# --- XLSX -------------------------------------------------------------------------------------


def check_archive(data: bytes, limits: Limits) -> None:
    """Refuse an XLSX file whose members would unpack to too much, before unpacking any."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise TableError(_("The file is not a readable Excel workbook (.xlsx).")) from exc
    total = sum(member.file_size for member in members)
    bomb = any(
        member.file_size > RATIO_FLOOR
        and member.file_size > limits.ratio * max(member.compress_size, 1)
        for member in members
    )
    if len(members) > limits.members or total > limits.unpacked or bomb:
        raise TableError(
            _(
                "The workbook unpacks to far more data than a table holds, so it was not "
                "opened. Save the sheet again as a new workbook or as CSV."
            ),
            "too_large_unpacked",
        )


def count_cells(data: bytes, limits: Limits) -> None:
    """Refuse a workbook with more cells than ``limits.cells`` before parsing it.

    openpyxl parses every cell of a row even when only the header's width is kept, so the
    cells the reader keeps do not bound the time; the cells in the file do. Every member is
    scanned (a sheet may have any name), as it unpacks, a megabyte at a time: within the
    archive limits this takes a fraction of a second."""
    found = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            with archive.open(member) as stream:
                found += _cell_tags(stream)
            if found > limits.cells:
                raise TableError(
                    _("The file has more than %(max)s cells; split it into smaller files.")
                    % {"max": number_format(limits.cells, force_grouping=True)},
                    "too_many_cells",
                )


def _cell_tags(stream: IO[bytes]) -> int:
    """Start tags of cells (``<c>``, ``<c r=…>``, ``<x:c …>``) in a stream of XML."""
    count, tail = 0, b""
    while chunk := stream.read(MB):
        block = tail + chunk
        # Tags wholly inside the carried-over tail were counted with the previous block.
        count += sum(block.count(start) - tail.count(start) for start in CELL_STARTS)
        tail = block[-TAIL:]
    return count


def read_xlsx(data: bytes, limits: Limits | None = None) -> Table:
    limits = limits or Limits()
    check_archive(data, limits)
    try:
        count_cells(data, limits)
    except TableError:
        raise
    except XLSX_ERRORS as exc:  # a member that does not unpack
        raise TableError(_("The file is not a readable Excel workbook (.xlsx).")) from exc
    from openpyxl import load_workbook  # imported here: only uploads of XLSX need it

    unreadable = _("The file is not a readable Excel workbook (.xlsx).")
    # openpyxl warns about parts it skips (extensions, styles); they do not change the values.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except XLSX_ERRORS as exc:
            raise TableError(unreadable) from exc
        try:
            return _table(_sheet_rows(workbook, limits), limits)
        except TableError:
            raise
        except XLSX_ERRORS as exc:
            raise TableError(unreadable) from exc
        finally:
            workbook.close()


def _sheet_rows(workbook: Any, limits: Limits) -> Iterator[list[str]]:
    """The first sheet's rows as text: the header, then rows as wide as the header.

    Explicit bounds matter: without them openpyxl pads every row to the width the sheet
    declares (up to 16,384 columns) and yields an empty row for every missing row number.
    """
    if not workbook.worksheets:
        return
    sheet = workbook.worksheets[0]
    first = sheet.iter_rows(max_row=1, max_col=limits.columns + 1, values_only=True)
    header = _trimmed([cell_text(value) for value in next(first, ())])
    yield header
    if not header or len(header) > limits.columns:
        return  # refused by _table, with the reason
    body = sheet.iter_rows(
        min_row=2, max_row=limits.rows + 2, max_col=len(header), values_only=True
    )
    for row in body:
        yield [cell_text(value) for value in row]


def _trimmed(header: list[str]) -> list[str]:
    while header and not header[-1].strip():
        header = header[:-1]
    return header


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


# --- Both -------------------------------------------------------------------------------------


def _clean(cell: str, limits: Limits) -> str:
    return unescape_cell(cell[: limits.cell_chars].replace("\x00", "").strip())


def _table(rows: Iterable[Sequence[str]], limits: Limits) -> Table:
    iterator = iter(rows)
    header = next(iterator, None)
    if not header or not any(h.strip() for h in header):
        raise TableError(_("The file is empty or has no header row."), "empty")
    headers = _headers(list(header), limits)
    width, cells = len(headers), len(headers)
    body: list[list[str]] = []
    for row in iterator:
        if len(body) >= limits.rows:
            raise TableError(
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": number_format(limits.rows, force_grouping=True)},
                "too_many_rows",
            )
        kept = row[:width]
        cells += len(kept)
        if cells > limits.cells:
            raise TableError(
                _("The file has more than %(max)s cells; split it into smaller files.")
                % {"max": number_format(limits.cells, force_grouping=True)},
                "too_many_cells",
            )
        body.append([_clean(c, limits) for c in kept])  # blank rows keep numbering
    while body and not any(body[-1]):
        body.pop()  # spreadsheets often end in empty rows
    return Table(headers=headers, rows=body)


def _headers(header: list[str], limits: Limits) -> list[str]:
    header = _trimmed(header)
    if len(header) > limits.columns:
        raise TableError(
            _("The file has more than %(max)s columns.")
            % {"max": number_format(limits.columns, force_grouping=True)},
            "too_many_columns",
        )
    names = [
        _clean(h, limits).removeprefix("\ufeff") or f"column_{n}" for n, h in enumerate(header, 1)
    ]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise TableError(
            _("These column names are used twice: %(names)s.") % {"names": ", ".join(twice)},
            "duplicate_columns",
        )
    return names


def is_xlsx(name: str) -> bool:
    return name.lower().endswith(".xlsx")


def read_upload(name: str, data: bytes, limits: Limits | None = None) -> Table:
    """Read an uploaded file by its extension (.xlsx, else CSV)."""
    if is_xlsx(name):
        return read_xlsx(data, limits)
    return read_csv(data, limits)
