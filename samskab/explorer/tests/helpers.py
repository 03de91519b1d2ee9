"""Collections with stories for the explorer's tests."""

from __future__ import annotations

import datetime
from typing import Any

from samskab.instruments.answers import CleanStory
from samskab.instruments.definition import parse
from samskab.instruments.models import Collection, Story, StorySource
from samskab.instruments.samples import SAMPLE
from samskab.instruments.services import create_instrument, latest_version, story_row, submit_story

START = datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)


def make_collection(organisation, name="Parken"):
    instrument = create_instrument(organisation, "Fortællinger", parse(SAMPLE), None)
    return Collection.objects.create(
        organisation=organisation,
        instrument=instrument,
        name=name,
        consent_text={"da": "Samtykke", "en": "Consent"},
    )


def answers(top=0.2, left=0.3, right=0.5, dyad=0.5, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "drivers": {"state": "answered", "value": [top, left, right]},
        "difference": {"state": "na"},
        "decided": {"state": "answered", "value": dyad},
        "frequency": {"state": "answered", "value": "sometimes"},
        "feelings": {"state": "answered", "value": ["glad", "proud"]},
    }
    out.update(extra)
    return out


def add_stories(
    collection, count, level="employee", text="En historie om parken.", jitter=True, **kw
):
    version = latest_version(collection.instrument)
    rows = []
    for i in range(count):
        values = dict(kw)
        if jitter:  # identical answers have no covariance to compare
            shift = 0.01 * (i % 7)
            values["top"] = kw.get("top", 0.2) + shift
            values["left"] = kw.get("left", 0.3) - shift
            values.setdefault("dyad", 0.1 + 0.1 * (i % 8))
        story = CleanStory("moment", f"Historie {i}", text, level, answers(**values))
        row = story_row(collection, version, story, StorySource.IMPORT, "da")
        row.created_at = START + datetime.timedelta(days=i % 30)
        rows.append(row)
    Story.objects.bulk_create(rows)
    Collection.objects.filter(pk=collection.pk).update(
        change_counter=collection.change_counter + count
    )
    collection.refresh_from_db()
    return version


def submit(collection, level="employee", **kw):
    version = latest_version(collection.instrument)
    story = CleanStory("moment", "Ny", "En ny historie.", level, answers(**kw))
    submit_story(collection, version, story, StorySource.PUBLIC, "da")
    collection.refresh_from_db()
