"""Deleting stories so that nothing of them remains: the row, its copies, what was computed
from it, and the cached analysis stores that hold its answers.

A story is copied in three places besides its row: evidence for an effect goal (a quote),
the playbook's quotes (deleted with the story), and the Most Significant Change shortlists
(deleted with the story). What was computed from it: theme runs (story ids and the words of
each theme) and the explorer's column stores on disk. Published playbook versions are
documents of record: an excerpt in one is reported, so that its owner can withdraw it
(``QuotedIn``).
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import QuerySet

from samskab.explorer.models import ThemeRun
from samskab.explorer.services.store import cache_root
from samskab.instruments.models import Collection, Story
from samskab.instruments.services import bump_change_counter
from samskab.lib.forms import parse_int
from samskab.measurement.models import Evidence
from samskab.playbooks.models import PlaybookQuote, PlaybookVersion

CHUNK = 1000


@dataclass
class QuotedIn:
    """A published playbook version whose document quotes an erased story."""

    organisation_id: int
    version_id: int
    number: int | None


@dataclass
class Erased:
    stories: int = 0
    evidence: int = 0
    theme_runs: int = 0
    cache_folders: int = 0
    by_collection: dict[int, int] = field(default_factory=dict)
    quoted_in: list[QuotedIn] = field(default_factory=list)

    def add(self, other: Erased) -> None:
        self.stories += other.stories
        self.evidence += other.evidence
        self.theme_runs += other.theme_runs
        self.cache_folders += other.cache_folders
        for key, count in other.by_collection.items():
            self.by_collection[key] = self.by_collection.get(key, 0) + count
        self.quoted_in += other.quoted_in


def _published_quotes(texts: Iterable[str], organisation_ids: set[int]) -> list[QuotedIn]:
    """Published versions of these organisations whose document holds one of ``texts``."""
    excerpts = [text for text in texts if text]
    if not excerpts:
        return []
    found = []
    versions = (
        PlaybookVersion.objects.filter(organisation_id__in=organisation_ids)
        .exclude(document=None)
        .only("pk", "organisation_id", "number", "document")
    )
    for version in versions.iterator(chunk_size=50):
        document = str(version.document)
        if any(excerpt in document for excerpt in excerpts):
            found.append(QuotedIn(version.organisation_id, version.pk, version.number))
    return found


@transaction.atomic
def erase_stories(stories: QuerySet[Story]) -> Erased:
    """Delete ``stories`` and every copy of them; call ``remove_stale_stores`` after commit."""
    result = Erased()
    ids_by_collection: dict[int, list[int]] = defaultdict(list)
    organisation_ids: set[int] = set()
    rows = stories.values_list("pk", "collection_id", "organisation_id")
    for pk, collection_id, organisation_id in rows.iterator(chunk_size=CHUNK):
        ids_by_collection[collection_id].append(pk)
        organisation_ids.add(organisation_id)
    quoted: list[str] = []
    for collection_id, ids in ids_by_collection.items():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            quotes = Evidence.objects.filter(story_id__in=chunk)
            quoted += quotes.values_list("text", flat=True)
            quoted += PlaybookQuote.objects.filter(story_id__in=chunk).values_list(
                "text", flat=True
            )
            result.evidence += quotes.delete()[0]
            deleted = Story.objects.filter(pk__in=chunk).delete()[1].get("instruments.Story", 0)
            result.stories += deleted
            result.by_collection[collection_id] = (
                result.by_collection.get(collection_id, 0) + deleted
            )
        collection = Collection.objects.get(pk=collection_id)
        bump_change_counter(collection, by=len(ids))
        # Themes computed with these stories hold their ids and words drawn from them.
        result.theme_runs += ThemeRun.objects.filter(collection_id=collection_id).delete()[0]
    # Published versions are scanned once for every excerpt, not once per chunk.
    result.quoted_in = _published_quotes(quoted, organisation_ids)
    return result


def remove_stale_stores(root: Path | None = None) -> int:
    """Remove every cached column store that is not the current one of an existing collection
    (a store holds the answers of every story it was built from)."""
    root = root or cache_root()
    if not root.exists():
        return 0
    current = dict(Collection.objects.values_list("pk", "change_counter"))
    removed = 0
    for collection_dir in root.iterdir():
        if not collection_dir.is_dir():
            continue
        pk = parse_int(collection_dir.name)
        counter = current.get(pk) if pk is not None else None
        if counter is None:
            shutil.rmtree(collection_dir, ignore_errors=True)
            removed += 1
            continue
        for store in collection_dir.glob("v*/c*"):
            if store.name != f"c{counter}":
                shutil.rmtree(store, ignore_errors=True)
                removed += 1
    return removed
