"""Disclosure control of the collection's story list (docs/disclosure.md, story-level views).

The list shows each story's level, source and question answered, for every version of the
collection. The rule is the release's (`analysis.release`), applied to these three attributes
over the whole collection, from counts the database gives in one grouped query:

* a category with 0 < n < k stories is small: never offered as a filter, never shown;
* the small categories of one attribute are shown together as "small group" when they hold
  k or more stories together; otherwise their stories are left out of the list. Leaving
  stories out can make another attribute's category small, so this repeats until stable;
* a filtered list is refused when it holds fewer than k stories, or when it leaves out 1 to
  k-1 of the listed stories (query-set-size control on the set and on its complement).

The rule on a table of counts is the engine's (`analysis.release.release_counts`);
`story_listing` and `listed` read the database, `selecting` turns a filter into a query.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from samskab.analysis.release import SMALL, CountRelease, release_counts
from samskab.instruments.models import Collection, Story

ATTRIBUTES = ("level", "source", "prompt")
SMALL_GROUP_LABEL = _("small group")  # a story's level, source or question in a small category
SMALL_GROUPS_LABEL = _("small groups together")  # the filter choosing them all at once
Cell = tuple[str, str, str]  # (level, source, prompt), the order of ATTRIBUTES


StoryListing = CountRelease


def selecting(listing: StoryListing, attribute: str, value: str) -> Q:
    """The stories a filter value selects; SMALL is the merged small categories."""
    if value == SMALL:
        return Q(**{f"{attribute}__in": sorted(listing.merged(attribute))})
    return Q(**{attribute: value})


def recode(cells: Mapping[Cell, int], k: int) -> StoryListing:
    """The listing for a table of story counts by (level, source, prompt)."""
    table: dict[tuple[str, ...], int] = dict(cells.items())
    return release_counts(table, ATTRIBUTES, k)


def story_listing(collection: Collection, k: int) -> StoryListing:
    """The listing of `collection`: one grouped count over all its stories."""
    rows = (
        Story.objects.for_org(collection.organisation)
        .filter(collection=collection)
        .order_by()  # the model's ordering would split the groups
        .values_list(*ATTRIBUTES)
        .annotate(n=Count("id"))
    )
    return recode({(level, source, prompt): n for level, source, prompt, n in rows}, k)


def listed(collection: Collection, listing: StoryListing) -> QuerySet[Story]:
    """The collection's stories the list may show: those of left-out categories never."""
    stories = Story.objects.for_org(collection.organisation).filter(collection=collection)
    for attribute, values in listing.left_out.items():
        if values:
            stories = stories.exclude(**{f"{attribute}__in": sorted(values)})
    return stories
