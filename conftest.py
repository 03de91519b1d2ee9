"""Test-wide fixtures: personas, plain static storage, and the Playwright harness.

Browser tests drive Debian's Chromium (/usr/bin/chromium), never a downloaded browser, and inject
axe-core from node_modules (installed by `make test` from the committed lockfile).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Live-server tests run the ORM from Playwright's event-loop thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _no_release_from_another_test() -> None:
    """The explorer caches releases per process by collection id and change counter; a
    rolled-back test database reuses both, so each test starts with an empty cache."""
    from samskab.explorer.services.release import forget_releases

    forget_releases()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: Any) -> None:
    # The manifest storage needs collectstatic first; tests render {% static %} without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: Any) -> Any:
    from samskab.testing import make_world

    return make_world()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.fail("Browser tests need Debian's chromium: run `make test` (it installs it).")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-gpu",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # A strict CSP would block the injected axe script.
    return {**browser_context_args, "bypass_csp": True, "locale": "da-DK"}


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the page (WCAG 2.0/2.1 A and AA rules)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag',
                      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
        })"""
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in violations
        ],
        indent=1,
    )
