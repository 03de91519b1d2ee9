"""Logins, refused logins, logouts and second factors are logged for the installation; an
organisation's administrator sees those of the organisation's members."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from samskab.organisations.models import AuditAction, AuditEntry
from samskab.organisations.tests.test_auth import _current_code, _login

pytestmark = pytest.mark.django_db


def _actions():
    return list(AuditEntry.objects.order_by("id").values_list("action", "actor_label"))


def test_login_and_logout_are_logged_without_an_organisation(client, world):
    assert _login(client, "bo@example.dk").status_code == 302
    client.post(reverse("account_logout"))
    assert _actions() == [
        (AuditAction.LOGIN, "bo@example.dk"),
        (AuditAction.LOGOUT, "bo@example.dk"),
    ]
    login = AuditEntry.objects.get(action=AuditAction.LOGIN)
    assert login.organisation is None and login.actor == world.bo
    assert login.details["methods"] == ["password"]


def test_a_refused_login_names_the_account_tried(client, world):
    _login(client, "bo@example.dk", "forkert")
    [entry] = AuditEntry.objects.all()
    assert (entry.action, entry.actor, entry.details["account_known"]) == (
        AuditAction.LOGIN_FAILED,
        world.bo,
        True,
    )


def test_a_refused_login_to_no_account_keeps_no_address(client, world):
    _login(client, "mit-password-i-feltet@example.dk", "forkert")
    [entry] = AuditEntry.objects.all()
    assert (entry.actor, entry.target, entry.details["account_known"]) == (None, "", False)
    assert "mit-password" not in str(entry.details)


def test_the_second_factor_is_logged(client, world):
    secret = generate_totp_secret()
    TOTP.activate(world.dina, secret)
    _login(client, "dina@example.dk")
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert [action for action, _ in _actions()] == [AuditAction.MFA_FAILED, AuditAction.LOGIN]
    login = AuditEntry.objects.get(action=AuditAction.LOGIN)
    assert login.details["methods"] == ["mfa", "password"]


def test_the_test_clients_force_login_is_not_an_event(client, world):
    client.force_login(world.anna)
    assert not AuditEntry.objects.exists()


def test_an_administrator_sees_the_logins_of_the_organisations_members_only(client, world):
    for email in ("bo@example.dk", "carl@example.dk"):
        _login(client, email)
        client.post(reverse("account_logout"))
    in_a = AuditEntry.objects.visible_to(world.org_a)
    in_b = AuditEntry.objects.visible_to(world.org_b)
    assert set(in_a.values_list("actor_label", flat=True)) == {"bo@example.dk"}
    assert set(in_b.values_list("actor_label", flat=True)) == {"carl@example.dk"}
    client.force_login(world.anna)
    page = client.get(reverse("organisations:audit_log", kwargs={"org": world.org_a.slug}))
    content = page.content.decode()
    assert "bo@example.dk" in content and "carl@example.dk" not in content
