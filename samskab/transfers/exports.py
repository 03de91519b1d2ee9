"""Collections as files: SenseMaker's raw layout and definition, a tidy long table, and XLSX.

Stories are read in chunks and written as they are read, so memory stays flat for large
collections. Only the masked text is exported, never ``text_raw``. One file holds the stories
of one instrument version (SenseMaker's ``version`` column), since versions ask different
questions.

These files are full microdata: every answer of every story, small groups included, with no
disclosure control (docs/disclosure.md). Only members with ``Perm.EXPORT_MICRODATA`` get them,
and every file of stories is written to the audit log (`audit_export`).

Text a person typed (story ids from imported files, free-text answers, labels) is escaped
against formula injection in every format (``samskab.lib.spreadsheets``); numbers stay numbers.
"""

from __future__ import annotations

import math
import re
import tempfile
import uuid
from collections.abc import Iterator
from typing import IO, Any

from django.contrib.auth.models import User
from django.db.models import Count

from samskab.instruments.definition import Definition
from samskab.instruments.models import Collection, InstrumentVersion, Story
from samskab.lib.spreadsheets import xlsx_cells
from samskab.organisations.models import AuditAction
from samskab.organisations.services import audit
from samskab.transfers.models import ImportJob, ImportKind
from samskab.transfers.sensemaker import framework, writing
from samskab.transfers.sensemaker.writing import ExportStory

CHUNK = 2000
FIELDS = ("id", "external_id", "created_at", "language", "prompt", "title", "text", "level")


def versions(collection: Collection) -> list[tuple[InstrumentVersion, int]]:
    """The versions the collection's stories answered, newest first, with their counts."""
    counts = dict(
        Story.objects.for_org(collection.organisation)
        .filter(collection=collection)
        .values("version")
        .annotate(n=Count("id"))
        .values_list("version", "n")
    )
    rows = InstrumentVersion.objects.for_org(collection.organisation).filter(
        instrument=collection.instrument
    )
    return [(v, counts[v.pk]) for v in rows.order_by("-number") if v.pk in counts]


def version_for(collection: Collection, number: int | None) -> InstrumentVersion | None:
    """The requested version, else the newest one with stories, else the newest at all."""
    rows = InstrumentVersion.objects.for_org(collection.organisation).filter(
        instrument=collection.instrument
    )
    if number is not None:
        return rows.filter(number=number).first()
    answered = versions(collection)
    return answered[0][0] if answered else rows.order_by("-number").first()


def audit_export(collection: Collection, version: InstrumentVersion, fmt: str, actor: User) -> int:
    """Log that ``actor`` exported the stories of one version as ``fmt``; their number."""
    count = (
        Story.objects.for_org(collection.organisation)
        .filter(collection=collection, version=version)
        .count()
    )
    audit(
        collection.organisation,
        actor,
        AuditAction.STORIES_EXPORTED,
        collection.name[:200],
        object_type="instruments.collection",
        collection=collection.pk,
        version=version.number,
        format=fmt,
        stories=count,
    )
    return count


def identifiers(collection: Collection) -> tuple[str, str]:
    """(framework id, story-text column): the original ones for an imported SenseMaker project."""
    job = (
        ImportJob.objects.for_org(collection.organisation)
        .filter(collection__instrument=collection.instrument, kind=ImportKind.SENSEMAKER)
        .exclude(report={})
        .first()
    )
    found = (job.report.get("framework") or {}) if job else {}
    framework_id = found.get("framework_id") or framework.framework_uuid(
        f"instrument:{collection.organisation_id}:{collection.instrument_id}"
    )
    return framework_id, found.get("fragment_id") or framework.FRAGMENT_ID


def story_uuid(story: Story) -> str:
    """The id a story had in its source file, else a stable UUID of our own."""
    return story.external_id or str(
        uuid.uuid5(framework.NAMESPACE, f"story:{story.organisation_id}:{story.pk}")
    )


def stories(collection: Collection, version: InstrumentVersion) -> Iterator[ExportStory]:
    rows = (
        Story.objects.for_org(collection.organisation)
        .filter(collection=collection, version=version)
        .order_by("created_at", "id")
        .only("organisation_id", "answers", *FIELDS)
    )
    for story in rows.iterator(chunk_size=CHUNK):
        yield ExportStory(
            id=story_uuid(story),
            created_at=story.created_at,
            language=story.language,
            prompt=story.prompt,
            title=story.title,
            text=story.text,  # masked; text_raw never leaves
            level=story.level,
            answers=story.answers,
        )


def raw_csv(collection: Collection, version: InstrumentVersion) -> Iterator[str]:
    framework_id, fragment_id = identifiers(collection)
    return writing.write_raw_csv(
        stories(collection, version),
        version.parsed,
        framework_id=framework_id,
        version=version.number,
        fragment_id=fragment_id,
    )


def definition_json(collection: Collection, version: InstrumentVersion) -> dict[str, Any]:
    framework_id, fragment_id = identifiers(collection)
    definition: Definition = version.parsed
    return framework.definition_to_sensemaker(definition, framework_id, fragment_id)


def tidy_csv(collection: Collection, version: InstrumentVersion) -> Iterator[str]:
    return writing.write_tidy_csv(stories(collection, version), version.parsed)


def tidy_xlsx(collection: Collection, version: InstrumentVersion) -> IO[bytes]:
    """The tidy table as a workbook in a temporary file (openpyxl writes rows as it goes)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("stories")
    sheet.append(xlsx_cells(sheet, writing.TIDY_HEADER))
    for row in writing.tidy_rows(stories(collection, version), version.parsed):
        values = [_cell(row[3]) if i == 3 else value for i, value in enumerate(row)]
        sheet.append(xlsx_cells(sheet, values))  # text as escaped string cells, never formulas
    output = tempfile.TemporaryFile()  # FileResponse closes it
    workbook.save(output)
    output.seek(0)
    return output


NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", re.ASCII)


def _cell(value: str) -> float | str:
    """Numbers as numbers, so Excel can sum them; text stays text (``float`` alone would also
    take "1_000", " 7 " or "infinity" written as a free-text answer)."""
    if not NUMBER.fullmatch(value):
        return value
    number = float(value)
    return number if math.isfinite(number) else value
