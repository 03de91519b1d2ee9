"""The project's whole measurement record as XLSX (one sheet per part) and as one JSON document.

The service (services/exports.py) builds the tables; these views only write them out. Every text
cell of the workbook is escaped against formula injection (OWASP's CSV-injection rule): text
starting with ``= + - @``, a tab or a carriage return gets a leading apostrophe, and every text
cell is written as a string cell, never as a formula. Numbers and dates stay numbers and dates.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskab.measurement.services.exports import (
    SCHEMA_VERSION,
    Cell,
    Column,
    MeasurementRecord,
    record,
)
from samskab.measurement.views.common import get_project
from samskab.organisations.policy import OrgRequest, Perm, can, org_view
from samskab.projects.models import Project

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXCEL_TEXT_LIMIT = 32_767  # characters in one cell
SHEET_NAME_LIMIT = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Characters XML 1.0 cannot hold (openpyxl refuses them); tab, newline and CR are allowed.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def escape_text(text: str) -> str:
    """Text as a spreadsheet cell that can never be taken for a formula."""
    text = ILLEGAL.sub("", text)[:EXCEL_TEXT_LIMIT]
    if text.startswith(FORMULA_START):
        return "'" + text[: EXCEL_TEXT_LIMIT - 1]
    return text


def _text(value: Cell, column: Column) -> str:
    """A code column's value as its label; a list as one line per item."""
    items = value if isinstance(value, list) else [str(value)]
    if column.choices is not None:
        labels = column.choices
        items = [str(labels.get(item, item)) for item in items]
    return "\n".join(items)


def xlsx_value(value: Cell, column: Column) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    if isinstance(value, datetime.date):
        return value
    return escape_text(_text(value, column))


def _sheet_name(title: str, taken: set[str]) -> str:
    name = SHEET_NAME_FORBIDDEN.sub(" ", title).strip()[:SHEET_NAME_LIMIT] or "sheet"
    base, number = name, 2
    while name.lower() in taken:
        suffix = f" {number}"
        name, number = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def _cells(sheet: Any, values: list[Any]) -> list[Any]:
    """Write-only cells; text is forced to a string cell so "=…" never becomes a formula."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return cells


def _about_sheet(workbook: Any, data: MeasurementRecord, taken: set[str]) -> None:
    sheet = workbook.create_sheet(_sheet_name(_("About"), taken))
    project = data.project
    stories = (
        _("Masked stories are included.")
        if data.stories_included
        else _("Individual stories are not included: your role sees results, not stories.")
    )
    rows: list[tuple[str, Any]] = [
        (_("Project"), escape_text(project.title)),
        (_("Start date"), project.start_date),
        (_("End date"), project.end_date),
        (_("Exported"), xlsx_value(data.exported_at, Column("", ""))),
        (_("Stories"), stories),
        (_("Format version"), SCHEMA_VERSION),
    ]
    for label, value in rows:
        sheet.append(_cells(sheet, [escape_text(label), value]))


def workbook_bytes(data: MeasurementRecord) -> bytes:
    """The record as a workbook (one project's record is small enough to hold in memory)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    _about_sheet(workbook, data, taken)
    bold = Font(bold=True)
    for part in data.parts:
        sheet = workbook.create_sheet(_sheet_name(str(part.title), taken))
        header = _cells(sheet, [escape_text(str(c.label)) for c in part.columns])
        for cell in header:
            cell.font = bold
        sheet.append(header)
        for row in part.rows:
            values = [xlsx_value(row[c.key], c) for c in part.columns]
            sheet.append(_cells(sheet, values))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def document(data: MeasurementRecord) -> dict[str, Any]:
    """The record as one JSON document: stable English keys, codes rather than labels."""
    body: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "exported_at": data.exported_at,
        "project": data.about(),
        "stories_included": data.stories_included,
    }
    for part in data.parts:
        body[part.key] = part.rows
    return body


def _file_name(project: Project, extension: str) -> str:
    slug = slugify(project.title) or f"project-{project.pk}"
    return f"{slug}-measurement-record.{extension}"


def _attachment(content: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # The name is a slug plus a fixed ending: nothing in it needs quoting.
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _record(request: OrgRequest, project: int) -> MeasurementRecord:
    project_obj = get_project(request, project)
    return record(project_obj, read_stories=can(request, Perm.READ_STORIES))


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def export_xlsx(request: OrgRequest, project: int) -> HttpResponse:
    data = _record(request, project)
    return _attachment(workbook_bytes(data), XLSX_TYPE, _file_name(data.project, "xlsx"))


@require_GET
@org_view(Perm.VIEW_PROJECTS)
def export_json(request: OrgRequest, project: int) -> HttpResponse:
    data = _record(request, project)
    text = json.dumps(
        document(data), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1, sort_keys=True
    )
    return _attachment(text, "application/json; charset=utf-8", _file_name(data.project, "json"))
