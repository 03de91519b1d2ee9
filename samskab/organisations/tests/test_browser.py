"""Real-browser checks in Debian's headless Chromium: keyboard-only use and the axe-core audit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _log_in_with_keyboard(page, live_server, email):
    page.goto(live_server.url + reverse("account_login"))
    # Tab from the top of the page: skip link first, then the header, until the e-mail field.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Gå til hovedindhold"
    page.keyboard.press("Enter")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "login":
            break
    assert page.evaluate("document.activeElement.name") == "login"
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("home"))


def test_log_in_with_the_keyboard_alone(page, live_server, world):
    _log_in_with_keyboard(page, live_server, "anna@example.dk")
    assert "Du er logget ind som anna@example.dk" in page.content()
    # The organisation link is reachable by keyboard and opens the dashboard.
    page.get_by_role("link", name="Aarby Kommune").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/o/aarby/")
    assert page.get_by_role("heading", level=1).inner_text() == "Aarby Kommune"


def test_focus_is_visible(page, live_server, world):
    page.goto(live_server.url + reverse("account_login"))
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_public_pages_pass_axe(page, live_server, db, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    for url in (
        reverse("home"),
        reverse("account_login"),
        reverse("accessibility"),
        reverse("account_reset_password"),
    ):
        page.goto(live_server.url + url)
        violations = run_axe(page)
        assert not violations, f"{url}: {describe_violations(violations)}"


def test_login_errors_pass_axe(page, live_server, world):
    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", "anna@example.dk")
    page.fill("input[name=password]", "forkert")
    page.keyboard.press("Enter")
    page.wait_for_selector("[role=alert]")
    assert not run_axe(page)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_staff_pages_pass_axe(page, live_server, world, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    _log_in_with_keyboard(page, live_server, "anna@example.dk")
    urls = [
        reverse("home"),
        reverse("organisations:dashboard", kwargs={"org": "aarby"}),
        reverse("organisations:members", kwargs={"org": "aarby"}),
        reverse("organisations:audit_log", kwargs={"org": "aarby"}),
        reverse("mfa_index"),
    ]
    for url in urls:
        page.goto(live_server.url + url)
        violations = run_axe(page)
        assert not violations, f"{url}: {describe_violations(violations)}"
    # A rejected form keeps what was typed and still passes.
    page.goto(live_server.url + urls[2])
    page.fill("#id_email", "ikke-en-adresse")
    page.get_by_role("button", name="Tilføj medlem").click()
    assert page.input_value("#id_email") == "ikke-en-adresse"
    assert not run_axe(page)
