"""Indicators computed from the stories of a saved explorer view.

An indicator reads one signifier of the view's collection (the version the view names, else
the newest with stories) through the view's filters, and gets one value per period from the
engine (`samskab.analysis.indicators`): n, value and 95 % interval, or a refusal with a reason
code when a period has fewer stories than the organisation's k.

Recomputation is automatic. Each indicator remembers the collection's change counter at its
last computation (`computed_counter`); every story told, withdrawn or imported bumps the
collection's counter, and the pages that show indicators call `refresh_project`, which finds
the stale ones in one query and recomputes only those. An indicator is stale too when a
period it shows is now below k (the organisation raised k). Recomputation writes no audit
entry: it is the machine following the stories, not a person changing a record.

Reason codes of withheld periods besides the engine's (`group_below_k`, `cell_below_k`):
`hidden_category` (the view's filter picks a category the explorer hides),
`filter_invalid` (the view's filters no longer fit the collection, e.g. a theme that was
found again), `signifier_missing` (the version read has no such signifier or part).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from samskab.analysis import indicators as engine
from samskab.analysis.disclosure import GROUP_BELOW_K, HIDDEN_CATEGORY, SMALL_CATEGORY, key_sum
from samskab.analysis.schema import Kind, Schema
from samskab.analysis.types import BoolArray
from samskab.analysis.zones import ZONE_CODES
from samskab.explorer.models import SavedView
from samskab.explorer.services.hidden import hidden_selection
from samskab.explorer.services.labels import labels_for, zone_name
from samskab.explorer.services.query import Scope, chosen_version, mask_for, scope_for, threshold
from samskab.explorer.services.store import schema_for, versions_with_stories
from samskab.instruments.models import Collection, InstrumentVersion, Story
from samskab.instruments.services import latest_version
from samskab.measurement.content import IndicatorSource, Measure, PeriodKind
from samskab.measurement.models import Indicator, Measurement
from samskab.projects.models import Project

MAX_PERIODS = 24  # month or quarter periods kept: the first (baseline) and the latest 23
FILTER_INVALID = "filter_invalid"
SIGNIFIER_MISSING = "signifier_missing"
SHARE_MEASURES = (Measure.ZONE_SHARE, Measure.CHOICE_SHARE)
CALENDAR_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3}

Period = tuple[datetime.date, datetime.date]


def _kind_names() -> dict[str, StrOrPromise]:
    return {
        Kind.TRIAD: _("a triad"),
        Kind.DYAD: _("a slider (dyad)"),
        Kind.STONES: _("a stones canvas"),
        Kind.SINGLE: _("a single choice"),
        Kind.MULTI: _("a multiple choice"),
        Kind.FREETEXT: _("a free text"),
    }


def _needed_names() -> dict[str, StrOrPromise]:
    return {
        Measure.ZONE_SHARE: _("a triad"),
        Measure.CHOICE_SHARE: _("a single or multiple choice"),
        Measure.DYAD_MEDIAN: _("a slider (dyad)"),
        Measure.TRIAD_CENTRE: _("a triad"),
    }


# --- The version a view reads, its signifiers and the form's choices ----------------------


def _params(view: SavedView) -> QueryDict:
    return QueryDict(view.query)


def view_version(view: SavedView) -> InstrumentVersion | None:
    """The version the view reads: the one it names (`v`), else the newest with stories,
    else (no stories yet) the instrument's newest."""
    collection = view.collection
    found = chosen_version(versions_with_stories(collection), _params(view).get("v"))
    return found if found is not None else latest_version(collection.instrument)


class SignifierOption(NamedTuple):
    """A signifier an indicator can read: id, title, kind, and its parts with labels
    (triad corners, slider poles, choice items); for a triad also its zones."""

    id: str
    label: str
    kind: str
    parts: list[tuple[str, str]]
    zones: list[tuple[str, str]]


