"""The second factor in a real browser: an authenticator app and a security key, by keyboard.

The security key is Chromium's virtual authenticator (DevTools protocol, ``WebAuthn`` domain), so
the browser runs the real WebAuthn ceremony against allauth and fido2. Every page passes axe.
"""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret, step=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


@pytest.fixture
def strict(world, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    world.org_a.require_mfa = True
    world.org_a.save()
    return world


def _assert_axe(page):
    violations = run_axe(page)
    assert not violations, f"{page.url}: {describe_violations(violations)}"


def _type_and_submit(page, selector, text):
    page.focus(selector)
    page.keyboard.type(text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _log_in(page, live_server, email):
    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", email)
    _type_and_submit(page, "input[name=password]", PASSWORD)


def _press_link(page, name):
    """Tab to a link or button as a keyboard user would, then press Enter."""
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == name
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _log_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Log ud").click()


def test_set_up_and_use_an_authenticator_app(page, live_server, strict):
    _log_in(page, live_server, "dina@example.dk")
    # The site sends her to set up a second factor, and says why.
    assert page.url == live_server.url + reverse("mfa_index")
    assert "Aarby Kommune" in page.locator("#mfa-requirement").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "To-faktor-autentificering"
    _assert_axe(page)
    _press_link(page, "Aktiver")
    # allauth asks for the password again before adding a factor.
    assert page.url.startswith(live_server.url + reverse("account_reauthenticate"))
    _assert_axe(page)
    _type_and_submit(page, "input[name=password]", PASSWORD)
    assert page.url == live_server.url + reverse("mfa_activate_totp")
    _assert_axe(page)
    secret = page.input_value("#authenticator_secret")
    _type_and_submit(page, "input[name=code]", _code(secret))
    assert page.url == live_server.url + reverse("mfa_view_recovery_codes")
    _assert_axe(page)
    page.goto(live_server.url + reverse("organisations:dashboard", kwargs={"org": "aarby"}))
    assert page.get_by_role("heading", level=1).inner_text() == "Aarby Kommune"

    _log_out(page)
    _log_in(page, live_server, "dina@example.dk")
    assert page.url == live_server.url + reverse("mfa_authenticate")
    _assert_axe(page)
    _type_and_submit(page, "input[name=code]", _code(secret, step=1))
    page.goto(live_server.url + reverse("organisations:dashboard", kwargs={"org": "aarby"}))
    assert page.get_by_role("heading", level=1).inner_text() == "Aarby Kommune"


def _virtual_security_key(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    options = {
        "protocol": "ctap2",
        "transport": "usb",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    return cdp, authenticator["authenticatorId"]


def test_register_a_security_key_and_log_in_with_it(page, live_server, strict, settings):
    # WebAuthn's origin check wants https; the live server speaks http on localhost.
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    cdp, key = _virtual_security_key(page)
    _log_in(page, live_server, "anna@example.dk")
    assert page.url == live_server.url + reverse("mfa_index")
    _press_link(page, "Tilføj")
    _type_and_submit(page, "input[name=password]", PASSWORD)
    assert page.url == live_server.url + reverse("mfa_add_webauthn")
    _assert_axe(page)
    page.fill("input[name=name]", "Nøglen i skuffen")
    _press_link(page, "Tilføj")  # the key answers: Chromium's virtual authenticator
    stored = Authenticator.objects.get(user=strict.anna, type=Authenticator.Type.WEBAUTHN)
    assert stored.wrap().name == "Nøglen i skuffen"
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": key})["credentials"]) == 1
    page.goto(live_server.url + reverse("organisations:dashboard", kwargs={"org": "aarby"}))
    assert page.get_by_role("heading", level=1).inner_text() == "Aarby Kommune"

    _log_out(page)
    _log_in(page, live_server, "anna@example.dk")
    assert page.url == live_server.url + reverse("mfa_authenticate")
    _assert_axe(page)
    _press_link(page, "Brug en sikkerhedsnøgle")
    credential = cdp.send("WebAuthn.getCredentials", {"authenticatorId": key})["credentials"][0]
    assert credential["signCount"] >= 2  # used to register, then to log in
    page.goto(live_server.url + reverse("organisations:dashboard", kwargs={"org": "aarby"}))
    assert page.get_by_role("heading", level=1).inner_text() == "Aarby Kommune"
    for name in (
        "mfa_index",
        "mfa_list_webauthn",
        "mfa_reauthenticate_webauthn",
        "account_reauthenticate",  # with the security key offered beside the password
    ):
        page.goto(live_server.url + reverse(name))
        assert page.url == live_server.url + reverse(name)
        _assert_axe(page)


def test_a_failed_security_key_is_announced(page, live_server, strict, settings):
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    _log_in(page, live_server, "anna@example.dk")
    page.goto(live_server.url + reverse("account_reauthenticate") + "?next=/accounts/2fa/")
    _type_and_submit(page, "input[name=password]", PASSWORD)
    page.goto(live_server.url + reverse("mfa_add_webauthn"))
    error = page.locator("#webauthn-error")
    assert not error.is_visible()
    # What allauth's script dispatches when the browser or the key refuses.
    page.evaluate(
        "document.dispatchEvent(new CustomEvent('allauth.error', {cancelable: true, detail: {}}))"
    )
    assert error.is_visible()
    assert page.evaluate("document.activeElement.id") == "webauthn-error"
    _assert_axe(page)


def test_a_session_from_before_the_app_confirms_it(page, live_server, strict):
    _log_in(page, live_server, "anna@example.dk")
    secret = generate_totp_secret()
    TOTP.activate(strict.anna, secret)  # set up in another browser meanwhile
    dashboard = reverse("organisations:dashboard", kwargs={"org": "aarby"})
    page.goto(live_server.url + dashboard)
    assert page.url.startswith(live_server.url + reverse("mfa_reauthenticate"))
    assert "Aarby Kommune" in page.locator("#mfa-requirement").inner_text()
    _assert_axe(page)
    _type_and_submit(page, "input[name=code]", _code(secret))
    assert page.url == live_server.url + dashboard
    assert page.get_by_role("heading", level=1).inner_text() == "Aarby Kommune"


def test_the_pages_are_in_english_beside_danish(page, live_server, strict):
    _log_in(page, live_server, "dina@example.dk")
    page.select_option("#language-select", "en")
    with page.expect_navigation():
        page.get_by_role("button", name="Skift sprog").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Two-Factor Authentication"
    assert page.locator("html").get_attribute("lang") == "en"
    _assert_axe(page)
