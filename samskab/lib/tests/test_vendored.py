"""Every vendored static file is recorded with its sha256 in static/vendor/README.md."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "static" / "vendor"


def test_vendored_files_match_their_recorded_hashes():
    table = (VENDOR / "README.md").read_text()
    recorded = dict(re.findall(r"^\| (\S+) \|.*\| ([0-9a-f]{64}) \|$", table, re.MULTILINE))
    files = {p.name for p in VENDOR.iterdir() if p.name != "README.md"}
    assert files == set(recorded), "record every vendored file in static/vendor/README.md"
    for name, digest in recorded.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
