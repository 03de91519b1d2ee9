"""Shared helpers for the browser tests of effect measurement."""

from __future__ import annotations

from django.test import Client

from conftest import describe_violations, run_axe

PHONE = {"width": 390, "height": 844}


def log_in(page, live_server, user):
    """Give the browser the session of a user logged in through Django's test client."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])


def assert_axe_clean(page, label):
    violations = run_axe(page)
    assert not violations, f"{label}: {describe_violations(violations)}"
