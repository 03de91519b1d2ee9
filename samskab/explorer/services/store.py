"""The columnar store of a collection version, built from the database and cached on disk.

One streaming pass: `Story.objects...values_list(...).iterator(chunk_size=...)` (a server-side
cursor on PostgreSQL) is cut into chunks of the builder's column format. The database takes
every answer part out of the JSON itself (`->>` on both SQLite and PostgreSQL), so Python
only transposes rows of scalars into columns; the older row-by-row decoding of the answers in
Python (`rows_to_columns`) is kept for identifiers a JSON path cannot name (all digits).

The cache directory (setting `EXPLORER_CACHE_DIR`, default `BASE_DIR/var/analysis-cache`) is
keyed by collection, version and the collection's change counter, which every insert,
withdrawal and import bumps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.db.models.expressions import Expression
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast

from samskab.analysis.builder import build_store
from samskab.analysis.schema import Kind, Schema, Signifier
from samskab.analysis.store import (
    ColumnarStore,
    cache_path,
    cached_store,
    load_store,
    remove_stale,
    save_store,
)
from samskab.instruments.definition import LEVELS, Definition
from samskab.instruments.models import Collection, InstrumentVersion, Story

CHUNK_SIZE = 5000
STATES = {"answered": "answered", "na": "not_applicable", "skipped": "skipped"}

Row = tuple[int, datetime, str, str, dict[str, Any]]


def cache_root() -> Path:
    default = Path(settings.BASE_DIR) / "var" / "analysis-cache"
    return Path(getattr(settings, "EXPLORER_CACHE_DIR", default))


def _parts(signifier: Any) -> tuple[str, ...]:
    for group in ("corners", "poles", "stones", "options"):
        items = getattr(signifier, group, None)
        if items is not None:
            return tuple(item.id for item in items)
    return ()


def schema_for(collection_id: int, number: int, definition: Definition) -> Schema:
    """The engine's schema for one instrument version."""
    signifiers = tuple(Signifier(s.id, Kind(s.type), _parts(s)) for s in definition.signifiers)
    prompts = tuple(p.id for p in definition.prompts)
    return Schema(str(collection_id), number, signifiers, LEVELS, prompts)


def _answer_columns(signifier: Signifier, answer: Mapping[str, Any] | None) -> dict[str, Any]:
    """One answer in the builder's column names (see `samskab.analysis.builder`)."""
    sid = signifier.id
    state = STATES.get(str((answer or {}).get("state", "skipped")), "skipped")
    out: dict[str, Any] = {f"{sid}:state": state}
    value = (answer or {}).get("value") if state == "answered" else None
    if value is None:
        return out
    kind = signifier.kind
    if kind is Kind.TRIAD:
        shares = [value[p] for p in signifier.parts] if isinstance(value, Mapping) else value
        out.update({f"{sid}:{p}": float(v) for p, v in zip(signifier.parts, shares, strict=True)})
    elif kind is Kind.DYAD:
        out[f"{sid}:x"] = float(value)
    elif kind is Kind.STONES:
        for stone, (x, y) in value.items():
            out[f"{sid}:{stone}:x"], out[f"{sid}:{stone}:y"] = float(x), float(y)
    elif kind is Kind.SINGLE:
        out[sid] = str(value)
    elif kind is Kind.MULTI:
        out.update({f"{sid}:{item}": True for item in value})
    else:
        out[sid] = str(value)
    return out


def _columns(schema: Schema) -> list[str]:
    names = ["story_id", "created", "level", "prompt"]
    for s in schema.signifiers:
        names.append(f"{s.id}:state")
        if s.kind is Kind.TRIAD:
            names += [f"{s.id}:{p}" for p in s.parts]
        elif s.kind is Kind.DYAD:
            names.append(f"{s.id}:x")
        elif s.kind is Kind.STONES:
            names += [f"{s.id}:{p}:{axis}" for p in s.parts for axis in ("x", "y")]
        elif s.kind is Kind.MULTI:
            names += [f"{s.id}:{p}" for p in s.parts]
        else:
            names.append(s.id)
    return names


def rows_to_columns(schema: Schema, rows: Iterable[Row]) -> dict[str, list[Any]]:
    """Database rows (id, created_at, level, prompt, answers) as one column chunk."""
    names = _columns(schema)
    chunk: dict[str, list[Any]] = {name: [] for name in names}
    for story_id, created, level, prompt, answers in rows:
        found: dict[str, Any] = {
            "story_id": story_id,
            "created": int(created.timestamp()),
            "level": level or None,
            "prompt": prompt or None,
        }
        for s in schema.signifiers:
            found.update(_answer_columns(s, (answers or {}).get(s.id)))
        for name in names:
            chunk[name].append(found.get(name))
    return chunk


