"""Schemathesis against the JSON API, in-process through the WSGI application.

Every operation is fuzzed anonymously and as each persona (admin, facilitator, analyst, viewer,
participant of organisation A, admin of organisation B; drawn per example), with
schemathesis's positive and negative data, and with path parameters that point at real rows
as often as at random ones.
Story submissions also get bodies that pass validation (drawn from the collection's own
instrument definition) and nearly valid ones. Each response must pass the conformance checks:
no 5xx, a documented status code, a documented content type, a body and headers that match the
schema. ``FUZZ_EXAMPLES`` examples per test (see the root conftest.py).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils.crypto import get_random_string
from hypothesis import given
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from conftest import FUZZ
from samskab.instruments import services
from samskab.instruments.models import Collection
from samskab.instruments.samples import sample_definition
from samskab.instruments.tests.strategies import spoiled, story_payloads
from samskab.measurement.tests.factories import make_goal, make_indicator
from samskab.testing import make_project

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

APP = get_wsgi_application()
# Loaded once, eagerly, from the application itself (the snapshot test ties it to docs/).
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
STORIES = "/api/v1/collections/{slug}/stories"
OPERATIONS = [
    (path, method.upper())
    for path, methods in SCHEMA.raw_schema["paths"].items()
    for method in methods
]
# Anonymous; admin, facilitator, analyst, viewer, participant of A; admin of B.
ROLES = [None, "anna", "dina", "erik", "bo", "pia", "carl"]


@pytest.fixture
def in_process() -> Any:
    """Django's test client keeps the test's transaction open by not closing the connection
    after each request; a raw WSGI call must do the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def rows(world: Any) -> dict[str, Any]:
    """Real rows to aim path parameters at: a collection that takes stories, an instrument,
    a project with an indicator, in organisation A (and B's slug)."""
    instrument = services.create_instrument(world.org_a, "Park", sample_definition(), None)
    collection = Collection.objects.create(
        organisation=world.org_a,
        instrument=instrument,
        name="Fuzz",
        consent_text={"da": "Ja.", "en": "Yes."},
    )
    project = make_project(world.org_a)
    indicator = make_indicator(make_goal(project))
    return {
        "slug": [collection.slug],
        "org": [world.org_a.slug, world.org_b.slug],
        "pk": [instrument.pk, project.pk, indicator.pk],
        "collection": collection,
    }


def _session(world: Any, persona: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """Cookies and headers of a signed-in persona, CSRF token included (POSTs need it)."""
    if persona is None:
        return {}, {}
    client = Client()
    client.force_login(world.users[persona])
    token = get_random_string(32)
    cookies = {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: token,
    }
    return cookies, {"X-CSRFToken": token}


def _path_parameters(data: Any, operation: Any, rows: dict[str, Any]) -> dict[str, Any]:
    """Half of the time, each path parameter names a real row."""
    chosen = {}
    for parameter in operation.path_parameters:
        real = rows.get(parameter.name)
        if real and data.draw(st.booleans(), label=f"real {parameter.name}"):
            chosen[parameter.name] = data.draw(st.sampled_from(real))
    return chosen


def _run(case: Any, cookies: dict[str, str], headers: dict[str, str], tally: Any) -> None:
    response = case.call(cookies=cookies, headers=headers)
    try:
        case.validate_response(response, checks=CHECKS, headers=headers)
    except Exception:
        tally.record(response.status_code, schema_violation=response.status_code < 500)
        raise
    tally.record(response.status_code)


def _case(data: Any, operation: Any, rows: dict[str, Any], body: Any = None) -> Any:
    mode = data.draw(st.sampled_from([GenerationMode.POSITIVE, GenerationMode.NEGATIVE]))
    kwargs: dict[str, Any] = {"path_parameters": _path_parameters(data, operation, rows)}
    if body is not None:
        mode = GenerationMode.POSITIVE
        kwargs["body"] = body
    return data.draw(operation.as_strategy(mode, **kwargs), label="case")


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=lambda v: v)
def test_every_operation_conforms_for_every_role(in_process, world, rows, fuzz_tally, path, method):
    """Each example is sent anonymously or as one of the personas, drawn like the data."""
    operation = SCHEMA[path][method]
    sessions = {persona: _session(world, persona) for persona in ROLES}
    seen = set()

    @FUZZ
    @given(data=st.data())
    def check(data: Any) -> None:
        persona = data.draw(st.sampled_from(ROLES), label="persona")
        seen.add(persona)
        _run(_case(data, operation, rows), *sessions[persona], fuzz_tally)

    check()
    assert len(seen) > 1


def test_stories_that_pass_validation_conform(in_process, world, rows, fuzz_tally):
    """Valid and nearly valid stories for a real open collection: stored (201) or refused with
    the documented shape, never a server error."""
    operation = SCHEMA[STORIES]["POST"]
    definition = sample_definition()
    stored = []

    @FUZZ
    @given(data=st.data())
    def check(data: Any) -> None:
        body = data.draw(story_payloads(definition) | spoiled(story_payloads(definition)))
        case = data.draw(
            operation.as_strategy(path_parameters={"slug": rows["slug"][0]}, body=body)
        )
        response = case.call()
        stored.append(response.status_code == 201)
        _validate(case, response, fuzz_tally)

    check()
    assert any(stored), "no fuzzed story was stored: the strategy no longer makes valid ones"


def _validate(case: Any, response: Any, tally: Any) -> None:
    try:
        case.validate_response(response, checks=CHECKS)
    except Exception:
        tally.record(response.status_code, schema_violation=response.status_code < 500)
        raise
    tally.record(response.status_code)
