"""Test-wide fixtures: personas, plain static storage, and the Playwright harness.

Browser tests drive Debian's Chromium (/usr/bin/chromium), never a downloaded browser, and inject
axe-core from node_modules (installed by `make test` from the committed lockfile).

Fuzz tests (marked ``fuzz``) run ``FUZZ_EXAMPLES`` examples each under the hypothesis profile
"fuzz" (``settings(FUZZ)``), and count what they saw in ``fuzz_tally``; at the end of a run that
had any, one JSON line gives the cases, server errors (5xx) and schema violations. `make test`
runs a few per test, `make fuzz` enough for 10,000 cases in all.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Live-server tests run the ORM from Playwright's event-loop thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
hypothesis_settings.register_profile(
    "fuzz",
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    # Fixtures (a test database, a collection) are shared by a test's examples on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FUZZ = hypothesis_settings.get_profile("fuzz")


@dataclass
class FuzzTally:
    """What the fuzz tests of this run sent and saw (replays of a failing example count too)."""

    cases: int = 0
    server_errors: int = 0
    schema_violations: int = 0
    statuses: Counter[int] = field(default_factory=Counter)  # HTTP fuzzers: how cases ended

    def record(
        self,
        status: int | None = None,
        *,
        server_error: bool = False,
        schema_violation: bool = False,
    ) -> None:
        self.cases += 1
        self.server_errors += server_error or (status or 0) >= 500
        self.schema_violations += schema_violation
        if status is not None:
            self.statuses[status] += 1


TALLY = FuzzTally()
STARTED = time.monotonic()


@pytest.fixture(scope="session")
def fuzz_tally() -> FuzzTally:
    return TALLY


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With FUZZ_MIN_CASES (`make fuzz`), a run that sent fewer cases fails."""
    least = int(os.environ.get("FUZZ_MIN_CASES", "0"))
    if TALLY.cases < least:
        sys.stderr.write(f"Only {TALLY.cases} fuzz cases ran; FUZZ_MIN_CASES is {least}.\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    if TALLY.cases:
        line = {
            "fuzz_cases": TALLY.cases,
            "server_errors": TALLY.server_errors,
            "schema_violations": TALLY.schema_violations,
            "seconds": round(time.monotonic() - STARTED),
            "statuses": {str(k): v for k, v in sorted(TALLY.statuses.items())},
        }
        sys.stdout.write(json.dumps(line) + "\n")


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
