"""Density cells as links to their stories: who gets them, which cells, where they lead."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from django.urls import reverse

from samskab.analysis.density import cell_index
from samskab.explorer.tests.helpers import add_stories, make_collection

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a href="([^"]+)" class="cell-link" aria-label="([^"]+)">')
# Away from the cell edges (shares are stored as float32).
CLUSTER = {"top": 0.72, "left": 0.12, "right": 0.16}  # 12 stories in one cell
LONE = {"top": 0.12, "left": 0.12, "right": 0.76}  # 2 stories: a cell below k


@pytest.fixture
def collection(world):
    collection = make_collection(world.org_a)
    add_stories(collection, 30, level="employee")
    add_stories(collection, 12, level="user", jitter=False, **CLUSTER)
    add_stories(collection, 2, level="user", jitter=False, **LONE)
    return collection


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def _slot(shares):
    return int(cell_index(np.array([[shares["top"], shares["left"], shares["right"]]]))[0])


def _url(world, collection, name):
    return reverse(f"explorer:{name}", kwargs={"org": world.org_a.slug, "pk": collection.pk})


def _triad(response):
    return next(c for c in response.context["board"].charts if c.sid == "drivers")


def _links(svg):
    return [(href.replace("&amp;", "&"), name) for href, name in LINK.findall(str(svg))]


def test_shown_cells_link_to_their_stories_keeping_the_filters(english, world, collection):
    english.force_login(world.erik)
    response = english.get(_url(world, collection, "dashboard"), {"prompt": "moment"})
    chart = _triad(response)
    links = _links(chart.svg)
    assert chart.cell_links == len(links) > 0
    assert 'role="group"' in str(chart.svg)
    by_slot = {
        int(parse_qs(urlsplit(href).query)["cell_drivers"][0]): (href, name) for href, name in links
    }
    href, name = by_slot[_slot(CLUSTER)]
    assert urlsplit(href).path == _url(world, collection, "stories")
    assert parse_qs(urlsplit(href).query)["prompt"] == ["moment"]
    assert name.startswith("12 stories in this cell (")
    assert "citizens&#x27; own ideas and energy 70–75 %" in name
    assert "Skip the" in response.content.decode()


def test_hidden_cells_are_not_links(english, world, collection):
    english.force_login(world.erik)
    chart = _triad(english.get(_url(world, collection, "dashboard")))
    slots = {int(parse_qs(urlsplit(h).query)["cell_drivers"][0]) for h, _n in _links(chart.svg)}
    assert _slot(LONE) not in slots
    assert any(w.reason == "cell_below_k" for w in chart.withheld)


def test_no_links_for_those_who_may_not_read_stories(client, world, collection):
    client.force_login(world.bo)
    chart = _triad(client.get(_url(world, collection, "dashboard")))
    assert chart.cell_links == 0
    assert "<a " not in str(chart.svg)
    assert 'role="img"' in str(chart.svg)


def test_the_downloaded_svg_has_no_links(client, world, collection):
    client.force_login(world.erik)
    response = client.get(_url(world, collection, "chart_svg"), {"sig": "drivers"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<polygon" in body and "<a " not in body and "cell-link" not in body
    assert 'role="img"' in body


def test_a_cell_link_lists_the_cells_stories(english, world, collection):
    english.force_login(world.erik)
    chart = _triad(english.get(_url(world, collection, "dashboard")))
    href = next(h for h, _n in _links(chart.svg) if f"cell_drivers={_slot(CLUSTER)}" in h)
    response = english.get(href)
    body = response.content.decode()
    assert response.context["count"] == 12
    assert "Only the stories in one cell of “What happened in the story came mostly from …”" in body
    assert "Remove this cell from the selection" in body
    without = response.context["cell_filters"][0][1]
    assert "cell_drivers" not in without
    assert english.get(without).context["count"] == 44


def test_the_chosen_cell_shows_in_the_filter_panel_and_can_be_unticked(english, world, collection):
    english.force_login(world.erik)
    slot = _slot(CLUSTER)
    response = english.get(_url(world, collection, "dashboard"), {"cell_drivers": slot})
    body = response.content.decode()
    assert response.context["board"].n == 12
    box = re.search(r'<input type="checkbox" name="cell_drivers" id="id_cell_drivers"[^>]*>', body)
    assert box is not None and f'value="{slot}"' in box.group(0) and "checked" in box.group(0)
    assert 'type="hidden" name="cell_drivers"' not in body
    assert "Untick the box and show again to remove it." in body
    # Unticked, the box is not sent: the filter is gone.
    assert english.get(_url(world, collection, "dashboard")).context["board"].n == 44
