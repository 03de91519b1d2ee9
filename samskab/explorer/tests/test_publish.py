"""The gate for published outputs: perturbed figures, coarse filters, safe quotes only."""

from __future__ import annotations

import pytest

from samskab.analysis.disclosure import (
    COARSE_ONLY,
    GROUP_BELOW_K,
    PERSONAL_DATA,
    QUOTE_NOT_IN_STORY,
    SMALL_CATEGORY,
    STORY_LEFT_OUT,
)
from samskab.explorer.models import SavedView
from samskab.explorer.services.publish import published_view, quote_refusals
from samskab.explorer.tests.helpers import add_stories, answers, make_collection
from samskab.instruments.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(world):
    collection = make_collection(world.org_a)
    add_stories(collection, 40, level="employee", text="Vi plantede bede ved skolen.")
    add_stories(collection, 30, level="volunteer_citizen", text="Vi plantede bede ved skolen.")
    add_stories(collection, 4, level="organisation", text="Foreningen gav os frø.")
    return collection


def _view(world, collection, query):
    return SavedView.objects.create(
        organisation=world.org_a, collection=collection, title="Udsnit", query=query
    )


def test_a_published_view_is_perturbed_and_never_exact(world, collection):
    published = published_view(_view(world, collection, "level=employee"))
    assert published.ok and published.board is not None
    shown = published.board.n
    assert shown is not None and abs(shown - 40) <= 2
    again = published_view(_view(world, collection, "level=employee"))
    assert again.board is not None and again.board.n == shown  # the same figure every time
    assert published.scope is not None and not published.scope.exact


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("min_decided=33", COARSE_ONLY),  # an exact range: analysts only, never published
        ("date_from=2025-03-02", COARSE_ONLY),
        ("q=skolen", COARSE_ONLY),
        ("level=organisation", SMALL_CATEGORY),  # a small group (left out of the release)
    ],
)
def test_a_view_that_is_not_publishable_is_refused_with_the_reason(
    world, collection, query, reason
):
    published = published_view(_view(world, collection, query))
    assert not published.ok
    assert [w.reason for w in published.refused] == [reason]


def test_a_view_below_k_is_refused(world, collection):
    # Every test story answers "sometimes": nobody answered "rarely".
    published = published_view(_view(world, collection, "level=employee&choice_frequency=rarely"))
    assert [w.reason for w in published.refused] == [GROUP_BELOW_K]


def test_quotes_from_a_small_group_or_with_personal_data_are_refused(collection):
    employee = Story.objects.filter(collection=collection, level="employee").earliest("id")
    organisation = Story.objects.filter(collection=collection, level="organisation").earliest("id")
    assert quote_refusals(employee, "plantede bede ved skolen") == []
    assert quote_refusals(organisation, "Foreningen gav os frø.") == [STORY_LEFT_OUT]
    # A detail the masked text does not hold (an unmasked name and phone number) is refused
    # twice over: it is not the story's masked text, and it holds personal data.
    reasons = quote_refusals(employee, "Ring til Jens Hansen på 20 30 40 50")
    assert reasons == [QUOTE_NOT_IN_STORY, PERSONAL_DATA]
    assert quote_refusals(employee, "") == [QUOTE_NOT_IN_STORY]


def test_a_story_in_the_merged_small_groups_cannot_be_quoted(collection):
    # "hopeful" (3) and "surprised" (3) are each below k, together 6: merged, not left out.
    stories = list(Story.objects.filter(collection=collection, level="employee")[:6])
    for i, story in enumerate(stories):
        rare = "hopeful" if i < 3 else "surprised"
        story.answers = answers(feelings={"state": "answered", "value": ["glad", rare]})
        story.save(update_fields=["answers"])
    collection.change_counter += 1
    collection.save(update_fields=["change_counter"])
    assert quote_refusals(stories[0], "plantede bede") == [SMALL_CATEGORY]
    other = Story.objects.filter(collection=collection, level="employee").latest("id")
    assert quote_refusals(other, "plantede bede") == []
