"""Importing an indicator's measurements from a CSV or XLSX file, with a preview.

The file has columns for the period's start and end, the value and (optionally) a note, named
in Danish or English. Numbers may use a decimal comma; dates may be written 31-12-2025,
31.12.2025, 31/12/2025 or 2025-12-31. Each row is checked with exactly the rule every other
path uses (services.measurements.check), and confirming adds the good rows through
``add_measurements`` in one transaction.

Between the preview and the confirmation the rows travel signed (django.core.signing) and
bound to the indicator and the member; an edited or stale payload is refused.

Limits: 2 MB per file, 5,000 rows, 50 columns. The file is read by the shared safe table reader
(``samskab.transfers.tabular``): an XLSX file is a zip archive, and its members' uncompressed
sizes are checked before openpyxl opens it, so a small "decompression bomb" is refused without
being expanded; rows are streamed and reading stops at the limits.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _

from samskab.measurement.content import IndicatorSource
from samskab.measurement.models import Indicator, Measurement
from samskab.measurement.services.measurements import (
    MeasurementError,
    NewMeasurement,
    Period,
    add_measurements,
    check,
    taken_periods,
)
from samskab.transfers.tabular import Limits, Table, TableError, read_upload

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 50
MAX_NOTE = 2_000
# An XLSX file of at most 5,000 rows of a few cells unpacks to well under this.
MAX_UNPACKED = 10 * 1024 * 1024
MAX_MEMBERS = 200
MAX_RATIO = 200  # a member that unpacks to more than 200 × its packed size is a bomb
MAX_PAYLOAD = 1_500_000  # characters of the signed preview (below Django's 2.5 MB POST limit)
PAYLOAD_AGE = 60 * 60  # seconds a preview can be confirmed

FIELDS = ("period_start", "period_end", "value", "note")
REQUIRED = ("period_start", "period_end", "value")
# Header names we understand, after lower-casing and folding "_", "-", "." and ":" to spaces.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "period_start": (
        "period start",
        "period from",
        "start",
        "from",
        "start date",
        "periode start",
        "periodestart",
        "periode fra",
        "fra",
        "startdato",
        "start dato",
        "fra dato",
    ),
    "period_end": (
        "period end",
        "period to",
        "end",
        "to",
        "end date",
        "periode slut",
        "periodeslut",
        "periode til",
        "til",
        "slut",
        "slutdato",
        "slut dato",
        "til dato",
    ),
    "value": ("value", "værdi", "vaerdi", "måling", "maaling", "resultat", "result"),
    "note": ("note", "notes", "notat", "bemærkning", "bemaerkning", "kommentar", "comment"),
}
_HEADER_LOOKUP = {name: key for key, names in HEADER_NAMES.items() for name in names}

DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$"), ("d", "m", "y")),
)
# A time of day after a date, as spreadsheets and ISO timestamps write it ("…T00:00:00").
TIME_SUFFIX = re.compile(r"[T ]00:00(:00)?(\.0+)?$")
NUMBER = re.compile(r"(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?")
THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")


class ImportFileError(ValueError):
    """The file cannot be imported at all; ``code`` for the form, the message for people."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class RawRow:
    """One data row as the file has it: its number as a spreadsheet shows it, and the cells."""

    number: int
    period_start: str
    period_end: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class PreviewRow:
    raw: RawRow
    new: NewMeasurement | None  # None when the row has an error
    field: str = ""  # the column the error belongs to
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.new is not None


@dataclass(frozen=True)
class Preview:
    rows: list[PreviewRow]

    @property
    def good(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.ok]

    @property
    def bad(self) -> list[PreviewRow]:
        return [row for row in self.rows if not row.ok]

    @property
    def good_numbers(self) -> list[int]:
        return [row.raw.number for row in self.good]


# Reading the file ---------------------------------------------------------------------------


LIMITS = Limits(
    rows=MAX_ROWS,
    columns=MAX_COLUMNS,
    cells=(MAX_ROWS + 1) * MAX_COLUMNS,
    cell_chars=MAX_NOTE + 1,  # a longer note is refused by the row check, not stored
    unpacked=MAX_UNPACKED,
    ratio=MAX_RATIO,
    members=MAX_MEMBERS,
)


def read_table(name: str, data: bytes) -> Table:
    """The uploaded file as a table of text (header + rows), within the limits.

    Read by the one safe table reader of story imports (``transfers.tabular``): an XLSX
    archive's sizes are checked before openpyxl opens it, rows are streamed and reading stops
    at the limits. With these small limits the whole file is read within the request."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than 2 MB; split it into smaller files."), "too_large"
        )
    try:
        return read_upload(name, data, LIMITS)
    except TableError as exc:
        raise ImportFileError(exc.message, exc.code) from exc


def _fold(header: str) -> str:
    return " ".join(re.sub(r"[_\-.:]", " ", header.strip().lower()).split())


def column_map(headers: list[str]) -> dict[str, int]:
    """Which column holds which field; ImportFileError naming what is missing."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _HEADER_LOOKUP.get(_fold(header))
        if key is not None and key not in found:
            found[key] = index
    missing = [key for key in REQUIRED if key not in found]
    if missing:
        raise ImportFileError(
            _(
                "The file needs the columns “period start”, “period end” and “value” (in Danish "
                "“periode start”, “periode slut” and “værdi”) in its first row. Found: "
                "%(found)s."
            )
            % {"found": ", ".join(f"“{h}”" for h in headers if h) or "–"},
            "columns",
        )
    return found


def raw_rows(table: Table) -> list[RawRow]:
    """The data rows with the columns we need, skipping rows with no cells filled."""
    columns = column_map(table.headers)
    rows = [
        RawRow(index + 2, *(_cell(cells, columns.get(key)) for key in FIELDS))
        for index, cells in enumerate(table.rows)
        if any(c.strip() for c in cells)
    ]
    if not rows:
        raise ImportFileError(_("The file has a header but no rows."), "no_rows")
    return rows


