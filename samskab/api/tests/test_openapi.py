"""The OpenAPI schema is served and matches the committed snapshot (`make openapi` updates it)."""

from __future__ import annotations

import json
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def test_schema_matches_the_snapshot(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert json.loads(SNAPSHOT.read_text()) == schema, "run `make openapi` and review the diff"


def test_docs_page_loads_no_external_script(client, db):
    content = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in content.lower()