def signifier_options(saved_view: SavedView, language: str) -> list[SignifierOption]:
    """The signifiers of the view's version that some measure can read, for the form."""
    version = view_version(saved_view)
    if version is None:
        return []
    labels = labels_for(version.parsed, language)
    readable = {kind for kinds in engine.MEASURE_KINDS.values() for kind in kinds}
    out = []
    for sid, entry in labels.signifiers.items():
        if Kind(entry.kind) not in readable:
            continue
        zones = []
        if entry.kind == Kind.TRIAD:
            zones = [(zone, zone_name(labels, sid, zone)) for zone in ZONE_CODES]
        out.append(SignifierOption(sid, entry.title, entry.kind, list(entry.parts.items()), zones))
    return out


def definition_errors(
    saved_view: SavedView | None,
    measure: str,
    signifier: str,
    part: str,
    project: Project | None = None,
) -> dict[str, str]:
    """What is wrong with a computed indicator's definition, by form field (empty: nothing).

    With `project`, the view must be one of the project's organisation and collections.
    """
    if saved_view is None:
        return {"saved_view": _("Choose a saved view of one of the project's collections.")}
    if project is not None and not _belongs(saved_view, project):
        return {
            "saved_view": _(
                "This saved view is not one of this project's collections. Choose another."
            )
        }
    if measure not in Measure.values:
        return {"measure": _("Choose what the indicator measures.")}
    version = view_version(saved_view)
    if version is None:
        return {"saved_view": _("The view's collection has no questionnaire yet.")}
    schema = schema_for(saved_view.collection_id, version.number, version.parsed)
    spec = engine.IndicatorSpec(measure, signifier, part)
    ids = [s.id for s in schema.signifiers]
    if signifier not in ids:
        return {
            "signifier": _(
                "The questionnaire read by “%(view)s” (version %(version)s) has no signifier "
                "“%(id)s”. Choose one of: %(ids)s."
            )
            % {
                "view": saved_view.title,
                "version": version.number,
                "id": signifier,
                "ids": ", ".join(ids),
            }
        }
    return _kind_and_part_errors(schema.get(signifier).kind, spec, schema)


def _belongs(view: SavedView, project: Project) -> bool:
    return (
        view.organisation_id == project.organisation_id
        and view.collection.instrument.project_id == project.pk
    )


def _kind_and_part_errors(kind: Kind, spec: engine.IndicatorSpec, schema: Schema) -> dict[str, str]:
    if kind not in engine.MEASURE_KINDS[spec.measure]:
        return {
            "signifier": _(
                "“%(id)s” is %(kind)s, and “%(measure)s” needs %(needed)s. Choose another "
                "signifier or another measure."
            )
            % {
                "id": spec.signifier_id,
                "kind": _kind_names()[kind],
                "measure": Measure(spec.measure).label,
                "needed": _needed_names()[spec.measure],
            }
        }
    try:
        engine.part_index(schema, spec)
    except engine.IndicatorError:
        return {"part": _part_message(spec, schema)}
    return {}


def _part_message(spec: engine.IndicatorSpec, schema: Schema) -> str:
    if spec.measure == Measure.ZONE_SHARE:
        choices = ", ".join(ZONE_CODES)
        return _("Choose the zone of the triad: one of %(choices)s.") % {"choices": choices}
    choices = ", ".join(schema.get(spec.signifier_id).parts)
    if spec.measure == Measure.TRIAD_CENTRE:
        return _("Choose the corner whose share is measured: one of %(choices)s.") % {
            "choices": choices
        }
    return _("Choose the answer whose share is measured: one of %(choices)s.") % {
        "choices": choices
    }


# --- Periods ------------------------------------------------------------------------------


