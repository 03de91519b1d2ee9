"""Two groups side by side: per signifier the engine's comparison and a plain sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskab.analysis.compare import CompareOptions, Comparison
from samskab.analysis.disclosure import PERTURBED, Withheld
from samskab.analysis.report import compare_groups
from samskab.explorer.forms import FilterForm
from samskab.explorer.services.centres import centres_figure
from samskab.explorer.services.charts import chart_for
from samskab.explorer.services.dashboard import shown_comparison
from samskab.explorer.services.describe import Names, describe, is_clear
from samskab.explorer.services.hidden import hidden_selection
from samskab.explorer.services.labels import LEVEL_GROUPS
from samskab.explorer.services.query import Scope, is_filtered, mask_for
from samskab.explorer.views.common import base_context, collection_scope, notes, url
from samskab.organisations.policy import Perm, org_view


@dataclass
class Line:
    comparison: Comparison
    sentence: str
    clear: bool


def group_name(form: FilterForm, fallback: str) -> str:
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("name"):
        return str(data["name"])
    theme = form.theme_name()
    if theme:
        return theme
    levels = data.get("level") or []
    if len(levels) == 1:
        return str(LEVEL_GROUPS[levels[0]])
    return fallback


def _sections(scope: Scope, names: Names, report: Any, masks: tuple[Any, Any]) -> list[Any]:
    assert scope.store is not None and scope.labels is not None  # noqa: S101
    language = scope.labels.language
    sections = []
    for s in scope.schema.signifiers:
        shown = [
            shown_comparison(scope, c, *masks) for c in report.comparisons if c.signifier_id == s.id
        ]
        lines = [Line(c, describe(c, names, language), is_clear(c)) for c in shown]
        charts = [chart_for(scope.store, s, m, scope.guard, scope.labels) for m in masks]
        figures = [
            f for line in lines if (f := centres_figure(line.comparison, s, names, language))
        ]
        sections.append((scope.labels.title(s.id), s.id, lines, charts, figures))
    return sections


def _compare(scope: Scope, a: FilterForm, b: FilterForm) -> dict[str, Any]:
    assert scope.store is not None and scope.labels is not None  # noqa: S101
    mask_a, mask_b = mask_for(scope, a), mask_for(scope, b)
    hidden = hidden_selection(scope, a) or hidden_selection(scope, b)
    if hidden is not None:
        return {"refused": notes([hidden], scope.k)}
    if (mask_a & mask_b).any():
        return {"problem": _("The two groups share stories. Choose groups that do not overlap.")}
    names = Names(scope.labels, group_name(a, _("group A")), group_name(b, _("group B")), scope.k)
    report = compare_groups(scope.store, mask_a, mask_b, CompareOptions(k=scope.k))
    refused = notes(report.withheld, scope.k)
    if refused:
        small = names.group_a if report.n_a < scope.k else names.group_b
        refused = [
            _("%(group)s has fewer than %(k)s stories, so the comparison is not shown.")
            % {"group": small, "k": scope.k}
        ]
        return {"names": names, "report": report, "refused": refused}
    guard = scope.guard
    return {
        "names": names,
        "report": report,
        "sizes": (guard.count(mask_a), guard.count(mask_b)),
        "figure_notes": notes([Withheld("counts", PERTURBED)], scope.k) if guard.perturbs else [],
        "sections": _sections(scope, names, report, (mask_a, mask_b)),
    }


@require_GET
@org_view(Perm.VIEW_RESULTS)
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    scope = collection_scope(request, pk)
    context = base_context(request, scope, "compare")
    if scope.store is None or scope.labels is None:
        return render(request, "explorer/compare.html", context)
    form_a, form_b = (scope.form(request.GET, prefix=p, named=True) for p in ("a", "b"))
    context.update(form_a=form_a, form_b=form_b)
    ready = form_a.is_valid() and form_b.is_valid()
    if ready and is_filtered(form_a) and is_filtered(form_b):
        context.update(_compare(scope, form_a, form_b))
        query = request.GET.urlencode()
        context["observe_url"] = url(
            request, "observation_create", scope, urlencode({"comparison": query})
        )
    status = 422 if (form_a.errors or form_b.errors) else 200
    return render(request, "explorer/compare.html", context, status=status)
