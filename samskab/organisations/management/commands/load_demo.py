from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samskab.organisations.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create the demo organisations and accounts (safe to run again; changes nothing twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = load_demo()
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready. Log in at /accounts/login/ with:")
        )
        for email, role, organisation in accounts:
            self.stdout.write(
                f"  {email:<28} password {DEMO_PASSWORD:<14} {role} in {organisation}"
            )