class EpochSeconds(models.Func):
    """A timestamp as whole Unix seconds, computed by the database."""

    output_field = models.BigIntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Julian days are exact to about 40 microseconds: the small addition makes whole
        # seconds floor to themselves, as Python's int(timestamp) does.
        template = "CAST((julianday(%(expressions)s) - 2440587.5) * 86400.0 + 0.0001 AS integer)"
        return self.as_sql(compiler, connection, template=template)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "CAST(FLOOR(EXTRACT(EPOCH FROM %(expressions)s)) AS bigint)"
        return self.as_sql(compiler, connection, template=template)


def _path(*keys: str) -> Expression:
    """`answers -> k1 -> k2 ...` without splitting on "__" (ids may contain it)."""
    found: Expression = KeyTransform(keys[0], "answers")
    for name in keys[1:]:
        found = KeyTransform(name, found)
    return found


def _text(*keys: str) -> Expression:
    *head, last = keys
    return KeyTextTransform(last, _path(*head)) if head else KeyTextTransform(last, "answers")


def _float(*keys: str) -> Expression:
    return Cast(_text(*keys), models.FloatField())


def sql_columns(schema: Schema) -> dict[str, Expression]:
    """One database expression per builder column whose value sits in `answers`.

    A multiple choice comes back as its JSON list (ticks are found in Python).
    """
    out: dict[str, Expression] = {}
    for s in schema.signifiers:
        sid = s.id
        out[f"{sid}:state"] = _text(sid, "state")
        if s.kind is Kind.TRIAD:
            out.update({f"{sid}:{p}": _float(sid, "value", str(j)) for j, p in enumerate(s.parts)})
        elif s.kind is Kind.DYAD:
            out[f"{sid}:x"] = _float(sid, "value")
        elif s.kind is Kind.STONES:
            for p in s.parts:
                out[f"{sid}:{p}:x"] = _float(sid, "value", p, "0")
                out[f"{sid}:{p}:y"] = _float(sid, "value", p, "1")
        else:
            out[sid] = _text(sid, "value")
    return out


def sql_extractable(schema: Schema) -> bool:
    """Whether JSON paths can name every key (SQLite reads an all-digit key as an index)."""
    names = [s.id for s in schema.signifiers]
    names += [p for s in schema.signifiers if s.kind is Kind.STONES for p in s.parts]
    return not any(name.isdigit() for name in names)


