"""The dashboard of a collection version, and each chart as an SVG download."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samskab.explorer.services.charts import CellHref, Chart
from samskab.explorer.services.dashboard import build_dashboard
from samskab.explorer.services.hidden import hidden_selection
from samskab.explorer.services.query import Scope, is_filtered, mask_for
from samskab.explorer.views.common import (
    base_context,
    collection_scope,
    form_problems,
    notes,
    url,
    with_params,
)
from samskab.organisations.policy import Perm, org_view


def _links(request: HttpRequest, scope: Scope, chart: Chart) -> dict[str, Any]:
    query = with_params(request.GET, {"sig": chart.sid})
    rows = []
    for row in chart.rows:
        href = None
        if row.select:
            href = url(request, "stories", scope, with_params(request.GET, row.select))
        rows.append((row, href))
    return {
        "chart": chart,
        "rows": rows,
        "svg_url": url(request, "chart_svg", scope, query),
        "notes": notes(chart.withheld, scope.k),
        "observe_url": url(request, "observation_create", scope, query),
    }


def _cell_href(request: HttpRequest, scope: Scope) -> CellHref:
    """The stories of one density cell, under the page's other filters."""

    path = url(request, "stories", scope)
    others: dict[str, str] = {}  # per triad: the page's query without its cell

    def href(sid: str, slot: int) -> str:
        name = f"cell_{sid}"
        if sid not in others:
            others[sid] = with_params(request.GET, {}, drop=(name,))
        query = f"{others[sid]}&" if others[sid] else ""
        return f"{path}?{query}{name}={slot}"

    return href


@require_GET
@org_view(Perm.VIEW_RESULTS)
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    scope = collection_scope(request, pk)
    context = base_context(request, scope, "dashboard")
    if scope.store is None or scope.labels is None:
        return render(request, "explorer/dashboard.html", context)
    form = scope.form(request.GET)
    cell_href = _cell_href(request, scope) if context["can_read_stories"] else None
    hidden = hidden_selection(scope, form)
    board = build_dashboard(scope, mask_for(scope, form), is_filtered(form), cell_href, hidden)
    level_links = [
        (row, url(request, "dashboard", scope, with_params(request.GET, row.select)))
        if row.select
        else (row, None)
        for row in board.levels
    ]
    context.update(
        form=form,
        board=board,
        board_notes=notes(board.withheld, scope.k),
        level_links=level_links,
        panels=[_links(request, scope, chart) for chart in board.charts],
        export_url=url(request, "export", scope, request.GET.urlencode()),
        stories_url=url(request, "stories", scope, request.GET.urlencode()),
    )
    return render(request, "explorer/dashboard.html", context, status=422 if form.errors else 200)


@require_GET
@org_view(Perm.VIEW_RESULTS)
def chart_svg(request: HttpRequest, pk: int) -> HttpResponse:
    """One chart of the dashboard (same filters) as an SVG file."""
    scope = collection_scope(request, pk)
    if scope.store is None or scope.labels is None:
        raise Http404
    form = scope.form(request.GET)
    if problems := form_problems(form):
        # A download never silently ignores a filter it refused (the page shows the errors).
        return HttpResponse("\n".join(problems), status=422, content_type="text/plain")
    hidden = hidden_selection(scope, form)
    board = build_dashboard(scope, mask_for(scope, form), is_filtered(form), hidden=hidden)
    sid = request.GET.get("sig", "")
    found = [c.svg for c in board.charts if c.sid == sid and c.svg is not None]
    if not found:
        raise Http404
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + str(found[0]),
        content_type="image/svg+xml; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{scope.collection.pk}-{sid}.svg"'
    return response
