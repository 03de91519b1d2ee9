from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.instruments import services
from samskab.instruments.models import Collection, Story
from samskab.instruments.samples import sample_definition

URL = "/api/v1/collections/{slug}/stories"


@pytest.fixture
def collection(world):
    instrument = services.create_instrument(
        world.org_a, "Parkfortællinger", sample_definition(), None
    )
    return Collection.objects.create(
        organisation=world.org_a,
        instrument=instrument,
        name="Forår 2026",
        consent_text={"da": "Jeg giver lov.", "en": "I agree."},
    )


def _post(client, collection, **body):
    payload = {
        "prompt": "moment",
        "title": "Plantedag",
        "text": "Vi plantede løg sammen med gartnerne, og det var sjovt.",
        "level": "volunteer_citizen",
        "consent": True,
        "answers": {
            "drivers": {"value": [20, 50, 30]},
            "decided": {"na": True},
            "feelings": {"value": ["glad"]},
        },
    }
    payload.update(body)
    return client.post(
        URL.format(slug=collection.slug), json.dumps(payload), content_type="application/json"
    )


def test_submit_stores_the_story_and_returns_a_receipt(client, collection):
    response = _post(client, collection)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1
    story = Story.objects.get()
    assert story.source == "api"
    assert story.answers["drivers"] == {"state": "answered", "value": [0.2, 0.5, 0.3]}
    assert story.answers["decided"] == {"state": "na"}
    assert story.answers["felt"] == {"state": "skipped"}
    assert story.version.is_frozen
    collection.refresh_from_db()
    assert collection.change_counter == 1
    assert services.withdraw(body["receipt_code"].lower()) is True
    assert not Story.objects.exists()


def test_validation_errors_use_the_forms_messages(client, collection):
    response = _post(client, collection, text="", answers={"drivers": {"value": [50, 60, 30]}})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {"loc": ["body", "text"], "code": "required"} == {
        k: detail[0][k] for k in ("loc", "code")
    }
    triad = next(item for item in detail if item["loc"] == ["body", "answers", "drivers"])
    assert triad["code"] == "triad_sum"
    assert "100" in triad["msg"]
    assert not Story.objects.exists()


def test_unknown_keys_are_rejected(client, collection):
    assert _post(client, collection, email="a@b.dk").status_code == 422
    response = _post(client, collection, answers={"nope": {"value": 1}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["code"] == "unknown"


def test_consent_is_required(client, collection):
    response = _post(client, collection, consent=False)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "consent"]


def test_closed_and_unknown_collections(client, collection):
    collection.closes_at = timezone.now()
    collection.opens_at = timezone.now() - datetime.timedelta(days=1)
    collection.save()
    assert _post(client, collection).status_code == 403
    collection.slug = "does-not-exist"
    assert _post(client, collection).status_code == 404


def test_a_repeated_client_id_is_stored_once(client, collection):
    assert _post(client, collection, client_id="tablet-7:0001").status_code == 201
    assert _post(client, collection, client_id="tablet-7:0001").status_code == 409
    assert Story.objects.count() == 1


def test_read_the_collection_for_a_client(client, collection):
    response = client.get(f"/api/v1/collections/{collection.slug}")
    assert response.status_code == 200
    body = response.json()
    assert body["is_open"] is True
    assert body["definition"]["signifiers"][0]["id"] == "drivers"


JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=True) | st.text(max_size=20) | st.integers(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    answers=st.dictionaries(
        st.sampled_from(["drivers", "decided", "actors", "frequency", "feelings", "lesson", "x"]),
        JSON,
        max_size=4,
    ),
    level=JSON,
)
def test_fuzzed_answers_never_cause_a_server_error(client, collection, answers, level):
    response = _post(client, collection, answers=answers, level=level)
    assert response.status_code in (201, 422), response.content


@pytest.mark.parametrize("said", ["0", "nej", "yes", "true", 1, 0, None, [], {}])
def test_only_the_json_value_true_is_consent(client, collection, said):
    response = _post(client, collection, consent=said)
    assert response.status_code == 422, (said, response.content)
    assert response.json()["detail"][0]["loc"][-1] == "consent"
    assert not Story.objects.exists()


def test_the_story_records_the_consent_wording_the_client_showed(client, collection):
    shown = client.get(f"/api/v1/collections/{collection.slug}").json()
    assert shown["consent_version"] == 1 and shown["consent_text"] == collection.consent_text
    collection.consent_text = {"da": "Ny tekst.", "en": "New text."}
    collection.save()
    assert _post(client, collection, consent_version=1).status_code == 201
    assert _post(client, collection, client_id="b").status_code == 201
    numbers = [s.consent.number for s in Story.objects.order_by("id") if s.consent is not None]
    assert numbers == [1, 2]
