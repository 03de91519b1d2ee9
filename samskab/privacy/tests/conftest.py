from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from samskab.capture.tests.conftest import make_collection, story_data  # noqa: F401


@pytest.fixture(autouse=True)
def _cache_dir(settings: Any, tmp_path: Any) -> None:
    settings.EXPLORER_CACHE_DIR = tmp_path / "analysis-cache"


@pytest.fixture
def collection(world: Any) -> Any:
    return make_collection(world.org_a, opens_at=timezone.now() - timedelta(days=400))


def add_story(collection: Any, text: str, days_ago: int = 0, **extra: Any) -> tuple[Any, str]:
    """A story through the real service, dated ``days_ago``; returns it with its receipt code."""
    from samskab.instruments import services
    from samskab.instruments.answers import CleanStory
    from samskab.instruments.models import Story, StorySource

    version = services.latest_version(collection.instrument)
    clean = CleanStory("moment", "Titel", text, "employee", {})
    story, code = services.submit_story(collection, version, clean, StorySource.PUBLIC, "da")
    if days_ago:
        Story.objects.filter(pk=story.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    story.refresh_from_db()
    return story, code