def _sql_chunk(schema: Schema, names: list[str], rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    """Rows of scalars from `sql_columns` as one builder chunk."""
    chunk: dict[str, Any] = dict(
        zip(names, (list(c) for c in zip(*rows, strict=True)), strict=True)
    )
    for s in schema.signifiers:
        states = chunk[f"{s.id}:state"]
        chunk[f"{s.id}:state"] = [STATES.get(v, "skipped") if v else "skipped" for v in states]
        if s.kind is Kind.MULTI:
            ticked = chunk.pop(s.id)
            for item in s.parts:
                quoted = f'"{item}"'
                chunk[f"{s.id}:{item}"] = [bool(t) and quoted in t for t in ticked]
    return chunk


def version_stories(
    collection: Collection, version: InstrumentVersion, after_id: int = 0
) -> QuerySet[Story]:
    """The version's stories (those with an id above `after_id`), unordered."""
    query = Story.objects.for_org(collection.organisation).filter(
        collection=collection, version=version
    )
    return (query.filter(pk__gt=after_id) if after_id else query).order_by()


def sql_chunks(
    collection: Collection, version: InstrumentVersion, schema: Schema, after_id: int = 0
) -> Iterator[dict[str, Any]]:
    """The version's stories as builder chunks, the answers taken apart by the database."""
    extracted = sql_columns(schema)
    names = ["story_id", "created", "level", "prompt", *extracted]
    query = (
        version_stories(collection, version, after_id)
        .annotate(
            _created=EpochSeconds("created_at"),
            **{f"_c{i}": e for i, e in enumerate(extracted.values())},
        )
        .values_list(
            "id", "_created", "level", "prompt", *(f"_c{i}" for i in range(len(extracted)))
        )
    )
    rows = query.iterator(chunk_size=CHUNK_SIZE)
    while batch := list(islice(rows, CHUNK_SIZE)):
        chunk = _sql_chunk(schema, names, batch)
        chunk["level"] = [v or None for v in chunk["level"]]
        chunk["prompt"] = [v or None for v in chunk["prompt"]]
        yield chunk


def story_rows(
    collection: Collection, version: InstrumentVersion, after_id: int = 0
) -> Iterator[Row]:
    """The version's stories, streamed (a server-side cursor on PostgreSQL)."""
    query = version_stories(collection, version, after_id).values_list(
        "id", "created_at", "level", "prompt", "answers"
    )
    return query.iterator(chunk_size=CHUNK_SIZE)


def chunks(schema: Schema, rows: Iterator[Row]) -> Iterator[dict[str, list[Any]]]:
    while batch := list(islice(rows, CHUNK_SIZE)):
        yield rows_to_columns(schema, batch)


def store_for(collection: Collection, version: InstrumentVersion) -> ColumnarStore:
    """The cached store of (collection, version, change counter), built when missing.

    When a store of an earlier counter is cached, only what changed is read (see
    `cached_or_updated`). A full build happens for the first store and whenever the update
    does not add up.
    """
    found = cached_or_updated(collection, version)
    if found is not None:
        return found
    schema = schema_for(collection.pk, version.number, version.parsed)
    return cached_store(
        cache_root(),
        schema,
        int(collection.change_counter),
        build_store,
        lambda: story_chunks(collection, version, schema),
    )


def cached_or_updated(collection: Collection, version: InstrumentVersion) -> ColumnarStore | None:
    """The store of the current counter from the cache, or an earlier one updated; else None.

    The update appends the stories added since (ids above the store's largest) and drops
    withdrawn ones, which is quick next to a full build.
    """
    schema = schema_for(collection.pk, version.number, version.parsed)
    root, counter = cache_root(), int(collection.change_counter)
    found = load_store(root, schema.collection_id, schema.version, counter)
    if found is not None:
        return found
    previous = latest_cached(root, schema, counter)
    updated = None if previous is None else updated_store(previous, collection, version, counter)
    if updated is None:
        return None
    save_store(updated, root)
    remove_stale(root, schema.collection_id, schema.version, counter)
    return load_store(root, schema.collection_id, schema.version, counter) or updated


def latest_cached(root: Path, schema: Schema, counter: int) -> ColumnarStore | None:
    """The cached store of the version with the highest counter below `counter`, if any."""
    folder = cache_path(root, schema.collection_id, schema.version, counter).parent
    counters = sorted(
        (int(p.name[1:]) for p in folder.glob("c*") if p.name[1:].isdigit()), reverse=True
    )
    for older in (c for c in counters if c < counter):
        found = load_store(root, schema.collection_id, schema.version, older)
        if found is not None and found.schema == schema:
            return found
    return None


def updated_store(
    previous: ColumnarStore, collection: Collection, version: InstrumentVersion, counter: int
) -> ColumnarStore | None:
    """`previous` with the stories added since appended and withdrawn ones dropped.

    Stories are only ever inserted (ids grow, also on SQLite, where Django's keys are
    AUTOINCREMENT) or deleted, never edited, so this equals a full build; None when the
    counts do not add up (then the caller builds in full).
    """
    schema = previous.schema
    old_ids = np.asarray(previous.column("story_id"))
    last = int(old_ids.max()) if old_ids.size else 0
    added = build_store(schema, story_chunks(collection, version, schema, after_id=last), counter)
    total = version_stories(collection, version).count()
    keep: npt.NDArray[np.bool_] | None = None
    if total != previous.n + added.n:
        still = (
            version_stories(collection, version).filter(pk__lte=last).values_list("id", flat=True)
        )
        present = np.fromiter(still.iterator(chunk_size=50_000), dtype=np.int64)
        keep = np.isin(old_ids, present)
        if int(keep.sum()) + added.n != total:
            return None
    arrays = {
        name: np.concatenate(
            [np.asarray(array) if keep is None else np.asarray(array)[keep], added.arrays[name]]
        )
        for name, array in previous.arrays.items()
    }
    return ColumnarStore(schema, counter, arrays, previous.resolution)


def story_chunks(
    collection: Collection, version: InstrumentVersion, schema: Schema, after_id: int = 0
) -> Iterator[dict[str, Any]]:
    """The version's stories as builder chunks: JSON taken apart in SQL where it can be."""
    if sql_extractable(schema):
        return sql_chunks(collection, version, schema, after_id)
    return chunks(schema, story_rows(collection, version, after_id))


def versions_with_stories(collection: Collection) -> list[InstrumentVersion]:
    """The collection's instrument versions that have stories, newest first."""
    used = Story.objects.filter(collection=collection).order_by().values("version_id").distinct()
    return list(
        InstrumentVersion.objects.for_org(collection.organisation)
        .filter(pk__in=used)
        .order_by("-number")
    )
