"""API tests send many stories from one test client: the API's own rate limit is lifted here,
except where a test sets it (test_errors.py)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _no_api_rate_limit(settings: Any) -> None:
    settings.CAPTURE_RATE_LIMITS = {"api_story": "1000000/minute"}
