"""The stories of a collection for those who may read them: masked text only, never the raw."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samskab.instruments.editor import text_of
from samskab.instruments.forms import StoryFilterForm
from samskab.instruments.models import Collection, InstrumentVersion, Story
from samskab.instruments.views.common import can, ui_language
from samskab.organisations.policy import Perm, org_view, organisation_of
from samskab.organisations.scoping import get_for_org_or_404

PAGE_SIZE = 50


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


@require_GET
@org_view(Perm.READ_STORIES)
def story_list(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_of(request)
    collection = get_for_org_or_404(Collection, organisation, pk=pk)
    form = StoryFilterForm(request.GET)
    # The unmasked text is never loaded here, not even into memory.
    stories = (
        Story.objects.for_org(organisation)
        .filter(collection=collection)
        .select_related("version")
        .only("id", "title", "text", "level", "source", "prompt", "created_at", "version__number")
    )
    if form.is_valid():
        for name in ("source", "level"):
            if form.cleaned_data[name]:
                stories = stories.filter(**{name: form.cleaned_data[name]})
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    prompts = _prompt_texts(collection, ui_language(request))
    rows = [(story, prompts.get((story.version_id, story.prompt), story.prompt)) for story in page]
    context = {
        "organisation": organisation,
        "collection": collection,
        "filter_form": form,
        "page": page,
        "rows": rows,
        "can_see_collection": can(request, Perm.VIEW_PROJECTS),
    }
    return render(request, "instruments/story_list.html", context)
