"""From a request to the engine: the collection version, its store, k, and filter masks."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.http import QueryDict

from samskab.analysis.disclosure import DEFAULT_K, MIN_K, Guard
from samskab.analysis.filters import Filter, TriadRegion, apply_filter
from samskab.analysis.release import Release
from samskab.analysis.schema import AnswerState, Kind, Schema
from samskab.analysis.store import ColumnarStore
from samskab.analysis.types import BoolArray
from samskab.explorer.forms import FilterForm, day_start, region_names
from samskab.explorer.models import ExplorerSettings, StoreBuild
from samskab.explorer.services.builds import ready_store
from samskab.explorer.services.labels import Labels, labels_for, with_release
from samskab.explorer.services.release import released
from samskab.explorer.services.store import versions_with_stories
from samskab.explorer.services.themes import ThemeOption, mask_for_theme, theme_options
from samskab.instruments.models import Collection, InstrumentVersion, Story
from samskab.organisations.models import Organisation

STATE_VALUES = {
    "answered": AnswerState.ANSWERED,
    "not_applicable": AnswerState.NOT_APPLICABLE,
    "skipped": AnswerState.SKIPPED,
}


def threshold(organisation: Organisation) -> int:
    """The organisation's k (never below 3; 5 when unset)."""
    found = ExplorerSettings.objects.for_org(organisation).values_list("min_group", flat=True)
    value = next(iter(found), DEFAULT_K)
    return max(int(value), MIN_K)


@dataclass
class Scope:
    """One collection version as the explorer sees it.

    `store` is the version's release (`analysis.release`): small categories merged or left
    out, never the raw store. `exact` is False for readers who may not read stories
    (viewers): their counts are perturbed and their filters coarse (`guard`).
    """

    collection: Collection
    version: InstrumentVersion | None
    versions: list[InstrumentVersion]
    store: ColumnarStore | None
    labels: Labels | None
    k: int
    themes: list[ThemeOption] = field(default_factory=list)  # the filter's theme choices
    building: StoreBuild | None = None  # a large version's store being built in the background
    release: Release | None = None
    exact: bool = False

    @property
    def guard(self) -> Guard:
        if self.exact or self.store is None:
            return Guard(self.k)
        return Guard(self.k, self.store.column("ckey"))

    def small(self, attribute: str) -> frozenset[str]:
        return self.release.small(attribute) if self.release is not None else frozenset()

    def form(
        self, data: QueryDict | Mapping[str, Any], prefix: str | None = None, named: bool = False
    ) -> FilterForm:
        """The filter form for this reader: coarse unless the figures are exact."""
        assert self.labels is not None  # noqa: S101 (callers check `store` first)
        return FilterForm(
            data,
            self.schema,
            self.labels,
            prefix=prefix,
            named=named,
            themes=self.themes,
            coarse=not self.exact,
        )

    @property
    def schema(self) -> Schema:
        assert self.store is not None  # noqa: S101 (callers check `store` first)
        return self.store.schema


def chosen_version(versions: list[InstrumentVersion], raw: str | None) -> InstrumentVersion | None:
    for version in versions:
        if raw and raw == str(version.number):
            return version
    return versions[0] if versions else None


def scope_for(
    collection: Collection, params: QueryDict, language: str, exact: bool = False
) -> Scope:
    """The version the query asks for; `exact` only for readers who may read stories."""
    versions = versions_with_stories(collection)
    version = chosen_version(versions, params.get("v"))
    k = threshold(collection.organisation)
    if version is None:
        return Scope(collection, None, versions, None, None, k, exact=exact)
    labels = labels_for(version.parsed, language)
    themes = theme_options(collection, version, k)
    ready = ready_store(collection, version)
    if isinstance(ready, StoreBuild):
        return Scope(
            collection, version, versions, None, labels, k, themes, building=ready, exact=exact
        )
    out = released(collection, ready, k)
    labels = with_release(labels, out)
    return Scope(collection, version, versions, out.store, labels, k, themes, None, out, exact)


