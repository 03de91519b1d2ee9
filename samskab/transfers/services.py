"""Import jobs from upload to stored stories. Views and tasks call these; nothing else writes jobs.

Invariants:
- Every row is checked with ``samskab.instruments.answers.validate``, as the public form is.
- Nothing is imported half-way: the stories of a job (and, for SenseMaker, its instrument and
  collection) are stored in ONE transaction, or not at all.
- A row whose id is already in the collection is not stored again (there is also a unique
  constraint per collection and external id), so importing a file twice adds nothing.
- Progress is committed only outside that transaction: on SQLite a second connection cannot
  write while it holds the lock. The job reports phases (checking, storing) honestly instead of
  a moving count during the store.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskab.instruments import services as instrument_services
from samskab.instruments.answers import CleanStory
from samskab.instruments.definition import Definition
from samskab.instruments.models import Collection, InstrumentVersion, Story, StorySource
from samskab.organisations.models import Organisation
from samskab.transfers import mapping as table_mapping
from samskab.transfers.models import ImportJob, ImportKind, ImportPhase, ImportStatus
from samskab.transfers.rows import (
    ImportedStory,
    LevelSource,
    Problem,
    RowError,
    check,
    duplicates,
    normalise,
)
from samskab.transfers.sensemaker import framework, reading
from samskab.transfers.tabular import Limits, Table, TableError, read_upload

logger = logging.getLogger(__name__)

# Larger files are checked by the worker (a table has up to 2,000 columns: count cells too).
SYNC_PREVIEW_ROWS = 2000
SYNC_PREVIEW_CELLS = 100_000
CHUNK = 500
PROGRESS_EVERY = 500
MAX_REJECTED_SHOWN = 500
CONSENT_IMPORTED = {"da": "Importeret fra SenseMaker", "en": "Imported from SenseMaker"}

Checked = tuple[int, CleanStory | None, ImportedStory | RowError]


class ImportError_(Exception):  # noqa: N801, N818  (not the builtin ImportError)
    """An import that cannot go on; the message is for the person who started it."""


# --- Starting a job -------------------------------------------------------------------------


def start_table_import(
    collection: Collection, file_name: str, data: bytes, actor: User
) -> ImportJob:
    """A job for an uploaded table. The request only stores the file; the worker reads it
    (``run_read``) and checks it at once when it is in SenseMaker layout, else it waits for
    the column matching."""
    job = ImportJob.objects.create(
        organisation=collection.organisation,
        collection=collection,
        version=instrument_services.latest_version(collection.instrument),
        kind=ImportKind.TABLE,
        file_name=file_name[:255],
        upload=data,
        phase=ImportPhase.READING,
        created_by=actor,
        language=translation.get_language() or "da",
    )
    _enqueue_read(job)
    return job


def start_sensemaker_import(
    organisation: Organisation,
    name: str,
    source: dict[str, Any],
    data: bytes,
    actor: User,
    file_name: str = "",
) -> ImportJob:
    """A job for a SenseMaker definition (already checked) and its data file (read by the
    worker, then checked)."""
    report = framework.definition_from_sensemaker(source)[1]
    job = ImportJob.objects.create(
        organisation=organisation,
        kind=ImportKind.SENSEMAKER,
        file_name=(file_name or name or report.name)[:255],
        upload=data,
        phase=ImportPhase.READING,
        source_definition=source,
        options={"name": name or report.name, "level": _default_level(report)},
        created_by=actor,
        language=translation.get_language() or "da",
    )
    _enqueue_read(job)
    return job


def _enqueue_read(job: ImportJob) -> None:
    from samskab.transfers.tasks import read_import

    organisation_id, job_id = job.organisation_id, job.pk
    transaction.on_commit(lambda: read_import.enqueue(organisation_id, job_id))


# --- Reading the upload (in the worker) -----------------------------------------------------


def run_read(job: ImportJob) -> None:
    """Read the stored file into the job's table within the limits (``tabular.Limits``), drop
    the file, and check every row unless the columns must be matched first."""
    if job.status != ImportStatus.UPLOADED or job.phase != ImportPhase.READING:
        return  # cancelled meanwhile, or a task delivered twice
    with translation.override(job.language):
        try:
            table = _read_table(job)
        except TableError as exc:
            _finish(job, ImportStatus.FAILED, exc.message)
            return
        except Exception:
            _finish(job, ImportStatus.FAILED, _("The file could not be read; nothing was stored."))
            raise
        options = {**job.options, **_layout(job, table)}
    check = options.get("layout") != "mapped"
    read = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.UPLOADED).update(
        table=table.to_json(),
        upload=b"",
        total_rows=len(table.rows),
        options=options,
        phase=ImportPhase.CHECKING if check else ImportPhase.NONE,
        updated_at=timezone.now(),
    )
    if not read:
        return  # cancelled while the file was being read
    job.refresh_from_db()
    if check:
        run_preview(job)


def _read_table(job: ImportJob) -> Table:
    # A SenseMaker data file is always CSV; a table's format is told by its name.
    name = job.file_name if job.kind == ImportKind.TABLE else "data.csv"
    table = read_upload(name, bytes(job.upload), Limits.from_settings())
    if not table.rows:
        raise TableError(_("The file has a header but no rows."), "no_rows")
    return table


def _layout(job: ImportJob, table: Table) -> dict[str, Any]:
    """For a table: SenseMaker layout (no matching needed), or the mapping page's suggestions,
    the columns with an example value, and whether positions look like percentages."""
    if job.kind != ImportKind.TABLE:
        return {}
    assert job.version is not None  # noqa: S101  (set when a table job starts)
    definition = job.version.parsed
    if reading.looks_like_sensemaker(table.headers, definition):
        return {"layout": "sensemaker"}
    groups = table_mapping.groups(definition)
    columns = table_mapping.suggest(table.headers, groups)
    return {
        "layout": "mapped",
        "suggested": columns,
        "headers": table.headers,
        "sample": sample(table),
        "position_scale": table_mapping.guess_position_scale(
            table, table_mapping.position_columns(groups, columns)
        ),
    }


def sample(table: Table) -> list[tuple[str, str]]:
    """Each column with its first non-empty value, to help match columns."""
    found = []
    for index, header in enumerate(table.headers):
        value = next((r[index] for r in table.rows[:50] if index < len(r) and r[index]), "")
        found.append((header, value[:60]))
    return found


def _default_level(report: framework.FrameworkReport) -> dict[str, Any]:
    if report.level_list:
        return {"column": report.level_list, "values": {}}
    return {}


def save_mapping(job: ImportJob, columns: dict[str, str], choices: dict[str, Any]) -> None:
    job.options = {**job.options, "columns": columns, **choices}
    job.status = ImportStatus.UPLOADED  # checked again below, with the new matching
    job.save(update_fields=["options", "status", "updated_at"])
    preview(job)


# --- Reading a job's rows -------------------------------------------------------------------


def definition_of(job: ImportJob) -> Definition:
    if job.kind == ImportKind.SENSEMAKER:
        return framework.definition_from_sensemaker(job.source_definition)[0]
    assert job.version is not None  # noqa: S101  (set when a table job starts)
    return job.version.parsed


def level_source(options: dict[str, Any]) -> LevelSource | None:
    level = options.get("level") or {}
    if not level.get("column"):
        return None
    values = {normalise(k): v for k, v in level.get("values", {}).items()}
    return LevelSource(level["column"], values)


def _raw_rows(job: ImportJob, definition: Definition) -> Iterator[Any]:
    table = Table.from_json(job.table)
    if job.kind == ImportKind.SENSEMAKER:
        report = framework.definition_from_sensemaker(job.source_definition)[1]
        return reading.read_rows(
            table, definition, fragment_id=report.fragment_id, level=level_source(job.options)
        )
    if job.options.get("layout") == "sensemaker":
        return reading.read_rows(table, definition)
    mapping = table_mapping.ColumnMapping(
        columns=job.options.get("columns", {}),
        position_scale=float(job.options.get("position_scale", 1)),
        blank_is_na=bool(job.options.get("blank_is_na", True)),
        prompt=job.options.get("prompt", ""),
        level=job.options.get("default_level", ""),
    )
    return table_mapping.read_rows(table, definition, mapping)


def checked_rows(job: ImportJob, definition: Definition) -> Iterator[Checked]:
    """Every row: (row number, the clean story or None, what was read)."""
    for row_number, item in duplicates(_raw_rows(job, definition)):
        if isinstance(item, RowError):
            yield row_number, None, item
            continue
        clean, problems = check(definition, item)
        if clean is None:
            yield row_number, None, problems
        elif len(item.external_id) > 100:
            yield row_number, None, RowError([Problem(_("Id"), _("The id is too long."))])
        else:
            yield row_number, clean, item


def _known_ids(job: ImportJob) -> set[str]:
    if job.collection is None:
        return set()
    ids = Story.objects.for_org(job.organisation).filter(collection=job.collection)
    return set(ids.exclude(external_id="").values_list("external_id", flat=True))


# --- Preview --------------------------------------------------------------------------------


def preview(job: ImportJob) -> None:
    """Check every row now (small files) or in the worker (large ones)."""
    job.phase = ImportPhase.CHECKING
    job.processed_rows = 0
    job.save(update_fields=["phase", "processed_rows", "updated_at"])
    cells = job.total_rows * max(len(job.options.get("headers") or ()), 1)
    if job.total_rows <= SYNC_PREVIEW_ROWS and cells <= SYNC_PREVIEW_CELLS:
        try:
            run_preview(job)
        except Exception:
            # The job now says it failed; the person sees that page, the log has the cause.
            logger.exception("Checking import %s failed", job.pk)
        return
    from samskab.transfers.tasks import preview_import

    organisation_id, job_id = job.organisation_id, job.pk
    transaction.on_commit(lambda: preview_import.enqueue(organisation_id, job_id))


def run_preview(job: ImportJob) -> None:
    try:
        _check_every_row(job)
    except Exception:
        _finish(job, ImportStatus.FAILED, _("The file could not be checked; nothing was stored."))
        raise


def _check_every_row(job: ImportJob) -> None:
    with translation.override(job.language):
        definition = definition_of(job)
        known = _known_ids(job)
        counts = {"valid": 0, "rejected": 0, "blank": 0, "known": 0}
        rejected: list[dict[str, Any]] = []
        for row_number, clean, item in checked_rows(job, definition):
            _count(counts, rejected, row_number, clean, item, known)
            if row_number % PROGRESS_EVERY == 0:
                ImportJob.objects.filter(pk=job.pk).update(processed_rows=row_number - 1)
        job.report = {**_framework_report(job), "rejected": rejected}
    job.valid_rows, job.rejected_rows = counts["valid"], counts["rejected"]
    job.blank_rows, job.known_rows = counts["blank"], counts["known"]
    job.processed_rows = job.total_rows
    job.status, job.phase = ImportStatus.PREVIEWED, ImportPhase.NONE
    job.save()


def _count(
    counts: dict[str, int],
    rejected: list[dict[str, Any]],
    row_number: int,
    clean: CleanStory | None,
    item: ImportedStory | RowError,
    known: set[str],
) -> None:
    if isinstance(item, RowError) and item.blank:
        counts["blank"] += 1
    elif isinstance(item, RowError):
        counts["rejected"] += 1
        rejected += [
            {"row": row_number, "field": p.field, "reason": p.message} for p in item.problems
        ]
    else:
        counts["valid"] += 1
        counts["known"] += item.external_id in known


def _framework_report(job: ImportJob) -> dict[str, Any]:
    if job.kind != ImportKind.SENSEMAKER:
        return {}
    report = framework.definition_from_sensemaker(job.source_definition)[1]
    parts = ("id", "type", "title", "reason")
    return {
        "framework": {
            "name": report.name,
            "framework_id": report.framework_id,
            "fragment_id": report.fragment_id,
            "recognised": [{k: getattr(p, k) for k in parts} for p in report.recognised],
            "unsupported": [{k: getattr(p, k) for k in parts} for p in report.unsupported],
            "layout_skipped": report.layout_skipped,
            "used_extension": report.used_extension,
            "lists": report.lists,
            "list_titles": report.list_titles,
        }
    }


# --- Confirm, cancel, import ----------------------------------------------------------------


def confirm(job: ImportJob, options: dict[str, Any] | None = None) -> None:
    """Queue the import of the valid rows; the worker starts after this transaction commits."""
    if job.status != ImportStatus.PREVIEWED or not job.new_rows:
        raise ImportError_(_("This import cannot be started now."))
    if options:
        job.options = {**job.options, **options}
    job.status = ImportStatus.QUEUED
    job.save(update_fields=["status", "options", "updated_at"])
    from samskab.transfers.tasks import import_stories

    organisation_id, job_id = job.organisation_id, job.pk
    transaction.on_commit(lambda: import_stories.enqueue(organisation_id, job_id))


def cancel(job: ImportJob) -> None:
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.PREVIEWED):
        raise ImportError_(_("This import can no longer be cancelled."))
    _finish(job, ImportStatus.CANCELLED)


def _finish(job: ImportJob, status: ImportStatus, error: str = "") -> None:
    """End a job and drop the uploaded file and rows: they hold unmasked text (data
    minimisation)."""
    job.status, job.phase, job.error = status, ImportPhase.NONE, error
    job.table, job.upload = {}, b""
    job.finished_at = timezone.now()
    job.save()


def run_import(job: ImportJob) -> None:
    """Store every valid, new row in one transaction; on any error store nothing."""
    if job.status != ImportStatus.QUEUED:
        return  # already run (a task delivered twice) or cancelled
    job.status, job.phase = ImportStatus.RUNNING, ImportPhase.STORING
    job.save(update_fields=["status", "phase", "updated_at"])
    try:
        with transaction.atomic(), translation.override(job.language):
            inserted = _store(job)
            job.inserted = inserted
            _finish(job, ImportStatus.DONE)
    except Exception:
        job.refresh_from_db(fields=["collection"])
        job.inserted = 0
        _finish(job, ImportStatus.FAILED, _("The import failed; no stories were stored."))
        raise


def _store(job: ImportJob) -> int:
    definition = definition_of(job)
    collection, version = _target(job, definition)
    known = _known_ids(job)
    batch: list[Story] = []
    inserted = 0
    for _row_number, clean, item in checked_rows(job, definition):
        if clean is None or not isinstance(item, ImportedStory) or item.external_id in known:
            continue
        batch.append(_story(collection, version, clean, item))
        if len(batch) >= CHUNK:
            inserted += len(Story.objects.bulk_create(batch))
            batch = []
    inserted += len(Story.objects.bulk_create(batch))
    if inserted:
        instrument_services.freeze(version)
        instrument_services.bump_change_counter(collection, inserted)
    return inserted


def _story(
    collection: Collection, version: InstrumentVersion, clean: CleanStory, item: ImportedStory
) -> Story:
    extra: dict[str, Any] = {"external_id": item.external_id}
    if item.created_at is not None:
        extra["created_at"] = item.created_at
    language = item.language if item.language in ("da", "en") else "da"
    return instrument_services.story_row(
        collection, version, clean, StorySource.IMPORT, language, **extra
    )


def _target(job: ImportJob, definition: Definition) -> tuple[Collection, InstrumentVersion]:
    if job.kind == ImportKind.TABLE:
        assert job.collection is not None and job.version is not None  # noqa: S101
        return job.collection, job.version
    return _create_collection(job, definition)


def _create_collection(
    job: ImportJob, definition: Definition
) -> tuple[Collection, InstrumentVersion]:
    """The instrument and a closed collection for a SenseMaker import (inside its transaction)."""
    name = str(job.options.get("name") or job.file_name)[:200]
    instrument = instrument_services.create_instrument(
        job.organisation, name, definition, job.created_by
    )
    now = timezone.now()
    oldest = _oldest(job, definition) or now - dt.timedelta(seconds=1)
    opens = min(oldest, now - dt.timedelta(seconds=1))
    collection = Collection.objects.create(
        organisation=job.organisation,
        instrument=instrument,
        name=name,
        opens_at=opens,
        closes_at=now,
        consent_text=CONSENT_IMPORTED,
        # Retention counts from each story's own time: keep old stories five more years.
        retention_days=max(5 * 365, (now - opens).days + 5 * 365),
    )
    job.collection = collection
    return collection, instrument_services.latest_version(instrument)


def _oldest(job: ImportJob, definition: Definition) -> dt.datetime | None:
    times = [
        item.created_at
        for _n, clean, item in checked_rows(job, definition)
        if clean is not None and isinstance(item, ImportedStory) and item.created_at
    ]
    return min(times, default=None)
