"""The audit log as CSV (streamed) or an Excel workbook, every text cell made formula-safe.

A target is whatever someone named a project or a file: ``=HYPERLINK(...)`` as a project title
must arrive as text, so every text cell goes through ``lib.spreadsheets`` (``safe_cell``,
``xlsx_cells``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from io import BytesIO, StringIO
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskab.lib.spreadsheets import safe_cell, xlsx_cells
from samskab.organisations.auditing.sentences import sentence, thing, value_changes, who
from samskab.organisations.models import AuditEntry

FORMATS = ("csv", "xlsx")
XLSX_MAX_ROWS = 1_000_000  # Excel shows 1,048,576 rows; the CSV has no limit
CHUNK = 2000


def _headers() -> list[str]:
    return [
        _("Time"),
        _("Who"),
        _("E-mail address at the time"),
        _("Action"),
        _("Action code"),
        _("Kind of object"),
        _("Concerning"),
        _("What happened"),
        _("Changed values"),
        _("Details"),
    ]


def _row(entry: AuditEntry) -> list[Any]:
    return [
        timezone.localtime(entry.at).isoformat(timespec="seconds"),
        who(entry),
        entry.actor_label,
        entry.action_label,
        entry.action,
        thing(entry.object_type) if entry.object_type else "",
        entry.target,
        sentence(entry),
        "; ".join(value_changes(entry)),
        json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
    ]


def _csv_chunks(entries: QuerySet[AuditEntry], language: str) -> Iterator[str]:
    buffer = StringIO()
    writer = csv.writer(buffer)
    # Streamed after the view returned: keep the reader's language for the sentences.
    with translation.override(language):
        writer.writerow([safe_cell(cell) for cell in _headers()])
        for entry in entries.iterator(chunk_size=CHUNK):
            writer.writerow([safe_cell(cell) for cell in _row(entry)])
            if buffer.tell() > 65536:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()


def csv_response(entries: QuerySet[AuditEntry], name: str) -> StreamingHttpResponse:
    language = translation.get_language() or "da"
    response = StreamingHttpResponse(
        _csv_chunks(entries, language), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def xlsx_response(entries: QuerySet[AuditEntry], name: str) -> HttpResponse:
    from openpyxl import Workbook  # only this export needs openpyxl

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Audit log")[:31])
    sheet.append(xlsx_cells(sheet, _headers()))
    for entry in entries[:XLSX_MAX_ROWS].iterator(chunk_size=CHUNK):
        sheet.append(xlsx_cells(sheet, _row(entry)))
    out = BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
