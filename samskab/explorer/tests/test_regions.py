"""A triad region by bounds on each corner's share: the form's checks and the counts it gives."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from samskab.analysis.filters import TriadRegion
from samskab.explorer.forms import FilterForm
from samskab.explorer.services.query import scope_for, to_filter
from samskab.explorer.tests.helpers import add_stories, make_collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(world):
    collection = make_collection(world.org_a)
    add_stories(collection, 10, jitter=False, top=0.7, left=0.1, right=0.2)
    add_stories(collection, 12, jitter=False, top=0.2, left=0.5, right=0.3)
    add_stories(collection, 14, jitter=False, top=0.1, left=0.3, right=0.6)
    return collection


@pytest.fixture
def scope(collection):
    return scope_for(collection, QueryDict(), "en")


def _form(scope, **data):
    with translation.override("en"):  # the scope's labels are English
        return FilterForm(data, scope.schema, scope.labels)


def _dashboard_n(client, world, collection, **data):
    url = reverse("explorer:dashboard", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    return client.get(url, data).context["board"].n


def test_labels_name_the_corners(scope):
    form = _form(scope)
    assert form["rmin_top_drivers"].label == "“citizens' own ideas and energy” at least (%)"
    assert form["rmax_right_drivers"].label == "“rules and procedures” at most (%)"
    group = next(g for g in form.signifier_fields() if g.region)
    assert len(group.region) == 6 and not group.region_open
    assert not any(f.name.startswith("rm") for f in group.fields)


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"rmin_top_drivers": "60", "rmax_top_drivers": "40"}, "rmax_top_drivers", "region_order"),
        ({"rmin_top_drivers": "60", "rmin_left_drivers": "50"}, "rmin_left_drivers", "region_lows"),
        (
            {"rmax_top_drivers": "20", "rmax_left_drivers": "30", "rmax_right_drivers": "40"},
            "rmax_right_drivers",
            "region_highs",
        ),
        ({"rmin_top_drivers": "101"}, "rmin_top_drivers", "max_value"),
        ({"rmax_left_drivers": "-1"}, "rmax_left_drivers", "min_value"),
    ],
)
def test_impossible_regions_are_refused(scope, data, field, code):
    form = _form(scope, **data)
    assert not form.is_valid()
    assert code in [e.code for e in form.errors.as_data()[field]]
    group = next(g for g in form.signifier_fields() if g.region)
    assert group.region_open and form.answers_open()


def test_error_messages_name_the_triad(scope):
    form = _form(scope, rmin_top_drivers="60", rmin_right_drivers="50")
    with translation.override("en"):
        errors = list(form.errors["rmin_right_drivers"])
    assert errors == [
        "The “at least” shares of “What happened in the story came mostly from …” add up to more "
        "than 100 %, so no story can lie there. Lower one of them."
    ]


def test_bounds_become_an_inclusive_region(scope):
    form = _form(scope, rmin_top_drivers="70", rmax_left_drivers="10")
    assert form.is_valid()
    region = to_filter(scope, form).regions["drivers"]
    assert isinstance(region, TriadRegion)
    assert region.lower[0] == pytest.approx(0.7, abs=1e-5) and region.lower[1:] == (0.0, 0.0)
    assert region.upper[1] == pytest.approx(0.1, abs=1e-5) and region.upper[::2] == (1.0, 1.0)
    empty = _form(scope)
    assert empty.is_valid() and to_filter(scope, empty).regions == {}


@pytest.mark.parametrize(
    ("data", "n"),
    [
        ({"rmin_top_drivers": "70"}, 10),  # exactly on the bound, stored as float32
        ({"rmin_top_drivers": "15"}, 22),
        ({"rmax_top_drivers": "20", "rmin_left_drivers": "40"}, 12),
        ({"rmin_right_drivers": "25", "rmax_right_drivers": "60"}, 26),
    ],
)
def test_a_region_narrows_the_counts(client, world, collection, data, n):
    client.force_login(world.erik)  # exact regions are for readers of stories
    assert _dashboard_n(client, world, collection) == 36
    assert _dashboard_n(client, world, collection, **data) == n


def test_an_invalid_region_is_shown_with_its_error(client, world, collection):
    client.cookies["django_language"] = "en"
    client.force_login(world.erik)
    url = reverse("explorer:dashboard", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    response = client.get(url, {"rmin_top_drivers": "60", "rmax_top_drivers": "40"})
    body = response.content.decode()
    assert response.status_code == 422
    assert "“At most” must not be below “at least”." in body
    assert '<details class="filter-region" open>' in body


def test_a_viewer_gets_no_exact_region_and_is_told_why(client, world, collection):
    client.cookies["django_language"] = "en"
    client.force_login(world.bo)
    url = reverse("explorer:dashboard", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    response = client.get(url, {"rmin_top_drivers": "70"})
    body = response.content.decode()
    assert response.status_code == 422
    assert "Exact ranges, regions, cells, dates and text search are only for those" in body
    assert response.context["board"].n != 10  # the region was not applied
