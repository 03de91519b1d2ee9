"""The stories of a collection for those who may read them: masked text only, never the raw.

What the list may show is decided by `instruments.disclosure` (docs/disclosure.md): a level,
source or question with fewer than k stories is shown as "small group" or its stories are
not listed, is never a filter, and a filtered list of fewer than k stories is refused.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskab.analysis.disclosure import DIFFERENCE_BELOW_K
from samskab.explorer.services.query import threshold
from samskab.instruments import disclosure
from samskab.instruments.disclosure import SMALL_GROUP_LABEL, StoryListing
from samskab.instruments.editor import text_of
from samskab.instruments.forms import StoryFilterForm
from samskab.instruments.models import Collection, InstrumentVersion, Level, Story, StorySource
from samskab.instruments.views.common import can, ui_language
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404
from samskab.organisations.services import audit_stories_read

PAGE_SIZE = 50
LEVELS = dict(Level.choices)
SOURCES = dict(StorySource.choices)


def _prompt_texts(collection: Collection, language: str) -> dict[tuple[int, str], str]:
    """(version id, prompt id) → the prompt's text, for every version of the instrument."""
    versions = InstrumentVersion.objects.for_org(collection.organisation).filter(
        instrument_id=collection.instrument_id
    )
    texts: dict[tuple[int, str], str] = {}
    for version_id, definition in versions.values_list("id", "definition"):
        prompts: Any = definition.get("prompts", []) if isinstance(definition, dict) else []
        for prompt in prompts:
            texts[(version_id, prompt.get("id"))] = text_of(prompt.get("text"), language)
    return texts


def _refusal_text(reason: str, k: int) -> str:
    if reason == DIFFERENCE_BELOW_K:
        return _(
            "These filters leave out fewer than %(k)s of the listed stories, so the number "
            "left out would reveal a small group: no stories are listed. Widen or remove a "
            "filter."
        ) % {"k": k}
    return _(
        "Fewer than %(k)s stories match these filters, so none are listed: a group that small "
        "could reveal who told the stories. Widen or remove a filter."
    ) % {"k": k}


def _selected(
    collection: Collection, listing: StoryListing, form: StoryFilterForm
) -> tuple[QuerySet[Story] | None, str]:
    """The stories to list and, when none may be, why (empty when the form says it)."""
    if not form.is_valid():
        return None, ""
    stories = disclosure.listed(collection, listing)
    if not form.filtered:
        return stories, ""
    stories = stories.filter(form.selection())
    reason = listing.refusal(stories.count())
    if reason:
        return None, _refusal_text(reason, listing.k)
    return stories, ""


def _row(
    story: Story, prompts: dict[tuple[int, str], str], listing: StoryListing
) -> dict[str, object]:
    """One story as the list shows it: a value of a small category reads "small group"."""
    small = str(SMALL_GROUP_LABEL)
    prompt = prompts.get((story.version_id, story.prompt), story.prompt)
    level = LEVELS.get(story.level, "") if story.level else _("level not given")
    return {
        "story": story,
        "prompt": small if listing.is_small("prompt", story.prompt) else prompt,
        "level": small if listing.is_small("level", story.level) else level,
        "source": small if listing.is_small("source", story.source) else SOURCES[story.source],
    }


def _page(request: HttpRequest, stories: QuerySet[Story] | None) -> Page[Story] | None:
    if stories is None:
        return None
    # The unmasked text is never loaded here, not even into memory.
    stories = stories.select_related("version").only(
        "id", "title", "text", "level", "source", "prompt", "created_at", "version__number"
    )
    return Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))


@require_GET
@org_view(Perm.READ_STORIES)
def story_list(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_of(request)
    collection = get_for_org_or_404(Collection, organisation, pk=pk)
    listing = disclosure.story_listing(collection, threshold(organisation))
    form = StoryFilterForm(request.GET, listing=listing)
    stories, refusal = _selected(collection, listing, form)
    page = _page(request, stories)
    shown = len(page) if page else 0
    audit_stories_read(
        organisation, collection.name, "story_list", request.GET, shown, collection=pk
    )
    prompts = _prompt_texts(collection, ui_language(request)) if page else {}
    context = {
        "organisation": organisation,
        "collection": collection,
        "filter_form": form,
        "listing": listing,
        "page": page,
        "refusal": refusal,
        "rows": [_row(story, prompts, listing) for story in page] if page else [],
        "can_see_collection": can(request, Perm.VIEW_PROJECTS),
    }
    return render(request, "instruments/story_list.html", context)
