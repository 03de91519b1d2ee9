from __future__ import annotations

import time

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core import mail
from django.urls import reverse

from samskab.testing import PASSWORD


def _login(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_login_and_logout(client, world):
    response = _login(client, "bo@example.dk")
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == world.bo
    client.post(reverse("account_logout"))
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_wrong_password_keeps_email_and_says_why(client, world):
    response = _login(client, "bo@example.dk", "forkert")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="bo@example.dk"' in content
    assert "ikke korrekt" in content


def test_signup_is_closed(client, db):
    from django.contrib.auth.models import User

    response = client.get(reverse("account_signup"))
    assert "signup_closed" in [
        t.name.split("/")[-1].removesuffix(".html") for t in response.templates
    ]
    response = client.post(
        reverse("account_signup"),
        {"email": "x@example.dk", "password1": "a long passw0rd!", "password2": "a long passw0rd!"},
    )
    assert not User.objects.filter(email="x@example.dk").exists()


def test_password_reset_sends_mail(client, world, settings):
    # Rendered in the request, sent by the worker (here: at once).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    response = client.post(reverse("account_reset_password"), {"email": "bo@example.dk"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def _current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_totp_second_factor_is_required_once_activated(client, world):
    secret = generate_totp_secret()
    TOTP.activate(world.dina, secret)
    response = _login(client, "dina@example.dk")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # Not logged in yet: an organisation page still sends us to the login.
    assert (
        client.get(reverse("organisations:dashboard", kwargs={"org": "aarby"})).status_code == 302
    )
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200  # wrong code: asked again
    response = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert (
        client.get(reverse("organisations:dashboard", kwargs={"org": "aarby"})).status_code == 200
    )


def test_staff_can_open_the_totp_setup(client, world):
    client.force_login(world.dina)
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
