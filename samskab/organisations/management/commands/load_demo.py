from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation

from samskab.demo import load_all
from samskab.organisations.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Create the demo organisations, accounts and project (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("en"):  # console output is for developers: one language
            self._report(load_all())

    def _report(self, accounts: list[tuple[str, str, str]]) -> None:
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready. Log in at /accounts/login/ with:")
        )
        for email, role, organisation in accounts:
            self.stdout.write(
                f"  {email:<28} password {DEMO_PASSWORD:<14} {role} in {organisation}"
            )