def _story_span(collection_id: int) -> Period | None:
    """The days (UTC, as the explorer's date filters) of the collection's first and last story."""
    stories = Story.objects.filter(collection_id=collection_id).order_by()
    first = stories.order_by("created_at").values_list("created_at", flat=True).first()
    last = stories.order_by("-created_at").values_list("created_at", flat=True).first()
    if first is None or last is None:
        return None
    return first.astimezone(datetime.UTC).date(), last.astimezone(datetime.UTC).date()


def periods_for(indicator: Indicator) -> list[Period]:
    """The indicator's periods as (first day, last day).

    Custom: the indicator's own date ranges. Month or quarter: calendar periods from the
    baseline date (or the collection's first story) to the collection's last story. More than
    `MAX_PERIODS` keep the first, which is the baseline, and the latest ones.
    """
    if indicator.period_kind == PeriodKind.CUSTOM:
        return [
            (datetime.date.fromisoformat(a), datetime.date.fromisoformat(b))
            for a, b in indicator.periods
        ]
    months = (
        CALENDAR_MONTHS.get(PeriodKind(indicator.period_kind)) if indicator.period_kind else None
    )
    view = indicator.saved_view
    if months is None or view is None:
        return []
    span = _story_span(view.collection_id)
    if span is None:
        return []
    first = indicator.baseline_date or span[0]
    periods = engine.calendar_periods(months, first, span[1])
    if len(periods) > MAX_PERIODS:
        periods = [periods[0], *periods[-(MAX_PERIODS - 1) :]]
    return periods


# --- Computing ----------------------------------------------------------------------------


@dataclass
class _Reading:
    """A saved view's stories as the engine sees them: the store and the filter's mask, or
    the reason every period is withheld."""

    scope: Scope
    mask: BoolArray | None
    reason: str

    @property
    def counter(self) -> int:
        if self.scope.store is not None:
            return self.scope.store.change_counter
        return int(self.scope.collection.change_counter)


def _read(view: SavedView) -> _Reading | None:
    """The view's store and mask; None while a large store is being built in the background."""
    collection = Collection.objects.get(pk=view.collection_id)  # a fresh change counter
    params = _params(view)
    scope = scope_for(collection, params, settings.LANGUAGE_CODE, exact=True)
    if scope.building is not None:
        return None
    if scope.store is None or scope.labels is None:
        return _Reading(scope, None, GROUP_BELOW_K)  # no stories yet
    form = scope.form(params)
    if not form.is_valid():
        return _Reading(scope, None, FILTER_INVALID)
    if hidden_selection(scope, form) is not None:
        return _Reading(scope, None, HIDDEN_CATEGORY)
    return _Reading(scope, mask_for(scope, form), "")


def _spec(indicator: Indicator) -> engine.IndicatorSpec:
    return engine.IndicatorSpec(indicator.measure, indicator.signifier, indicator.part)


def _refused(ranges: list[tuple[int, int]], reason: str) -> list[engine.PeriodValue]:
    return [engine.PeriodValue(a, b, None, None, None, None, reason) for a, b in ranges]


def _compute(
    reading: _Reading, jobs: list[tuple[Indicator, list[Period]]]
) -> list[list[engine.PeriodValue]]:
    """Every job's values; jobs with the same periods share one period index and one pass."""
    store, mask = reading.scope.store, reading.mask
    out: list[list[engine.PeriodValue]] = [[] for _job in jobs]
    grouped: dict[tuple[tuple[int, int], ...], list[int]] = defaultdict(list)
    for j, (indicator, periods) in enumerate(jobs):
        ranges = engine.to_seconds(periods)
        if store is None or mask is None:
            out[j] = _refused(ranges, reading.reason)
            continue
        try:
            engine.part_index(store.schema, _spec(indicator))
        except engine.IndicatorError:
            out[j] = _refused(ranges, SIGNIFIER_MISSING)
            continue
        if indicator.part and indicator.part in reading.scope.small(indicator.signifier):
            # An option chosen by fewer than k stories is merged or left out of the release:
            # its share would be a share of a small group, or a false zero.
            out[j] = _refused(ranges, SMALL_CATEGORY)
            continue
        grouped[tuple(ranges)].append(j)
    for ranges_key, members in grouped.items():
        assert store is not None and mask is not None  # noqa: S101 (grouped only with a store)
        index = engine.period_index(store.column("created"), list(ranges_key))
        specs = [_spec(jobs[j][0]) for j in members]
        k = reading.scope.k
        for j, values in zip(
            members, engine.compute_many(store, mask, specs, index, k), strict=True
        ):
            out[j] = values
    return out


