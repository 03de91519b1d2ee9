"""Read the stories of a selection (masked text only), and export the selection as CSV."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from samskab.analysis.summaries import story_list
from samskab.explorer.forms import FilterForm
from samskab.explorer.services.dashboard import selection_withheld
from samskab.explorer.services.hidden import hidden_selection
from samskab.explorer.services.query import Scope, is_filtered, mask_for
from samskab.explorer.services.stories import compact_answers, csv_lines
from samskab.explorer.views.common import (
    base_context,
    collection_scope,
    form_problems,
    notes,
    url,
    with_params,
)
from samskab.instruments.models import Story
from samskab.organisations.policy import OrgRequest, Perm, can, org_view
from samskab.organisations.services import audit_answers_exported, audit_stories_read

PAGE_SIZE = 25


def _selection(scope: Scope, form: FilterForm) -> tuple[Any, list[str]]:
    """The selected story ids (newest first), or none and why."""
    assert scope.store is not None  # noqa: S101
    if problems := form_problems(form):
        return np.empty(0, dtype=np.int64), problems
    mask = mask_for(scope, form)
    refused = selection_withheld(
        scope.store.n, int(mask.sum()), is_filtered(form), scope.k
    ) or hidden_selection(scope, form)
    if refused is not None:
        return np.empty(0, dtype=np.int64), notes([refused], scope.k)
    ids, withheld = story_list(scope.store, mask, scope.k, limit=scope.store.n)
    return np.sort(ids)[::-1], notes(withheld, scope.k)


def _rows(scope: Scope, ids: list[int]) -> list[tuple[Story, str, list[tuple[str, str]]]]:
    """Each story with its level and answers as a story list may show them."""
    assert scope.labels is not None  # noqa: S101
    # The unmasked text is never loaded here.
    stories = Story.objects.filter(collection=scope.collection, pk__in=ids).only(
        "id", "title", "text", "level", "prompt", "created_at", "answers"
    )
    by_id = {story.pk: story for story in stories}
    signifiers = scope.schema.signifiers
    labels = scope.labels
    return [
        (
            by_id[i],
            labels.story_value("level", by_id[i].level) if by_id[i].level else "",
            compact_answers(by_id[i].answers, signifiers, labels),
        )
        for i in ids
        if i in by_id
    ]


def _cell_filters(request: HttpRequest, scope: Scope, form: FilterForm) -> list[tuple[str, str]]:
    """(what a cell chosen in a chart selects, the same list without it)."""
    return [
        (
            cell.label,
            url(request, "stories", scope, with_params(request.GET, {}, (cell.field.name,))),
        )
        for cell in form.active_cells()
    ]


@require_GET
@org_view(Perm.READ_STORIES)
def stories(request: HttpRequest, pk: int) -> HttpResponse:
    scope = collection_scope(request, pk)
    context = base_context(request, scope, "stories")
    if scope.store is None or scope.labels is None:
        return render(request, "explorer/stories.html", context)
    form = scope.form(request.GET)
    ids, refused = _selection(scope, form)
    page = Paginator(ids.tolist(), PAGE_SIZE).get_page(request.GET.get("page"))
    collection = scope.collection
    audit_stories_read(
        collection.organisation, collection.name, "explorer", request.GET, len(page), collection=pk
    )
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        form=form,
        refused=refused,
        count=len(ids),
        page=page,
        rows=_rows(scope, list(page.object_list)),
        query=query.urlencode(),
        back_url=url(request, "dashboard", scope, query.urlencode()),
        cell_filters=_cell_filters(request, scope, form),
        evidence_url=_evidence_url(request, scope),
        quote_project=_quote_project(request, scope),
    )
    return render(request, "explorer/stories.html", context, status=422 if form.errors else 200)


def _quote_project(request: HttpRequest, scope: Scope) -> int | None:
    """The project whose playbook may quote these stories (None: no project, or the member
    may not edit the playbook)."""
    project_id = scope.collection.instrument.project_id
    if project_id is None or not can(cast(OrgRequest, request), Perm.EDIT_PROJECTS):
        return None
    return project_id


def _evidence_url(request: HttpRequest, scope: Scope) -> str:
    """Where a story can be added as evidence of the collection's project ("" when the
    instrument has no project or the member may not record evidence)."""
    project_id = scope.collection.instrument.project_id
    if project_id is None or not can(cast(OrgRequest, request), Perm.RECORD_MEASUREMENTS):
        return ""
    kwargs = {"org": scope.collection.organisation.slug, "project": project_id}
    return reverse("measurement:evidence_create", kwargs=kwargs)


@require_GET
@org_view(Perm.READ_STORIES)
def export(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    """The filtered stories' answers as tidy CSV (one row per story, no story text)."""
    scope = collection_scope(request, pk)
    context = base_context(request, scope, "export")
    if scope.store is None or scope.labels is None:
        return render(request, "explorer/stories.html", context)
    form = scope.form(request.GET)
    if problems := form_problems(form):
        context.update(refused=problems, form=form, count=0)
        return render(request, "explorer/stories.html", context, status=422)
    mask = mask_for(scope, form)
    refused = selection_withheld(
        scope.store.n, int(mask.sum()), is_filtered(form), scope.k
    ) or hidden_selection(scope, form)
    if refused is not None:
        context.update(refused=notes([refused], scope.k), form=form, count=0)
        return render(request, "explorer/stories.html", context)
    lines = csv_lines(scope.store, mask, scope.labels.small)
    collection = scope.collection
    audit_answers_exported(
        collection.organisation, collection.name, request.GET, int(mask.sum()), collection=pk
    )
    response = StreamingHttpResponse(lines, content_type="text/csv")
    name = f"samling-{scope.collection.pk}-v{scope.schema.version}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
