"""A second factor for administrators and facilitators when their organisation asks for one."""

from __future__ import annotations

import json
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse
from django.utils import translation

from samskab.organisations.models import AuditAction, AuditEntry, Role
from samskab.testing import PASSWORD


def _code(secret, step=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


@pytest.fixture(autouse=True)
def _one_step_of_clock_drift(settings):
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def strict(world):
    """Organisation A requires a second factor."""
    world.org_a.require_mfa = True
    world.org_a.save()
    return world


def _dashboard(world):
    return reverse("organisations:dashboard", kwargs={"org": world.org_a.slug})


def _log_in(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def _reason(organisation):
    with translation.override("da"):
        return str(
            translation.gettext(
                "%(organisation)s requires a second factor of administrators and facilitators."
            )
            % {"organisation": organisation.name}
        )


@pytest.mark.parametrize("name", ["anna", "dina"])
def test_admins_and_facilitators_without_a_factor_must_set_one_up(client, strict, name):
    _log_in(client, f"{name}@example.dk")
    response = client.get(_dashboard(strict))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    page = client.get(reverse("mfa_index"))
    assert page.status_code == 200
    assert _reason(strict.org_a) in page.content.decode()


@pytest.mark.parametrize("name", ["erik", "bo", "pia"])
def test_other_roles_are_not_forced(client, strict, name):
    _log_in(client, f"{name}@example.dk")
    assert client.get(reverse("home")).status_code == 200


def test_nobody_is_forced_when_the_organisation_does_not_ask(client, world):
    _log_in(client, "dina@example.dk")
    assert client.get(_dashboard(world)).status_code == 200


def test_a_facilitator_elsewhere_is_forced_by_the_strict_organisation(client, strict):
    """Carl administers B, which does not ask; as a facilitator of A (which does) he is forced."""
    strict.carl.memberships.create(organisation=strict.org_a, role=Role.FACILITATOR)
    _log_in(client, "carl@example.dk")
    boegelund = reverse("organisations:dashboard", kwargs={"org": strict.org_b.slug})
    assert client.get(boegelund)["Location"] == reverse("mfa_index")


def test_leaving_language_and_accessibility_stay_open(client, strict):
    _log_in(client, "dina@example.dk")
    assert client.get(reverse("accessibility")).status_code == 200
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_the_api_answers_with_a_json_403(client, strict):
    _log_in(client, "dina@example.dk")
    response = client.get(f"/api/v1/orgs/{strict.org_a.slug}/instruments")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    detail = json.loads(response.content)["detail"]
    assert detail.startswith(_reason(strict.org_a))


def test_htmx_requests_are_redirected_by_htmx(client, strict):
    _log_in(client, "dina@example.dk")
    response = client.get(_dashboard(strict), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("mfa_index")


@pytest.mark.django_db(transaction=True)  # allauth announces the new factor on commit
def test_setting_up_an_app_opens_the_site(client, strict):
    _log_in(client, "dina@example.dk")
    activate = reverse("mfa_activate_totp")
    # allauth asks for the password again before a factor is added; that page stays open.
    response = client.get(activate)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == activate
    client.get(activate)
    secret = client.session["mfa.totp.secret"]
    response = client.post(activate, {"code": _code(secret)})
    assert response.status_code == 302
    # Having just proved the app works counts as this session's second factor.
    assert client.get(_dashboard(strict)).status_code == 200


def test_a_session_from_before_the_factor_must_confirm_it(client, strict):
    _log_in(client, "dina@example.dk")
    secret = generate_totp_secret()
    TOTP.activate(strict.dina, secret)  # set up in another browser
    response = client.get(_dashboard(strict))
    confirm = reverse("mfa_reauthenticate") + "?next=" + _dashboard(strict).replace("/", "%2F")
    assert response["Location"] == confirm
    # Adding another factor is not a way round confirming the first.
    assert client.get(reverse("mfa_add_webauthn")).status_code == 302
    response = client.post(confirm, {"code": _code(secret)})
    assert response["Location"] == _dashboard(strict)
    assert client.get(_dashboard(strict)).status_code == 200


def test_log_in_with_the_app_passes(client, strict):
    secret = generate_totp_secret()
    TOTP.activate(strict.dina, secret)
    response = _log_in(client, "dina@example.dk")
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert client.get(_dashboard(strict)).status_code == 200


def test_removing_the_last_factor_withdraws_the_pass(client, strict):
    secret = generate_totp_secret()
    TOTP.activate(strict.dina, secret)
    _log_in(client, "dina@example.dk")
    client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert client.get(_dashboard(strict)).status_code == 200
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=strict.dina, type="totp").exists()
    assert client.get(_dashboard(strict))["Location"] == reverse("mfa_index")


# --- The organisation's setting ---------------------------------------------------------------


def test_the_admin_turns_the_requirement_on(client, world):
    client.force_login(world.anna)
    url = reverse("organisations:security", kwargs={"org": world.org_a.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="require_mfa"' in page.content.decode()
    response = client.post(url, {"require_mfa": "on"})
    assert response["Location"] == url
    world.org_a.refresh_from_db()
    assert world.org_a.require_mfa
    # Who changed it, from what to what, is in the audit log (auditing/changes.py).
    entry = AuditEntry.objects.get(organisation=world.org_a, action=AuditAction.RECORD_CHANGED)
    assert entry.actor == world.anna
    assert entry.details["values"] == {"require_mfa": [False, True]}
    # From now on the admin too must set up a second factor before the next page.
    assert client.get(url)["Location"] == reverse("mfa_index")


def test_turning_the_requirement_off(client, strict):
    client.force_login(strict.anna)
    session = client.session
    session["samskab_mfa"] = {"user": str(strict.anna.pk), "passed_at": time.time()}
    session.save()
    TOTP.activate(strict.anna, generate_totp_secret())
    url = reverse("organisations:security", kwargs={"org": strict.org_a.slug})
    assert client.post(url, {}).status_code == 302
    strict.org_a.refresh_from_db()
    assert not strict.org_a.require_mfa


def test_the_dashboard_links_the_setting_for_admins(client, world):
    client.force_login(world.anna)
    url = reverse("organisations:security", kwargs={"org": world.org_a.slug})
    assert url in client.get(_dashboard(world)).content.decode()
