"""Patterns worth a look: every signifier's comparison for each group against the rest."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskab.analysis.release import SMALL
from samskab.analysis.schema import Kind
from samskab.explorer.services.dashboard import shown_comparison
from samskab.explorer.services.describe import Names, describe, effect_interval, is_clear
from samskab.explorer.services.labels import LEVEL_GROUPS, SMALL_LABEL
from samskab.explorer.services.patterns import find_patterns, group_masks, grouping_for
from samskab.explorer.services.query import Scope
from samskab.explorer.views.common import base_context, collection_scope, url, with_params
from samskab.organisations.policy import Perm, org_view


def _group_label(scope: Scope, sid: str | None, value: str) -> str:
    assert scope.labels is not None  # noqa: S101
    if value == SMALL:
        return str(SMALL_LABEL)
    if sid is None:
        return str(LEVEL_GROUPS.get(value, value))
    return scope.labels.part(sid, value)


def _filter_params(sid: str | None, value: str, prefix: str = "") -> dict[str, str]:
    name = "level" if sid is None else f"choice_{sid}"
    return {f"{prefix}{name}": value}


def _rows(request: HttpRequest, scope: Scope, sid: str | None) -> dict[str, Any]:
    assert scope.store is not None and scope.labels is not None  # noqa: S101
    grouping = grouping_for(scope.store, sid or "level")
    attribute = grouping.signifier or "level"
    everything = np.ones(scope.store.n, dtype=bool)
    found = find_patterns(scope.store, grouping, everything, scope.k, small=scope.small(attribute))
    rows = []
    base = request.GET.copy()
    base.pop("by", None)
    masks = group_masks(scope.store, grouping, everything)
    for pattern in found.patterns:
        c = shown_comparison(scope, pattern.comparison, *masks[pattern.group])
        label = _group_label(scope, grouping.signifier, pattern.group)
        names = Names(scope.labels, label, _("the other stories"), scope.k)
        chart = with_params(base, _filter_params(grouping.signifier, pattern.group))
        chart_url = url(request, "dashboard", scope, chart) + f"#panel-{c.signifier_id}"
        rows.append(
            {
                "group": label,
                "title": scope.labels.title(c.signifier_id),
                "comparison": c,
                "sentence": describe(c, names, scope.labels.language),
                "effect": effect_interval(c, scope.labels.language),
                "clear": is_clear(c),
                # The merged small groups are not a filter: no chart of their own.
                "chart_url": "" if pattern.group == SMALL else chart_url,
            }
        )
    left_out = [_group_label(scope, grouping.signifier, v) for v in found.left_out]
    return {"rows": rows, "left_out": left_out, "tests": found.total}


@require_GET
@org_view(Perm.VIEW_RESULTS)
def patterns(request: HttpRequest, pk: int) -> HttpResponse:
    scope = collection_scope(request, pk)
    context = base_context(request, scope, "patterns")
    if scope.store is None or scope.labels is None:
        return render(request, "explorer/patterns.html", context)
    singles = [(s.id, scope.labels.title(s.id)) for s in scope.schema.of_kind(Kind.SINGLE)]
    choices = [("level", _("Level")), *singles]
    by = request.GET.get("by", "level")
    if by not in dict(choices):
        by = "level"
    context.update(choices=choices, by=by)
    context.update(_rows(request, scope, None if by == "level" else by))
    return render(request, "explorer/patterns.html", context)
