"""Permission matrix of the instrument and collection pages.

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia (participant A),
carl (admin of B, a stranger to A: always 404). Viewers read instruments and collections but not
stories; analysts read stories but change nothing.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.instruments.tests.test_views_support import make_collection, make_instrument
from samskab.testing import assert_matrix_row

INSTRUMENT, COLLECTION, VERSION = "instrument", "collection", "version"

MATRIX = [
    # url name, method, object, anna, dina, erik, bo, pia, carl
    ("instruments:list", "get", None, 200, 200, 200, 200, 403, 404),
    ("instruments:create", "get", None, 200, 200, 403, 403, 403, 404),
    ("instruments:create", "post", None, 422, 422, 403, 403, 403, 404),
    ("instruments:detail", "get", INSTRUMENT, 200, 200, 200, 200, 403, 404),
    ("instruments:edit", "get", INSTRUMENT, 200, 200, 403, 403, 403, 404),
    ("instruments:edit", "post", INSTRUMENT, 422, 422, 403, 403, 403, 404),
    ("instruments:preview", "post", INSTRUMENT, 200, 200, 403, 403, 403, 404),
    ("instruments:version", "get", VERSION, 200, 200, 200, 200, 403, 404),
    ("instruments:export", "get", VERSION, 200, 200, 403, 403, 403, 404),
    ("instruments:collections", "get", None, 200, 200, 200, 200, 403, 404),
    ("instruments:collection_create", "get", None, 200, 200, 403, 403, 403, 404),
    ("instruments:collection_create", "post", None, 422, 422, 403, 403, 403, 404),
    ("instruments:collection_detail", "get", COLLECTION, 200, 200, 200, 200, 403, 404),
    ("instruments:collection_edit", "get", COLLECTION, 200, 200, 403, 403, 403, 404),
    ("instruments:collection_edit", "post", COLLECTION, 422, 422, 403, 403, 403, 404),
    ("instruments:collection_print", "get", COLLECTION, 200, 200, 200, 200, 403, 404),
    ("instruments:collection_close", "post", COLLECTION, 302, 302, 403, 403, 403, 404),
    ("instruments:collection_reopen", "post", COLLECTION, 302, 302, 403, 403, 403, 404),
    ("instruments:stories", "get", COLLECTION, 200, 200, 200, 403, 403, 404),
]


@pytest.fixture
def objects(world):
    instrument = make_instrument(world)
    return {INSTRUMENT: instrument, COLLECTION: make_collection(instrument)}


def _url(url_name, target, objects, org="aarby"):
    kwargs = {"org": org}
    if target == VERSION:
        kwargs.update(pk=objects[INSTRUMENT].pk, number=1)
    elif target is not None:
        kwargs["pk"] = objects[target].pk
    if url_name == "instruments:export":
        kwargs["kind"] = "yaml"
    return reverse(url_name, kwargs=kwargs)


@pytest.mark.parametrize("row", MATRIX, ids=[f"{row[0]}-{row[1]}" for row in MATRIX])
def test_matrix(client, world, objects, row):
    url_name, method, target, *expected = row
    assert_matrix_row(client, world, _url(url_name, target, objects), method, expected)


def test_anonymous_is_sent_to_login(client, world, objects):
    for url_name, method, target, *_ in MATRIX:
        response = getattr(client, method)(_url(url_name, target, objects))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("row", MATRIX, ids=[f"{row[0]}-{row[1]}" for row in MATRIX])
def test_another_organisations_rows_look_absent(client, world, row):
    """Carl administers B; A's instrument and collection addressed under B's slug are 404."""
    url_name, method, target, *_ = row
    if target is None:
        return
    instrument = make_instrument(world)
    objects = {INSTRUMENT: instrument, COLLECTION: make_collection(instrument)}
    client.force_login(world.carl)
    response = getattr(client, method)(_url(url_name, target, objects, org="boegelund"))
    assert response.status_code == 404
