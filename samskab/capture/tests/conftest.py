"""Fixtures for the capture tests: the sample instrument in a collection of organisation A."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from samskab.capture import ratelimit

CONSENT = {
    "da": "Jeg giver lov til, at min historie bruges i projektet.",
    "en": "I agree that my story is used in the project.",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db: Any) -> Any:
    # The counters live in the shared cache, which is the database's by default.
    ratelimit.reset()
    yield
    ratelimit.reset()


def make_collection(organisation: Any, **fields: Any) -> Any:
    from samskab.instruments import services
    from samskab.instruments.models import Collection
    from samskab.instruments.samples import sample_definition

    instrument = services.create_instrument(organisation, "Fortællinger", sample_definition(), None)
    defaults: dict[str, Any] = {"name": "Parken 2026", "consent_text": CONSENT}
    defaults.update(fields)
    return Collection.objects.create(organisation=organisation, instrument=instrument, **defaults)


@pytest.fixture
def collection(world: Any) -> Any:
    return make_collection(world.org_a)


@pytest.fixture
def closed_collection(world: Any) -> Any:
    now = timezone.now()
    return make_collection(
        world.org_a, opens_at=now - timedelta(days=10), closes_at=now - timedelta(days=1)
    )


@pytest.fixture
def future_collection(world: Any) -> Any:
    return make_collection(world.org_a, opens_at=timezone.now() + timedelta(days=3))


def story_data(**overrides: Any) -> dict[str, Any]:
    """A complete story for the sample instrument, as the no-JavaScript form posts it."""
    data: dict[str, Any] = {
        "prompt": "moment",
        "title": "Bænken i parken",
        "text": "Vi byggede en bænk sammen med kommunens gartnere.",
        "level": "volunteer_citizen",
        "consent": "on",
        "s-drivers-top": "50",
        "s-drivers-left": "25",
        "s-drivers-right": "25",
        "s-difference-na": "on",
        "s-decided-value": "30",
        # s-felt-value left empty: skipped
        "s-actors-citizens-placed": "on",
        "s-actors-citizens-x": "10",
        "s-actors-citizens-y": "90",
        "s-frequency-choice": "rarely",
        "s-feelings-choice": ["glad", "proud"],
        "s-lesson-text": "Spørg borgerne først.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
