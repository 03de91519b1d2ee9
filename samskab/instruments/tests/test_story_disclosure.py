"""The collection's story list never lists, names, counts or filters a group below k.

k is 5 (no explorer settings). A planted level of 4 stories must stay invisible: its stories
are left out, its level is no filter, and no count on the page is 4; two small levels that
hold k or more together are listed as "small group".
"""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from samskab.analysis.disclosure import DIFFERENCE_BELOW_K, GROUP_BELOW_K
from samskab.analysis.release import SMALL
from samskab.instruments.disclosure import SMALL_GROUP_LABEL, recode
from samskab.instruments.models import Level, StorySource
from samskab.instruments.tests.test_views_support import (
    make_collection,
    make_instrument,
    make_story,
)

pytestmark = pytest.mark.django_db

K = 5
SMALL_TITLE = "Den lille gruppes historie"
LEVEL_NAMES = dict(Level.choices)


@pytest.fixture
def collection(world):
    return make_collection(make_instrument(world))


def _stories(collection, count, **fields):
    for _ in range(count):
        make_story(collection, **fields)


def _get(client, collection, query=""):
    url = reverse("instruments:stories", kwargs={"org": "aarby", "pk": collection.pk})
    return client.get(url + query)


def _listed(response):
    page = response.context["page"]
    return page.paginator.count if page is not None else None


@pytest.fixture
def planted(collection):
    """1,000 stories would be slow; 10 users and 8 employees show the same, plus 4 small."""
    _stories(collection, 6, level="user", source=StorySource.PUBLIC)
    _stories(collection, 4, level="user", source=StorySource.ASSISTED)
    _stories(collection, 5, level="employee", source=StorySource.PUBLIC)
    _stories(collection, 3, level="employee", source=StorySource.ASSISTED)
    _stories(collection, 4, level="organisation", source=StorySource.PUBLIC, title=SMALL_TITLE)
    return collection


def test_a_small_level_is_left_out_and_never_named(client, world, planted):
    client.force_login(world.erik)
    response = _get(client, planted)
    content = response.content.decode()
    assert _listed(response) == 18  # the 4 are not listed: 10 users + 8 employees
    assert SMALL_TITLE not in content
    assert {row["level"] for row in response.context["rows"]} == {
        LEVEL_NAMES["user"],
        LEVEL_NAMES["employee"],
    }
    assert response.context["listing"].leaves_out
    assert content.count('class="withheld" role="note"') == 1  # says stories are left out


def test_the_small_level_is_not_a_filter_choice(client, world, planted):
    client.force_login(world.erik)
    form = _get(client, planted).context["filter_form"]
    offered = [value for value, _label in form.fields["level"].widget.choices]
    assert offered == ["", "user", "employee"]
    assert 'value="organisation"' not in str(form["level"])


@pytest.mark.parametrize("level", ["organisation", "volunteer_citizen"])
def test_naming_a_small_or_empty_level_is_a_form_error_and_lists_nothing(
    client, world, planted, level
):
    """Small (4) and empty (0) get the same answer, so they cannot be told apart."""
    client.force_login(world.erik)
    response = _get(client, planted, f"?level={level}")
    assert response.status_code == 200
    errors = response.context["filter_form"].errors.as_data()
    assert [error.code for error in errors["level"]] == ["small_group"]
    assert str(K) in errors["level"][0].message % errors["level"][0].params
    assert response.context["page"] is None and response.context["rows"] == []
    content = response.content.decode()
    assert SMALL_TITLE not in content and 'class="story card"' not in content
    assert "4 historier" not in content and "4 stories" not in content


def test_no_count_on_the_page_is_the_small_groups_size(client, world, planted):
    """Every filter the form offers, alone and combined: a count is k or more, or no count."""
    client.force_login(world.erik)
    levels = ["", "user", "employee"]
    sources = ["", *StorySource.values]
    for level, source in itertools.product(levels, sources):
        response = _get(client, planted, f"?level={level}&source={source}")
        content = response.content.decode()
        count = _listed(response)
        assert count is None or (count >= K and count != 4), (level, source, count)
        if count is not None:
            assert 18 - count == 0 or 18 - count >= K
        assert "4 historier" not in content and SMALL_TITLE not in content


def test_a_filtered_list_below_k_is_refused(client, world, planted):
    client.force_login(world.erik)
    response = _get(client, planted, "?level=employee&source=assisted")  # 3 stories
    assert response.context["page"] is None and response.context["rows"] == []
    assert response.context["refusal"]
    assert str(K) in response.context["refusal"]
    content = response.content.decode()
    assert 'class="story card"' not in content and "3 historier" not in content
    allowed = _get(client, planted, "?level=employee&source=public")  # 5 stories
    assert _listed(allowed) == 5 and not allowed.context["refusal"]


