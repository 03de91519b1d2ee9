"""Permission rows of Most Significant Change rounds (see test_permissions.py), and the small
factories the MSC tests share: a collection of the project's instrument with stories, a round."""

from __future__ import annotations

from typing import Any

from samskab.instruments.models import Collection, Story
from samskab.instruments.samples import sample_definition
from samskab.instruments.services import create_instrument
from samskab.instruments.tests.test_views_support import make_collection, make_story
from samskab.measurement.services import msc
from samskab.projects.models import Project


def make_stories(project: Project, count: int = 4, **fields: Any) -> tuple[Collection, list[Story]]:
    """A collection of one of ``project``'s instruments, with ``count`` stories."""
    instrument = create_instrument(
        project.organisation, "Parkhistorier", sample_definition(), None, project=project
    )
    collection = make_collection(instrument, **fields)
    stories = [
        make_story(
            collection,
            title=f"Historie {i}",
            text=f"Maskeret fortælling nummer {i} om bænken.",
            text_raw=f"Rå fortælling nummer {i} med Jens Hansen.",
        )
        for i in range(1, count + 1)
    ]
    return collection, stories


def make_round(project: Project, actor: Any, count: int = 4, **fields: Any):
    collection, stories = make_stories(project, count)
    options: dict[str, Any] = {
        "title": "Forårets vigtigste forandring",
        "question": "Hvilken historie viser den vigtigste forandring for dig, og hvorfor?",
        "picks": 1,
        "public_link": True,
    }
    options.update(fields)
    return msc.create_round(project, collection, stories=stories, actor=actor, **options)


def _none(world, project):
    return {}


def _round(world, project):
    return {"pk": make_round(project, world.anna).pk}


MATRIX = [
    # url name, method, builder, anna, dina, erik, bo, pia, carl
    ("measurement:msc_list", "get", _none, 200, 200, 200, 200, 403, 404),
    ("measurement:msc_create", "get", _none, 200, 200, 403, 403, 403, 404),
    ("measurement:msc_create", "post", _none, 422, 422, 403, 403, 403, 404),
    ("measurement:msc", "get", _round, 200, 200, 200, 200, 403, 404),
    ("measurement:msc_choose", "get", _round, 200, 200, 200, 403, 403, 404),
    ("measurement:msc_choose", "post", _round, 422, 422, 422, 403, 403, 404),
    ("measurement:msc_close", "post", _round, 302, 302, 403, 403, 403, 404),
    ("measurement:msc_open", "post", _round, 302, 302, 403, 403, 403, 404),
]