def _cell(cells: list[str], position: int | None) -> str:
    if position is None or position >= len(cells):
        return ""
    return cells[position].strip()


def read_rows(name: str, data: bytes) -> list[RawRow]:
    return raw_rows(read_table(name, data))


# Reading cells ------------------------------------------------------------------------------


def parse_number(text: str) -> float:
    """A number written the Danish way (12,5 · 1.234,5) or the English way (12.5 · 1,234.5)."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    cleaned = cleaned.removesuffix("%")
    sign = ""
    if cleaned[:1] in ("+", "-"):
        sign, cleaned = cleaned[0], cleaned[1:]
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    elif cleaned.count(",") + cleaned.count(".") > 1 and THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "").replace(".", "")
    else:
        cleaned = cleaned.replace(",", ".")
    if not NUMBER.fullmatch(cleaned):
        raise ValueError(text)
    number = float(sign + cleaned)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def parse_date(text: str) -> datetime.date:
    cleaned = TIME_SUFFIX.sub("", text.strip())
    for pattern, order in DATE_PATTERNS:
        match = pattern.match(cleaned)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            return datetime.date(parts["y"], parts["m"], parts["d"])  # ValueError if impossible
    raise ValueError(text)


def _date_error(text: str) -> str:
    if not text:
        return _("The date is missing.")
    return _("“%(text)s” is not a date we can read; write it as 31-12-2025 or 2025-12-31.") % {
        "text": text[:40]
    }


def _parse(raw: RawRow) -> NewMeasurement | tuple[str, str]:
    """The row as a new measurement, or (field, message) for the first cell that is wrong."""
    dates = []
    for key, text in (("period_start", raw.period_start), ("period_end", raw.period_end)):
        try:
            dates.append(parse_date(text))
        except ValueError:
            return key, _date_error(text)
    try:
        value = parse_number(raw.value)
    except ValueError:
        if not raw.value:
            return "value", _("The value is missing.")
        return "value", _("“%(text)s” is not a number.") % {"text": raw.value[:40]}
    if len(raw.note) > MAX_NOTE:
        return "note", _("The note is longer than %(max)s characters.") % {"max": MAX_NOTE}
    return NewMeasurement(dates[0], dates[1], value, raw.note)


def _check_row(
    indicator: Indicator, raw: RawRow, seen: dict[tuple[Any, Any], int], taken: set[Period]
) -> PreviewRow:
    parsed = _parse(raw)
    if isinstance(parsed, tuple):
        return PreviewRow(raw, None, *parsed)
    period = (parsed.period_start, parsed.period_end)
    if period in seen:
        message = _("The file has this period already, in row %(row)s.") % {"row": seen[period]}
        return PreviewRow(raw, None, "period_start", message)
    try:
        check(indicator, parsed, taken)
    except MeasurementError as error:
        return PreviewRow(raw, None, error.field, error.message)
    seen[period] = raw.number
    return PreviewRow(raw, parsed)


def preview(indicator: Indicator, rows: list[RawRow]) -> Preview:
    """Each row as it would be added, or with the reason it cannot be."""
    seen: dict[tuple[Any, Any], int] = {}
    taken = taken_periods(indicator)
    return Preview([_check_row(indicator, raw, seen, taken) for raw in rows])


@transaction.atomic
def commit(
    indicator: Indicator, rows: list[RawRow], expected: list[int], actor: User
) -> list[Measurement]:
    """Add exactly the rows the preview showed as good (``expected``), all or none.

    Each goes through the one rule again (``add_measurements``); if a row no longer
    passes (the indicator changed since the preview), MeasurementError undoes them all.
    """
    wanted = set(expected)
    news = []
    for raw in rows:
        if raw.number not in wanted:
            continue
        parsed = _parse(raw)
        if isinstance(parsed, tuple):
            raise MeasurementError(*parsed)
        news.append(parsed)
    if len(news) != len(wanted):
        raise MeasurementError("file", _("The rows changed since the preview."))
    return add_measurements(indicator, news, actor, source=IndicatorSource.IMPORT)


# The signed preview -------------------------------------------------------------------------


def _salt(indicator: Indicator, actor: User) -> str:
    return f"samskab.measurement.import:{indicator.organisation_id}:{indicator.pk}:{actor.pk}"


def seal(indicator: Indicator, actor: User, rows: list[RawRow], expected: list[int]) -> str:
    """The rows and the row numbers the member saw as good, signed for this indicator and
    member. ImportFileError when it would be too large to carry through a form."""
    body = {
        "rows": [[r.number, r.period_start, r.period_end, r.value, r.note] for r in rows],
        "expected": expected,
    }
    token = signing.dumps(body, salt=_salt(indicator, actor), compress=True)
    if len(token) > MAX_PAYLOAD:
        raise ImportFileError(
            _("The file holds too much text to preview at once; split it into smaller files."),
            "too_large",
        )
    return token


def unseal(indicator: Indicator, actor: User, token: str) -> tuple[list[RawRow], list[int]]:
    """The rows and expected good row numbers; signing.BadSignature if anything was changed,
    the preview is older than an hour, or it was made for another indicator or member."""
    if len(token) > MAX_PAYLOAD:
        raise signing.BadSignature("too large")
    body = signing.loads(token, salt=_salt(indicator, actor), max_age=PAYLOAD_AGE)
    try:
        rows = [
            RawRow(int(n), str(s), str(e), str(v), str(note)) for n, s, e, v, note in body["rows"]
        ]
        expected = [int(n) for n in body["expected"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise signing.BadSignature("malformed") from exc
    return rows, expected
