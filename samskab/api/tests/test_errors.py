"""Every refusal of the API has one JSON shape with a code, rate limits included, and nothing the
client sends makes a server error (a single choice sent as a list did: TypeError, HTML 500)."""

from __future__ import annotations

import json

import pytest

from samskab.api.tests.test_stories_api import URL, _post
from samskab.api.tests.test_stories_api import collection as collection  # noqa: F401 (fixture)
from samskab.instruments.models import Story

pytestmark = pytest.mark.django_db


def _assert_error_shape(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    detail = response.json()["detail"]
    assert detail and all(set(item) == {"loc", "code", "msg"} for item in detail)
    assert code in [item["code"] for item in detail]
    return detail


def test_forty_quick_stories_are_rate_limited_with_retry_after(client, collection, settings):  # noqa: F811
    settings.CAPTURE_RATE_LIMITS = {}  # the defaults: 30 a minute
    statuses = [_post(client, collection).status_code for _ in range(40)]
    assert statuses.count(201) == 30 and statuses.count(429) == 10
    response = _post(client, collection)
    _assert_error_shape(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert Story.objects.count() == 30


@pytest.mark.parametrize(
    ("signifier", "value"),
    [
        ("frequency", ["rarely"]),
        ("frequency", {"rarely": True}),
        ("feelings", [["glad"]]),
        ("feelings", [{"glad": 1}]),
        ("lesson", ["text"]),
        ("decided", [0.5]),
        ("actors", [["citizens"]]),
        ("drivers", "1/3"),
    ],
)
def test_an_answer_of_the_wrong_json_type_is_a_422_with_a_code(
    client, collection, signifier, value
):  # noqa: F811
    response = _post(client, collection, answers={signifier: {"value": value}})
    detail = _assert_error_shape(response, 422, response.json()["detail"][0]["code"])
    assert detail[0]["loc"] == ["body", "answers", signifier]
    assert not Story.objects.exists()


def test_framework_validation_errors_carry_a_code(client, collection):  # noqa: F811
    response = _post(client, collection, consent="perhaps", text=None)
    detail = _assert_error_shape(response, 422, "bool_type")
    assert {"loc": ["body", "text"], "code": "string_type"} in [
        {"loc": item["loc"], "code": item["code"]} for item in detail
    ]


def test_unreadable_json_is_a_400_with_a_code(client, collection):  # noqa: F811
    response = client.post(
        URL.format(slug=collection.slug), "{not json", content_type="application/json"
    )
    _assert_error_shape(response, 400, "malformed")


def test_texts_the_database_cannot_hold_are_refused(client, collection):  # noqa: F811
    response = _post(client, collection, text="Et nul\x00tegn i historien.")
    _assert_error_shape(response, 422, "invalid_characters")
    assert not Story.objects.exists()


def test_closed_unknown_and_repeated_use_the_same_shape(client, collection):  # noqa: F811
    assert _post(client, collection, client_id="t:1").status_code == 201
    _assert_error_shape(_post(client, collection, client_id="t:1"), 409, "duplicate")
    _assert_error_shape(client.get("/api/v1/collections/unknown-slug"), 404, "not_found")
    _assert_error_shape(
        client.get("/api/v1/collections/not%20a%20slug"), 422, "string_pattern_mismatch"
    )


def test_staff_refusals_are_json(client, world):
    org = world.org_a.slug
    _assert_error_shape(client.get(f"/api/v1/orgs/{org}/instruments"), 401, "not_authenticated")
    client.force_login(world.pia)
    _assert_error_shape(client.get(f"/api/v1/orgs/{org}/instruments"), 403, "forbidden")
    client.force_login(world.anna)
    huge = 2**63
    _assert_error_shape(
        client.get(f"/api/v1/orgs/{org}/instruments/{huge}"), 422, "less_than_equal"
    )
    _assert_error_shape(client.get(f"/api/v1/orgs/{org}/instruments/9"), 404, "not_found")


def test_a_missing_csrf_token_is_a_json_403(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.anna)
    url = f"/api/v1/orgs/{world.org_a.slug}/indicators/1/measurements"
    body = json.dumps({"period_start": "2025-01-01", "period_end": "2025-01-31", "value": 1})
    response = client.post(url, body, content_type="application/json")
    _assert_error_shape(response, 403, "csrf")


def test_an_unexpected_error_is_a_logged_json_500(client, collection, monkeypatch, caplog):  # noqa: F811
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("samskab.api.api.services.latest_version", broken)
    response = client.get(f"/api/v1/collections/{collection.slug}")
    _assert_error_shape(response, 500, "server_error")
    assert "a bug" not in response.content.decode()
    assert any(record.exc_info and "a bug" in str(record.exc_info[1]) for record in caplog.records)


def test_an_unknown_address_under_the_api_is_a_json_404(client):
    _assert_error_shape(client.get("/api/v1/no/such/thing"), 404, "not_found")
    _assert_error_shape(client.post("/api/v1/collections/a/b/stories"), 404, "not_found")
