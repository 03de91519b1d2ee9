"""The explorer's pages in headless Chromium: axe-core at desktop and phone sizes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.explorer.tests.helpers import add_stories, make_collection
from samskab.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]


def test_axe_on_the_explorer(live_server, page, world, settings, tmp_path):
    settings.EXPLORER_CACHE_DIR = tmp_path
    collection = make_collection(world.org_a)
    add_stories(collection, 20, level="employee")
    add_stories(collection, 20, level="volunteer_citizen", top=0.5, left=0.2, right=0.3)
    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", "erik@example.dk")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("home"))
    kwargs = {"org": world.org_a.slug, "pk": collection.pk}
    pages = [
        reverse("explorer:dashboard", kwargs=kwargs),
        reverse("explorer:compare", kwargs=kwargs) + "?a-level=employee&b-level=volunteer_citizen",
        reverse("explorer:patterns", kwargs=kwargs),
        reverse("explorer:stories", kwargs=kwargs) + "?level=employee",
    ]
    for size in SIZES:
        page.set_viewport_size(size)
        for path in pages:
            page.goto(live_server.url + path)
            violations = run_axe(page)
            assert not violations, (path, size, describe_violations(violations))
