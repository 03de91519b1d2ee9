"""Shared helpers for the transfers tests: a collection of the sample instrument, stories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from samskab.instruments import services as instrument_services
from samskab.instruments.answers import validate
from samskab.instruments.models import Collection, StorySource
from samskab.instruments.samples import sample_definition
from samskab.transfers.rows import ImportedStory

FIXTURES = Path(__file__).parent / "fixtures"


def framework_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "framework.json").read_text(encoding="utf-8"))
    return data


def make_collection(organisation, name="Fortællinger 2026", definition=None):
    instrument = instrument_services.create_instrument(
        organisation, "Samskabelse", definition or sample_definition(), None
    )
    return Collection.objects.create(
        organisation=organisation,
        instrument=instrument,
        name=name,
        consent_text={"da": "Jeg giver samtykke.", "en": "I consent."},
    )


def add_story(collection, external_id="", **fields):
    """Store one story through the same service as the public form."""
    version = instrument_services.latest_version(collection.instrument)
    data: dict[str, Any] = {
        "prompt": "moment",
        "title": "",
        "text": "En historie.",
        "level": "employee",
    }
    data.update(fields)
    clean, errors = validate(version.parsed, ImportedStory(**data))
    assert clean is not None, errors
    story, _code = instrument_services.submit_story(
        collection, version, clean, StorySource.PUBLIC, "da", external_id=external_id
    )
    return story
