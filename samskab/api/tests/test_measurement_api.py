"""The effect-measurement API: goals, indicators and measurements, and posting a measurement
with exactly the rules of the form."""

from __future__ import annotations

import datetime
import json

import pytest

from samskab.measurement.content import IndicatorSource
from samskab.measurement.models import GoalRevision, Measurement
from samskab.measurement.services.measurements import MeasurementError, NewMeasurement, check
from samskab.measurement.tests.factories import make_goal, make_indicator, make_measurement
from samskab.organisations.models import AuditEntry
from samskab.projects.models import PoliticalGoal
from samskab.testing import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return make_project(
        world.org_a, start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2026, 12, 31)
    )


@pytest.fixture
def indicator(project):
    goal = make_goal(project, title="Flere borgere bruger parken")
    return make_indicator(goal)  # percent, baseline 20 (2025-03-01), target 40 (2026-03-01)


def _measurements_url(org, indicator):
    return f"/api/v1/orgs/{org.slug}/indicators/{indicator.pk}/measurements"


def _post(client, org, indicator, **body):
    payload = {"period_start": "2025-04-01", "period_end": "2025-04-30", "value": 27.5}
    payload.update(body)
    return client.post(
        _measurements_url(org, indicator), json.dumps(payload), content_type="application/json"
    )


def test_goals_with_revisions_and_political_goals(client, world, project):
    political = PoliticalGoal.objects.create(
        organisation=world.org_a, title="Grøn by", policy="Klimaplan", owner="Udvalget"
    )
    goal = make_goal(project, title="Flere i parken", levels=["user", "employee"])
    goal.political_goals.add(political)
    GoalRevision.objects.create(
        organisation=world.org_a, goal=goal, title="Parken bruges", reason="Mere præcist."
    )
    make_goal(make_project(world.org_a), title="Et andet projekts mål")
    client.force_login(world.bo)
    response = client.get(f"/api/v1/orgs/{world.org_a.slug}/projects/{project.pk}/goals")
    assert response.status_code == 200
    [body] = response.json()
    assert body["id"] == goal.pk
    assert body["title"] == "Flere i parken"
    assert body["kind"] == "outcome"
    assert body["levels"] == ["user", "employee"]
    assert body["political_goal_ids"] == [political.pk]
    assert [r["title"] for r in body["revisions"]] == ["Parken bruges"]
    assert body["revisions"][0]["reason"] == "Mere præcist."


def test_indicators_with_baseline_target_and_latest(client, world, project, indicator):
    make_measurement(indicator, 25.0, datetime.date(2025, 4, 1))
    make_measurement(indicator, 31.0, datetime.date(2025, 6, 1))
    withheld = make_measurement(indicator, 0.0, datetime.date(2025, 8, 1), withheld="below_k")
    Measurement.objects.filter(pk=withheld.pk).update(value=None)
    empty = make_indicator(indicator.goal, title="Uden målinger")
    client.force_login(world.bo)
    response = client.get(f"/api/v1/orgs/{world.org_a.slug}/projects/{project.pk}/indicators")
    assert response.status_code == 200
    bodies = {item["id"]: item for item in response.json()}
    body = bodies[indicator.pk]
    assert body["baseline"] == {"value": 20.0, "date": "2025-03-01"}
    assert body["target"] == {"value": 40.0, "date": "2026-03-01"}
    assert body["unit"] == "percent" and body["direction"] == "higher"
    latest = body["latest_measurement"]
    assert latest["value"] == 31.0  # the withheld period after it is skipped
    assert latest["period_start"] == "2025-06-01"
    assert bodies[empty.pk]["latest_measurement"] is None


def test_measurements_oldest_first(client, world, indicator):
    make_measurement(indicator, 31.0, datetime.date(2025, 6, 1), note="juni")
    make_measurement(indicator, 25.0, datetime.date(2025, 4, 1))
    client.force_login(world.erik)
    response = client.get(_measurements_url(world.org_a, indicator))
    assert response.status_code == 200
    body = response.json()
    assert [m["value"] for m in body] == [25.0, 31.0]
    assert body[1]["note"] == "juni"
    assert body[1]["period_end"] == "2025-06-28"
    assert body[0]["source"] == "manual" and body[0]["n"] is None


