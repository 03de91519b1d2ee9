"""The demo's planted pattern: found on `drivers`, not claimed on `difference`, k respected."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.analysis.compare import CompareOptions
from samskab.analysis.filters import Filter, apply_filter
from samskab.analysis.report import compare_groups
from samskab.explorer import demo
from samskab.explorer.services.describe import is_clear
from samskab.explorer.services.store import store_for
from samskab.explorer.tests.helpers import add_stories
from samskab.instruments.services import latest_version
from samskab.testing import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def park(world):
    project = make_project(world.org_a)
    collection = demo.load(project)
    return collection


def _centre(report, sid):
    return next(c for c in report.comparisons if c.signifier_id == sid and c.aspect == "centre")


def test_demo_is_idempotent(world, park):
    assert demo.load(park.instrument.project) == park
    assert park.stories.count() == demo.STORIES


def test_the_planted_difference_is_found_and_the_absent_one_not_claimed(park):
    store = store_for(park, latest_version(park.instrument))
    employees = apply_filter(store, Filter(levels=frozenset({"employee"})))
    citizens = apply_filter(store, Filter(levels=frozenset({"volunteer_citizen"})))
    report = compare_groups(store, employees, citizens, CompareOptions())
    drivers, difference = _centre(report, "drivers"), _centre(report, "difference")
    assert drivers.test.q < 0.05 and drivers.effect.magnitude != "negligible"
    assert is_clear(drivers)
    assert not is_clear(difference)


def test_the_compare_page_says_it_in_danish(client, world, park):
    client.force_login(world.erik)
    url = reverse("explorer:compare", kwargs={"org": world.org_a.slug, "pk": park.pk})
    response = client.get(url, {"a-level": "employee", "b-level": "volunteer_citizen"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "ligger tydeligt nærmere “regler og procedurer”" in body
    assert "Intet belæg for en forskel mellem medarbejdere og frivillige og borgere" in body


def test_a_group_below_k_is_refused_with_the_reason(client, world, park):
    add_stories(park, 4, level="organisation", text="Lille gruppe.")
    client.force_login(world.erik)
    url = reverse("explorer:compare", kwargs={"org": world.org_a.slug, "pk": park.pk})
    response = client.get(url, {"a-level": "employee", "b-q": "Lille gruppe"})
    body = response.content.decode()
    assert "færre end 5 historier, så sammenligningen vises ikke" in body
    assert "tydeligt" not in body
