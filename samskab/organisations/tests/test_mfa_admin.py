"""The Django admin: allauth's log-in with its lockout, and a second factor always.

Before issue #18 ``/admin/login/`` was Django's own form: no lockout (30 wrong passwords, then the
right one worked) and no second factor.
"""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from samskab.testing import PASSWORD

ADMIN = "/admin/"


def _code(secret, step=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


@pytest.fixture(autouse=True)
def _one_step_of_clock_drift(settings):
    # A code computed just before a 30-second boundary stays valid just after it.
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", "root@example.dk", PASSWORD)


def _log_in(client, email="root@example.dk", password=PASSWORD, next_url=ADMIN):
    url = reverse("account_login") + f"?next={next_url}"
    return client.post(url, {"login": email, "password": password})


def _reason():
    with translation.override("da"):
        return translation.gettext("The administration site always requires a second factor.")


def _logged_in(client):
    return "_auth_user_id" in client.session


def test_admin_login_is_allauths_login(client, root):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"
    # Django's admin form no longer checks passwords: posting the right one logs nobody in.
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not _logged_in(client)


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, root):
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    for _ in range(30):
        client.post(login_url, {"login": "root@example.dk", "password": "forkert"})
    response = client.post(login_url, {"login": "root@example.dk", "password": PASSWORD})
    assert response.status_code == 429
    assert not _logged_in(client)
    # In the site's own layout, not allauth's bare English page.
    assert {"429.html", "base.html"} <= {t.name for t in response.templates}


def test_the_lockout_is_counted_in_the_cache_every_worker_shares(client, root):
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    for _ in range(5):  # ACCOUNT_RATE_LIMITS: 5 failures per account in 5 minutes
        client.post(login_url, {"login": "root@example.dk", "password": "forkert"})
    response = client.post(login_url, {"login": "root@example.dk", "password": PASSWORD})
    assert not _logged_in(client)
    assert "for mange mislykkede" in response.content.decode()
    other = Client()  # another browser
    response = _log_in(other)
    assert not _logged_in(other)
    assert "for mange mislykkede" in response.content.decode()
    # The counters are rows of the database cache, which every process reads, not a
    # per-process memory cache (five workers would give five times the attempts).
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend == "django.core.cache.backends.db.DatabaseCache"
    table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table} WHERE cache_key LIKE %s",  # noqa: S608
            ["%:login_failed:%"],
        )
        assert cursor.fetchone()[0] >= 1


def test_admin_without_an_authenticator_is_sent_to_set_one_up(client, root):
    response = _log_in(client)
    assert response.status_code == 302
    assert _logged_in(client)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    response = client.get(reverse("mfa_index"))
    assert _reason() in response.content.decode()
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 302


def test_admin_with_totp_is_asked_for_the_code_at_log_in(client, root):
    secret = generate_totp_secret()
    TOTP.activate(root, secret)
    response = _log_in(client)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not _logged_in(client)
    response = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_session_from_before_the_second_factor_must_confirm_it(client, root):
    _log_in(client)  # password only: no authenticator yet
    secret = generate_totp_secret()
    TOTP.activate(root, secret)  # e.g. set up in another browser
    response = client.get(ADMIN)
    confirm = reverse("mfa_reauthenticate") + "?next=%2Fadmin%2F"
    assert response.status_code == 302
    assert response["Location"] == confirm
    page = client.get(confirm)
    assert page.status_code == 200
    assert _reason() in page.content.decode()
    response = client.post(confirm, {"code": _code(secret)})
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_an_unconfirmed_session_cannot_swap_the_factor_for_its_own(client, root):
    """Someone with the password and a session from before the app was set up may not remove
    the owner's app (and then set up their own, which would count as passing)."""
    _log_in(client)
    TOTP.activate(root, generate_totp_secret())
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=root, type=Authenticator.Type.TOTP).exists()


def test_staff_is_not_forced_outside_the_admin(client, root):
    _log_in(client)
    assert client.get(reverse("home")).status_code == 200
