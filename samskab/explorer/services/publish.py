"""The gate every published output passes (playbook, case library, open data).

Published figures are the viewers' figures (docs/disclosure.md, rule 3): computed from the
release, counts perturbed by the cell-key method, only coarse predefined filters, nothing about
fewer than k stories. A published story quote must come from a story of the release that
belongs to no small group, be part of its masked text, and hold nothing the masker would mask.
Each refusal carries a reason code that `services.disclosure.reason_text` puts into words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.http import QueryDict

from samskab.analysis.disclosure import (
    COARSE_ONLY,
    FILTER_INVALID,
    GROUP_BELOW_K,
    LEFT_OUT,
    MERGED,
    PERSONAL_DATA,
    PERTURBED,
    QUOTE_NOT_IN_STORY,
    SMALL_CATEGORY,
    STILL_BUILDING,
    STORY_LEFT_OUT,
    Withheld,
)
from samskab.explorer.forms import FilterForm
from samskab.explorer.models import SavedView
from samskab.explorer.services.dashboard import Dashboard, build_dashboard
from samskab.explorer.services.hidden import hidden_selection
from samskab.explorer.services.query import Scope, is_filtered, mask_for, scope_for
from samskab.instruments.models import Story
from samskab.instruments.privacy import mask


@dataclass
class PublishedView:
    """A saved view as it may be published: the perturbed dashboard, or why not."""

    view: SavedView
    scope: Scope | None
    board: Dashboard | None
    refused: list[Withheld] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused and self.board is not None


def published_view(view: SavedView, language: str = settings.LANGUAGE_CODE) -> PublishedView:
    """The saved view's figures as a published output (never exact, never below k)."""
    params = QueryDict(view.query)
    scope = scope_for(view.collection, params, language, exact=False)
    if scope.store is None or scope.labels is None:
        reason = STILL_BUILDING if scope.building is not None else GROUP_BELOW_K
        return PublishedView(view, scope, None, [Withheld("view", reason)])
    form = scope.form(params)
    if not form.is_valid():
        return PublishedView(view, scope, None, [Withheld("view", _form_reason(form))])
    hidden = hidden_selection(scope, form)
    board = build_dashboard(scope, mask_for(scope, form), is_filtered(form), hidden=hidden)
    if board.n is None:
        # The page-wide notes (perturbed, merged, left out) are not why this view is refused.
        notes = {PERTURBED, LEFT_OUT, MERGED}
        refused = [w for w in board.withheld if w.reason not in notes]
        return PublishedView(view, scope, board, refused or [Withheld("view", GROUP_BELOW_K)])
    return PublishedView(view, scope, board)


def _form_reason(form: FilterForm) -> str:
    """Why a saved view's filters cannot be published: an exact filter (for readers of
    stories only), a small group, or filters that no longer fit the collection."""
    errors = form.errors.as_data()
    exact = set(form.exact_fields())
    for name in errors:
        if name in exact or name.startswith(("min_", "max_")) or name == "__all__":
            return COARSE_ONLY
    small = ("level", "prompt")
    if any(name in small or name.startswith("choice_") for name in errors):
        return SMALL_CATEGORY
    return FILTER_INVALID


def quote_refusals(story: Story, quote: str, language: str = settings.LANGUAGE_CODE) -> list[str]:
    """Why `quote` from `story` may not be published (reason codes; empty: it may)."""
    reasons: list[str] = []
    scope = scope_for(
        story.collection, QueryDict(f"v={story.version.number}"), language, exact=False
    )
    if scope.store is None or scope.labels is None:
        return [STILL_BUILDING]
    if not np.isin(story.pk, scope.store.column("story_id")):
        reasons.append(STORY_LEFT_OUT)
    elif _in_small_group(scope, story):
        reasons.append(SMALL_CATEGORY)
    text = " ".join(quote.split())
    if not text or text not in " ".join(story.text.split()):
        reasons.append(QUOTE_NOT_IN_STORY)
    if mask(text).findings:
        reasons.append(PERSONAL_DATA)
    return reasons


def _in_small_group(scope: Scope, story: Story) -> bool:
    """Whether a story's level, prompt or any choice is a small category of the version."""
    labels = scope.labels
    assert labels is not None  # noqa: S101 (checked by the caller)
    if labels.is_small("level", story.level or "") or labels.is_small("prompt", story.prompt):
        return True
    for sid, answer in (story.answers or {}).items():
        if not isinstance(answer, dict) or answer.get("state") != "answered":
            continue
        value = answer.get("value")
        values = value if isinstance(value, list) else [value]
        if any(labels.is_small(sid, str(v)) for v in values):
            return True
    return False
