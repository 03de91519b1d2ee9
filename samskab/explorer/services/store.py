"""The columnar store of a collection version, built from the database and cached on disk.

One streaming pass: `Story.objects...values_list(...).iterator(chunk_size=...)` (a server-side
cursor on PostgreSQL) is cut into chunks of the builder's column format. The cache directory
(setting `EXPLORER_CACHE_DIR`, default `BASE_DIR/var/analysis-cache`) is keyed by collection,
version and the collection's change counter, which every insert, withdrawal and import bumps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings

from samskab.analysis.builder import build_store
from samskab.analysis.schema import Kind, Schema, Signifier
from samskab.analysis.store import ColumnarStore, cached_store
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


def story_rows(collection: Collection, version: InstrumentVersion) -> Iterator[Row]:
    """Every story of the version, streamed (a server-side cursor on PostgreSQL)."""
    query = (
        Story.objects.for_org(collection.organisation)
        .filter(collection=collection, version=version)
        .order_by()
        .values_list("id", "created_at", "level", "prompt", "answers")
    )
    return query.iterator(chunk_size=CHUNK_SIZE)


def chunks(schema: Schema, rows: Iterator[Row]) -> Iterator[dict[str, list[Any]]]:
    while batch := list(islice(rows, CHUNK_SIZE)):
        yield rows_to_columns(schema, batch)


def store_for(collection: Collection, version: InstrumentVersion) -> ColumnarStore:
    """The cached store of (collection, version, change counter), built when missing."""
    schema = schema_for(collection.pk, version.number, version.parsed)
    return cached_store(
        cache_root(),
        schema,
        int(collection.change_counter),
        build_store,
        lambda: chunks(schema, story_rows(collection, version)),
    )


def versions_with_stories(collection: Collection) -> list[InstrumentVersion]:
    """The collection's instrument versions that have stories, newest first."""
    used = Story.objects.filter(collection=collection).order_by().values("version_id").distinct()
    return list(
        InstrumentVersion.objects.for_org(collection.organisation)
        .filter(pk__in=used)
        .order_by("-number")
    )