def test_small_levels_holding_k_together_are_listed_as_small_group(client, world, collection):
    _stories(collection, 10, level="user")
    _stories(collection, 3, level="employee", title="Medarbejder")
    _stories(collection, 3, level="organisation", title="Organisation")
    client.force_login(world.erik)
    response = _get(client, collection)
    assert _listed(response) == 16
    levels = [row["level"] for row in response.context["rows"]]
    assert levels.count(str(SMALL_GROUP_LABEL)) == 6
    assert LEVEL_NAMES["employee"] not in levels and LEVEL_NAMES["organisation"] not in levels
    assert response.context["listing"].merges and not response.context["listing"].leaves_out
    offered = [v for v, _label in response.context["filter_form"].fields["level"].widget.choices]
    assert offered == ["", "user", SMALL]
    together = _get(client, collection, f"?level={SMALL}")
    assert _listed(together) == 6
    assert {row["level"] for row in together.context["rows"]} == {str(SMALL_GROUP_LABEL)}
    alone = _get(client, collection, "?level=employee")
    assert alone.context["filter_form"].errors.as_data()["level"][0].code == "small_group"
    assert alone.context["rows"] == []


def test_a_small_source_reads_small_group(client, world, collection):
    _stories(collection, 10, source=StorySource.PUBLIC)
    _stories(collection, 3, source=StorySource.ASSISTED)
    _stories(collection, 2, source=StorySource.IMPORT)
    client.force_login(world.erik)
    response = _get(client, collection)
    sources = [row["source"] for row in response.context["rows"]]
    assert sources.count(str(SMALL_GROUP_LABEL)) == 5
    assert sources.count(str(StorySource.PUBLIC.label)) == 10


def test_a_higher_k_of_the_organisation_is_used(client, world, collection):
    from samskab.explorer.models import ExplorerSettings

    ExplorerSettings.objects.create(organisation=world.org_a, min_group=8)
    _stories(collection, 10, level="user")
    _stories(collection, 7, level="employee", title="Syv")
    client.force_login(world.erik)
    response = _get(client, collection)
    assert _listed(response) == 10 and "Syv" not in response.content.decode()


def test_the_listing_costs_the_same_queries_at_any_size(client, world, collection):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.erik)
    _stories(collection, 6, level="user")
    _stories(collection, 4, level="organisation")
    with CaptureQueriesContext(connection) as few:
        _get(client, collection, "?level=user")
    _stories(collection, 60, level="user")
    _stories(collection, 30, level="employee", source=StorySource.ASSISTED, prompt="friend")
    with CaptureQueriesContext(connection) as many:
        response = _get(client, collection, "?level=user")
    assert len(response.context["rows"]) == 50
    assert len(many) == len(few)


# --- The rule on a table of counts ----------------------------------------------------------


def test_recode_leaves_out_what_is_small_alone_and_merges_what_is_small_together():
    cells = {
        ("user", "public", "moment"): 20,
        ("employee", "public", "moment"): 3,
        ("organisation", "public", "moment"): 2,
        ("", "public", "moment"): 1,
    }
    listing = recode(cells, K)
    assert listing.small["level"] == {"employee", "organisation", ""}
    assert listing.merged("level") == {"employee", "organisation", ""}
    assert listing.total == 26 and not listing.leaves_out
    alone = recode({("user", "public", "moment"): 20, ("employee", "public", "moment"): 4}, K)
    assert alone.left_out["level"] == {"employee"} and alone.total == 20
    assert alone.offered["level"] == {"user"}


def test_recode_repeats_until_nothing_changes():
    """Leaving out 3 employees makes the API source small (2 left): it goes too."""
    cells = {
        ("user", "public", "moment"): 20,
        ("user", "api", "moment"): 2,
        ("employee", "api", "moment"): 3,
    }
    listing = recode(cells, K)
    assert listing.left_out["level"] == {"employee"}
    assert listing.left_out["source"] == {"api"}
    assert listing.total == 20
    assert listing.is_small("source", "api") and listing.offered["source"] == {"public"}


def test_a_category_emptied_by_another_attribute_is_small_too():
    cells = {("user", "public", "moment"): 20, ("employee", "public", "friend"): 3}
    listing = recode(cells, K)
    assert listing.left_out["prompt"] == {"friend"}
    assert listing.is_small("level", "employee")  # its 3 stories went with the prompt
    assert "employee" not in listing.offered["level"]


def test_refusal_checks_the_set_and_its_complement():
    listing = recode({("user", "public", "moment"): 20}, K)
    assert listing.refusal(4) == GROUP_BELOW_K
    assert listing.refusal(0) == GROUP_BELOW_K
    assert listing.refusal(17) == DIFFERENCE_BELOW_K
    assert listing.refusal(15) is None and listing.refusal(20) is None
