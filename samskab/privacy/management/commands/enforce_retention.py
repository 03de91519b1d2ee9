"""Delete what has passed its retention period (docs/privacy.md); run it daily."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from samskab.privacy.retention import enforce


class Command(BaseCommand):
    help = (
        "Delete stories older than their collection's retention period (with their copies and "
        "cached analysis), stale import jobs and stale analysis stores; print what was deleted."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = enforce()
        self.stdout.write(json.dumps(report.as_dict(), sort_keys=True))