def _save(
    indicator: Indicator,
    periods: list[Period],
    values: list[engine.PeriodValue],
    keys: list[int | None],
    counter: int,
    force: bool,
) -> None:
    """Replace the indicator's computed rows (no audit entry: this is recomputation)."""
    with transaction.atomic():
        locked = Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
        if locked is None:
            return
        if (
            not force
            and locked.computed_at != indicator.computed_at
            and locked.computed_counter == counter
        ):
            return  # another request computed the same stories meanwhile
        same_period = Q()
        for start, end in periods:
            same_period |= Q(period_start=start, period_end=end)
        Measurement.objects.filter(indicator=indicator).filter(
            Q(source=IndicatorSource.COMPUTED) | same_period
        ).delete()
        Measurement.objects.bulk_create(
            Measurement(
                organisation_id=indicator.organisation_id,
                indicator=indicator,
                period_start=start,
                period_end=end,
                value=value.value,
                lower=value.lower,
                upper=value.upper,
                n=value.n,
                n_key=key,
                withheld=value.withheld,
                source=IndicatorSource.COMPUTED,
            )
            for (start, end), value, key in zip(periods, values, keys, strict=True)
        )
        baseline = next((v.value for v in values if v.shown), None)
        now = timezone.now()
        Indicator.objects.filter(pk=indicator.pk).update(
            baseline_value=baseline, computed_counter=counter, computed_at=now
        )
    indicator.baseline_value, indicator.computed_counter, indicator.computed_at = (
        baseline,
        counter,
        now,
    )


def _refresh_view(view: SavedView, indicators: Iterable[Indicator], force: bool) -> None:
    reading = _read(view)
    if reading is None:
        return  # the store is being built: keep the rows shown until it is ready
    jobs = [(indicator, periods_for(indicator)) for indicator in indicators]
    for (indicator, periods), values in zip(jobs, _compute(reading, jobs), strict=True):
        keys = _cell_keys(reading, indicator, values)
        _save(indicator, periods, values, keys, reading.counter, force)


def _cell_keys(
    reading: _Reading, indicator: Indicator, values: list[engine.PeriodValue]
) -> list[int | None]:
    """Each shown period's cell key: the record keys of the stories its n counts (the view's
    answered stories told in the period), summed modulo 256; None where nothing is shown."""
    store, mask = reading.scope.store, reading.mask
    if store is None or mask is None:
        return [None for _value in values]
    created = store.column("created")
    answered = mask & store.answered(indicator.signifier)
    keys: list[int | None] = []
    for value in values:
        if not value.shown or value.n is None:
            keys.append(None)
            continue
        rows = answered & (created >= value.start) & (created < value.end)
        counted = int(np.count_nonzero(rows)) == value.n
        keys.append(key_sum(rows, store.column("ckey")) if counted else None)
    return keys


def _computable(indicator: Indicator) -> bool:
    return indicator.is_computed and indicator.saved_view_id is not None


def _view_of(indicator: Indicator) -> SavedView | None:
    """The indicator's saved view, only from the indicator's own organisation."""
    return (
        SavedView.objects.select_related("collection")
        .filter(organisation_id=indicator.organisation_id, pk=indicator.saved_view_id or 0)
        .first()
    )


