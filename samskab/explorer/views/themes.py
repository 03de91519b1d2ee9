"""Themes in the story texts of a collection version: the newest run, and starting a new one.

Anyone who sees results sees the themes (words and sizes); representative stories (masked) only
those who may read stories. Starting a run reads every story's text, so it needs the same.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from samskab.explorer.forms import ThemeRunForm
from samskab.explorer.models import ThemeRun
from samskab.explorer.services.charts import count_text
from samskab.explorer.services.query import Scope, chosen_version
from samskab.explorer.services.store import versions_with_stories
from samskab.explorer.services.themes import (
    ThemeRunRefused,
    latest_done_run,
    latest_run,
    mask_for_theme,
    representative_stories,
    start_run,
    theme_value,
    themes_of,
)
from samskab.explorer.views.common import base_context, collection_scope, notes, url
from samskab.instruments.models import Collection
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404

TEMPLATE = "explorer/themes.html"


def _initial(run: ThemeRun | None) -> dict[str, Any]:
    if run is None:
        return {}
    return {"n_themes": run.n_themes, "seed": run.seed, "method": run.method}


def _rows(request: HttpRequest, scope: Scope, run: ThemeRun, stories: bool) -> list[Any]:
    assert scope.version is not None  # noqa: S101
    themes = themes_of(run, scope.k)
    shown = [t for t in themes if not t.withheld]
    examples = representative_stories(scope.collection, shown) if stories else {}
    released = scope.store.column("story_id") if scope.store is not None else None
    ids = set(released.tolist()) if released is not None and examples else set()
    rows = []
    for theme in themes:
        value = theme_value(run, theme.index)
        query = urlencode({"v": scope.version.number, "theme": value})
        size = theme.size
        if released is not None:
            # Counted in the release (left-out stories are in no figure), as the reader may
            # see it: exact for readers of stories, perturbed for viewers.
            size = scope.guard.count(
                mask_for_theme(scope.collection, scope.version, value, released)
            )
            examples[theme.index] = [s for s in examples.get(theme.index, []) if s.pk in ids]
        rows.append(
            {
                "theme": theme,
                "size": count_text(
                    size, scope.labels.language if scope.labels else "da", scope.guard
                ),
                "number": theme.index + 1,
                "notes": notes(theme.withheld, scope.k),
                "stories": examples.get(theme.index, []),
                "dashboard_url": url(request, "dashboard", scope, query),
            }
        )
    return rows


def _context(request: HttpRequest, scope: Scope, form: ThemeRunForm | None) -> dict[str, Any]:
    context = base_context(request, scope, "themes")
    if scope.version is None:
        return context
    run = latest_run(scope.collection, scope.version)
    done = latest_done_run(scope.collection, scope.version)
    context.update(
        run=run,
        done=done,
        form=form or ThemeRunForm(initial=_initial(done)),
        status_url=url(request, "themes", scope, f"v={scope.version.number}"),
        run_url=url(request, "theme_run", scope, f"v={scope.version.number}"),
    )
    if done is not None:
        context["rows"] = _rows(request, scope, done, context["can_read_stories"])
        context["changes"] = scope.collection.change_counter - done.change_counter
    return context


@require_GET
@org_view(Perm.VIEW_RESULTS)
def themes(request: HttpRequest, pk: int) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return _status(request, pk)
    scope = collection_scope(request, pk)
    return render(request, TEMPLATE, _context(request, scope, None))


def _status(request: HttpRequest, pk: int) -> HttpResponse:
    """The polled progress of a busy run (without loading the version's store)."""
    collection = get_for_org_or_404(Collection, organisation_of(request), pk=pk)
    version = chosen_version(versions_with_stories(collection), request.GET.get("v"))
    run = latest_run(collection, version) if version is not None else None
    if run is None or not run.is_busy:
        return HttpResponseClientRefresh()  # done: the page with the themes, loaded whole
    context = {"run": run, "status_url": request.get_full_path()}
    return render(request, "explorer/partials/_theme_status.html", context)


@require_POST
@org_view(Perm.READ_STORIES)
def theme_run(request: HttpRequest, pk: int) -> HttpResponse:
    """Start finding themes in the chosen version (masked texts are read, so READ_STORIES)."""
    scope = collection_scope(request, pk)
    if scope.version is None:
        return redirect(url(request, "themes", scope))
    form = ThemeRunForm(request.POST)
    if not form.is_valid():
        return render(request, TEMPLATE, _context(request, scope, form), status=422)
    user = request.user if isinstance(request.user, User) else None
    try:
        start_run(scope.collection, scope.version, form.cleaned_data, user)
    except ThemeRunRefused as refused:
        # Another run is busy: the page shows its progress (and no form until it is done).
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Finding themes has started. This page shows how far it is."))
    return redirect(url(request, "themes", scope, f"v={scope.version.number}"))