def _text_ids(scope: Scope, text: str) -> Any:
    ids = Story.objects.filter(
        collection=scope.collection, version=scope.version, text__icontains=text
    ).values_list("id", flat=True)
    return np.fromiter(ids.iterator(), dtype=np.int64)


def _frozen(values: Any) -> frozenset[str] | None:
    return frozenset(values) if values else None


# Shares are stored as float32 (70 % as 0.69999999), so a bound typed in percent is widened by
# far less than a rounding step to keep it inclusive.
SHARE_TOLERANCE = 1e-6


def _region(sid: str, data: dict[str, Any]) -> TriadRegion | None:
    """The triad region of the bound fields in percent, or None when no bound is given."""
    bounds = [(data.get(low), data.get(high)) for low, high in region_names(sid)]
    if all(low is None and high is None for low, high in bounds):
        return None
    lower = [low / 100.0 - SHARE_TOLERANCE if low else 0.0 for low, _high in bounds]
    upper = [
        1.0 if high is None or high >= 100 else high / 100.0 + SHARE_TOLERANCE
        for _low, high in bounds
    ]
    return TriadRegion((lower[0], lower[1], lower[2]), (upper[0], upper[1], upper[2]))


def _signifier_criteria(schema: Schema, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, dict[str, Any]] = {
        "zones": {},
        "regions": {},
        "cells": {},
        "dyad_ranges": {},
        "choices": {},
        "states": {},
    }
    for s in schema.signifiers:
        sid = s.id
        if data.get(f"zone_{sid}"):
            out["zones"][sid] = frozenset(data[f"zone_{sid}"])
        if data.get(f"cell_{sid}") is not None:
            out["cells"][sid] = frozenset({int(data[f"cell_{sid}"])})
        if s.kind is Kind.TRIAD and (region := _region(sid, data)) is not None:
            out["regions"][sid] = region
        low, high = data.get(f"min_{sid}"), data.get(f"max_{sid}")
        if s.kind is Kind.DYAD and (low is not None or high is not None):
            out["dyad_ranges"][sid] = ((low or 0) / 100.0, (100 if high is None else high) / 100.0)
        if data.get(f"choice_{sid}"):
            out["choices"][sid] = frozenset(data[f"choice_{sid}"])
        if data.get(f"state_{sid}"):
            out["states"][sid] = frozenset({STATE_VALUES[data[f"state_{sid}"]]})
    return out


def to_filter(scope: Scope, form: FilterForm) -> Filter:
    """The engine's filter for a valid form (text search runs in the database)."""
    data = form.cleaned_data
    date_to: datetime.date | None = data.get("date_to")
    return Filter(
        levels=_frozen(data.get("level")),
        prompts=_frozen(data.get("prompt")),
        created_from=day_start(data["date_from"]) if data.get("date_from") else None,
        created_before=day_start(date_to + datetime.timedelta(days=1)) if date_to else None,
        story_ids=_text_ids(scope, data["q"]) if data.get("q") else None,
        story_mask=_theme_mask(scope, data["theme"]) if data.get("theme") else None,
        **_signifier_criteria(scope.schema, data),
    )


def _theme_mask(scope: Scope, value: str) -> BoolArray:
    assert scope.store is not None and scope.version is not None  # noqa: S101
    story_ids = scope.store.column("story_id")
    return mask_for_theme(scope.collection, scope.version, value, story_ids)


def is_filtered(form: FilterForm) -> bool:
    data = form.cleaned_data if form.is_valid() else {}
    return any(v not in (None, "", [], ()) for k, v in data.items() if k != "name")


def mask_for(scope: Scope, form: FilterForm) -> BoolArray:
    """The stories the form selects (all stories when the form is invalid or empty)."""
    assert scope.store is not None  # noqa: S101
    if not form.is_valid():
        return np.ones(scope.store.n, dtype=bool)
    return apply_filter(scope.store, to_filter(scope, form))
