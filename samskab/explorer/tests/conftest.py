from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _cache_dir(settings, tmp_path):
    settings.EXPLORER_CACHE_DIR = tmp_path / "analysis-cache"
