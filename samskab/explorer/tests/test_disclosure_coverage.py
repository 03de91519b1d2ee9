"""Every explorer output reads the release (`analysis.release`), never the raw store.

The test walks every route of the explorer and every API operation that returns figures
computed from stories; a new route that serves figures without passing the disclosure module
fails here until it does (or is added to `NO_FIGURES` with the reason).
"""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.urls import reverse

from samskab.explorer import urls as explorer_urls
from samskab.explorer.services import query
from samskab.explorer.services import release as release_service
from samskab.explorer.tests.helpers import add_stories, make_collection

pytestmark = pytest.mark.django_db

# Routes that show no figure about stories, and why.
NO_FIGURES = {
    "threshold": "the organisation's k setting",
    "build_status": "progress of a store build (rows read), no story content",
    "theme_run": "POST only: starts a theme run",
}
EXTRA = {"chart_svg": {"sig": "drivers"}, "compare": {"a-level": "employee", "b-level": "user"}}


@pytest.fixture
def collection(world):
    collection = make_collection(world.org_a)
    add_stories(collection, 20, level="employee")
    add_stories(collection, 20, level="user")
    add_stories(collection, 3, level="organisation")
    return collection


@pytest.fixture
def calls(monkeypatch):
    seen: list[int] = []
    original = release_service.released

    def counting(collection, store, k):
        seen.append(collection.pk)
        return original(collection, store, k)

    monkeypatch.setattr(query, "released", counting)
    return seen


@pytest.mark.parametrize("persona", ["erik", "bo"])
def test_every_explorer_route_reads_the_release(client, world, collection, calls, persona):
    client.force_login(getattr(world, persona))
    walked = []
    for pattern in explorer_urls.urlpatterns:
        name = str(pattern.name)
        if name in NO_FIGURES:
            continue
        kwargs = {"org": world.org_a.slug, "pk": collection.pk}
        calls.clear()
        response = client.get(reverse(f"explorer:{name}", kwargs=kwargs), EXTRA.get(name, {}))
        if response.status_code == 403:
            assert persona == "bo"  # the viewer may not read stories; nothing was shown
            continue
        assert response.status_code == 200, name
        assert calls == [collection.pk], f"{name} did not read the release"
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"rganisation," not in body  # no CSV row of the small group
        walked.append(name)
    assert {"dashboard", "chart_svg", "compare", "patterns", "themes"} <= set(walked)


def test_computed_indicators_read_the_release(world, collection, calls):
    from samskab.measurement.services import computed

    # Computed indicators (value-creation page, API, exports) read stories through the
    # explorer's scope only, which is the release.
    assert computed.scope_for is query.scope_for  # type: ignore[attr-defined]
    params = QueryDict("", mutable=True)
    scope = query.scope_for(collection, params, "da", exact=True)
    assert calls == [collection.pk]
    assert scope.release is not None and scope.release.left_out == 3


@pytest.mark.parametrize("persona", ["erik", "bo"])
def test_a_version_whose_stories_are_all_left_out_shows_nothing_and_errs_nowhere(
    client, world, persona
):
    """Three stories, each level below k and below k together: the release is empty."""
    collection = make_collection(world.org_a)
    add_stories(collection, 1, level="employee")
    add_stories(collection, 1, level="user")
    add_stories(collection, 1, level="organisation")
    client.force_login(getattr(world, persona))
    kwargs = {"org": world.org_a.slug, "pk": collection.pk}
    for pattern in explorer_urls.urlpatterns:
        name = str(pattern.name)
        if name in NO_FIGURES:
            continue
        response = client.get(reverse(f"explorer:{name}", kwargs=kwargs), EXTRA.get(name, {}))
        assert response.status_code in (200, 403, 404, 422), name  # 422: a small group named
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"En historie om parken" not in body, name
