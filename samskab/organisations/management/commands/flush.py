"""``flush`` empties every table of the database, the audit log included.

The audit table refuses DELETE (and TRUNCATE) by trigger (auditing/guard.py). Emptying a whole
installation is an operator's act on the server, not the application's: this lifts the guard for
Django's own flush and puts it back at once. The test runner flushes between tests that commit.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from samskab.organisations.auditing import guard


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with guard.lifted(connections[options["database"]]):
            super().handle(**options)