def test_post_creates_a_measurement_through_the_one_rule(client, world, indicator):
    client.force_login(world.erik)
    response = _post(client, world.org_a, indicator, note="Talt ved indgangen")
    assert response.status_code == 201, response.content
    body = response.json()
    measurement = Measurement.objects.get(pk=body["id"])
    assert (measurement.value, measurement.note) == (27.5, "Talt ved indgangen")
    assert measurement.entered_by == world.erik
    assert measurement.source == IndicatorSource.MANUAL
    assert body["period_start"] == "2025-04-01" and body["indicator_id"] == indicator.pk
    assert AuditEntry.objects.filter(organisation=world.org_a, actor=world.erik).exists()


def _rule_message(indicator, **fields):
    new = NewMeasurement(
        fields.get("start", datetime.date(2025, 4, 1)),
        fields.get("end", datetime.date(2025, 4, 30)),
        fields.get("value", 27.5),
    )
    with pytest.raises(MeasurementError) as caught:
        check(indicator, new)
    return caught.value


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ({"value": 140}, {"value": 140.0}),
        ({"period_end": "2027-01-31"}, {"end": datetime.date(2027, 1, 31)}),
        ({"period_end": "2025-03-01"}, {"end": datetime.date(2025, 3, 1)}),
    ],
)
def test_a_broken_rule_is_422_with_the_field_and_message(client, world, indicator, body, rule):
    expected = _rule_message(indicator, **rule)
    client.force_login(world.anna)
    response = _post(client, world.org_a, indicator, **body)
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", expected.field], "code": "invalid", "msg": expected.message}]
    }
    assert not Measurement.objects.exists()


def test_a_period_that_has_a_value_is_422(client, world, indicator):
    client.force_login(world.anna)
    assert _post(client, world.org_a, indicator).status_code == 201
    response = _post(client, world.org_a, indicator, value=30)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "period_start"]
    assert Measurement.objects.count() == 1


def test_a_computed_indicator_takes_no_posted_values(client, world, indicator):
    computed = make_indicator(indicator.goal, title="Beregnet", source=IndicatorSource.COMPUTED)
    client.force_login(world.anna)
    response = _post(client, world.org_a, computed)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "value"]
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{"value": "NaN"}, {"value": "Infinity"}, {"period_start": "01-04-2025"}, {"who": "me"}],
)
def test_malformed_bodies_are_422(client, world, indicator, body):
    client.force_login(world.anna)
    assert _post(client, world.org_a, indicator, **body).status_code == 422
    assert not Measurement.objects.exists()


def test_viewer_may_read_but_not_post(client, world, indicator):
    client.force_login(world.bo)
    assert client.get(_measurements_url(world.org_a, indicator)).status_code == 200
    assert _post(client, world.org_a, indicator).status_code == 403
    assert not Measurement.objects.exists()


def test_another_organisation_looks_absent(client, world, project, indicator):
    client.force_login(world.carl)
    assert client.get(f"/api/v1/orgs/aarby/projects/{project.pk}/goals").status_code == 404
    assert _post(client, world.org_a, indicator).status_code == 404
    # carl's own organisation does not reach org A's rows either.
    assert _post(client, world.org_b, indicator).status_code == 404
    path = f"/api/v1/orgs/{world.org_b.slug}/projects/{project.pk}/indicators"
    assert client.get(path).status_code == 404
    assert not Measurement.objects.exists()


def test_anonymous_gets_401(client, world, indicator):
    assert client.get(_measurements_url(world.org_a, indicator)).status_code == 401
    assert _post(client, world.org_a, indicator).status_code == 401


def test_the_schema_documents_422_and_the_body(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    post = schema["paths"]["/api/v1/orgs/{org}/indicators/{pk}/measurements"]["post"]
    assert {"201", "403", "404", "422"} <= set(post["responses"])
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/MeasurementIn")
    fields = schema["components"]["schemas"]["MeasurementIn"]
    assert fields["required"] == ["period_start", "period_end", "value"]
    assert fields["additionalProperties"] is False
