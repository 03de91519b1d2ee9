"""Cells that are safe to open in a spreadsheet (OWASP's CSV-injection rule).

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets when the file is opened: an anonymous story
``=HYPERLINK("https://evil", "klik")`` would become a live link in an analyst's export. Every
export writes its text cells through :func:`safe_cell`, which prefixes such a value with a single
quote, the spreadsheet's own "this is text" mark. A value that is a plain number (``-0.25``,
``+3``, ``1e-5``) is left as it is, so numeric columns round-trip exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeVar

T = TypeVar("T")

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?", re.ASCII)


def needs_escape(value: str) -> bool:
    return value.startswith(TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value)


def safe_cell(value: T) -> T | str:
    """``value`` with a leading quote when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and needs_escape(value):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """The text :func:`safe_cell` escaped, for reading an exported file back in."""
    if value.startswith("'") and needs_escape(value[1:]):
        return value[1:]
    return value


# Characters XML 1.0 cannot hold (openpyxl refuses them): C0 controls but tab, newline and CR.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_CELL_LIMIT = 32_767  # characters Excel keeps in one cell


def xlsx_text(value: str) -> str:
    """Text for a workbook's string cell: escaped, without what XML cannot hold, and within
    Excel's limit."""
    return str(safe_cell(XML_ILLEGAL.sub("", value)))[:XLSX_CELL_LIMIT]


def xlsx_cells(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """One row of write-only cells. Text is escaped and written as a string cell (type ``s``),
    so openpyxl can never take it for a formula; numbers, dates and empty cells stay as they are."""
    from openpyxl.cell import WriteOnlyCell  # only workbook exports need openpyxl

    cells = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=xlsx_text(value))
            cell.data_type = "s"
        else:
            cell = WriteOnlyCell(sheet, value=value)
        cells.append(cell)
    return cells