def is_stale(indicator: Indicator) -> bool:
    """Whether the stories changed since the indicator was computed (or it never was)."""
    if not _computable(indicator):
        return False
    if indicator.computed_counter is None:
        return True
    counter = (
        Collection.objects.filter(saved_views=indicator.saved_view_id)
        .values_list("change_counter", flat=True)
        .first()
    )
    return counter != indicator.computed_counter


def refresh(indicator: Indicator, force: bool = False) -> None:
    """Compute the indicator again when it is stale (always with `force`)."""
    if not _computable(indicator) or not (force or is_stale(indicator)):
        return
    view = _view_of(indicator)
    if view is not None:
        _refresh_view(view, [indicator], force)


def _shown_below_k(k: int) -> QuerySet[Measurement]:
    """Computed rows that k no longer allows: n below k, or a share whose stories with or
    without the zone or item number 1 to k - 1 (counted back from value and n)."""
    hits = F("value") * F("n") / 100.0
    misses = (100.0 - F("value")) * F("n") / 100.0
    few = (
        Q(n__lt=k)
        | Q(indicator__measure__in=SHARE_MEASURES, _hits__gt=0.5, _hits__lt=k - 0.5)
        | Q(indicator__measure__in=SHARE_MEASURES, _misses__gt=0.5, _misses__lt=k - 0.5)
    )
    return (
        Measurement.objects.filter(source=IndicatorSource.COMPUTED, value__isnull=False)
        .annotate(_hits=hits, _misses=misses)
        .filter(few)
    )


def stale_indicators(project: Project) -> QuerySet[Indicator]:
    """The project's computed indicators whose stories changed, never computed, or showing
    a period the organisation's k no longer allows: one query."""
    k = threshold(project.organisation)
    below = _shown_below_k(k).filter(indicator=OuterRef("pk"))
    return (
        Indicator.objects.for_org(project.organisation)
        .filter(
            project=project,
            source=IndicatorSource.COMPUTED,
            saved_view__organisation=project.organisation,
        )
        .filter(
            Q(computed_counter__isnull=True)
            | ~Q(computed_counter=F("saved_view__collection__change_counter"))
            | Exists(below)
        )
    )


def refresh_project(project: Project) -> None:
    """Recompute every stale computed indicator of the project, one store read per view.

    Costs two small queries when nothing changed.
    """
    stale = list(stale_indicators(project).select_related("saved_view__collection"))
    by_view: dict[int, list[Indicator]] = defaultdict(list)
    views: dict[int, SavedView] = {}
    for indicator in stale:
        assert indicator.saved_view is not None  # noqa: S101 (filtered above)
        views[indicator.saved_view.pk] = indicator.saved_view
        by_view[indicator.saved_view.pk].append(indicator)
    for pk, indicators in by_view.items():
        _refresh_view(views[pk], indicators, force=False)


# --- The change since the baseline ----------------------------------------------------------


def change_since_baseline(indicator: Indicator) -> engine.ChangeTest | None:
    """The engine's test between the first and the latest period shown, from the store.

    None when fewer than two periods are shown, when they overlap (custom ranges), or when
    the store cannot be read now. The progress service caches the result per computation.
    """
    if not _computable(indicator):
        return None
    shown = list(
        indicator.measurements.filter(
            source=IndicatorSource.COMPUTED, value__isnull=False
        ).order_by("period_start", "period_end")
    )
    if len(shown) < 2:
        return None
    first, last = shown[0], shown[-1]
    baseline, latest = engine.to_seconds(
        [(first.period_start, first.period_end), (last.period_start, last.period_end)]
    )
    if baseline[0] < latest[1] and latest[0] < baseline[1]:
        return None
    view = _view_of(indicator)
    reading = None if view is None else _read(view)
    if reading is None or reading.scope.store is None or reading.mask is None:
        return None
    try:
        return engine.change_test(
            reading.scope.store, reading.mask, _spec(indicator), baseline, latest, reading.scope.k
        )
    except engine.IndicatorError:
        return None
