"""Security headers, SQLite durability settings and the env-variable helpers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.urls import reverse

from samskab.lib import env


def test_security_headers(client, db):
    response = client.get(reverse("home"))
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_hsts_in_production(client, db, settings):
    # DEBUG is off in tests, so the production default (one year) applies over HTTPS.
    response = client.get(reverse("home"), secure=True)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_asset_from_another_host(client, world):
    client.force_login(world.anna)
    for url in (reverse("home"), reverse("organisations:members", kwargs={"org": "aarby"})):
        content = client.get(url).content.decode()
        for marker in ('src="http', 'src="//', 'href="//', "@import", "fonts.googleapis"):
            assert marker not in content, (url, marker)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite pragmas")
def test_sqlite_runs_in_wal_with_full_sync(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
        cursor.execute("PRAGMA journal_mode")
        # The test database may be in memory, where WAL does not apply.
        assert cursor.fetchone()[0] in ("wal", "memory")


def test_sqlite_file_database_uses_wal(tmp_path):
    """Open a file database with the project's init command and check the journal mode."""
    import sqlite3

    from django.conf import settings

    options = settings.DATABASES["default"].get("OPTIONS", {})
    if "init_command" not in options:
        pytest.skip("not configured for SQLite")
    db = sqlite3.connect(tmp_path / "t.sqlite3")
    db.executescript(options["init_command"])
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
    db.close()


@pytest.mark.parametrize(("raw", "expected"), [("True", True), ("false", False), ("", True)])
def test_env_bool_accepts_only_true_false(monkeypatch, raw, expected):
    monkeypatch.setenv("SAMSKAB_FLAG", raw)
    assert env.env_bool("SAMSKAB_FLAG", True) is expected


@pytest.mark.parametrize("raw", ["yes", "1", "on"])
def test_env_bool_rejects_anything_else(monkeypatch, raw):
    monkeypatch.setenv("SAMSKAB_FLAG", raw)
    with pytest.raises(ImproperlyConfigured):
        env.env_bool("SAMSKAB_FLAG", False)


def test_env_secret_reads_file(monkeypatch, tmp_path):
    path = tmp_path / "secret"
    path.write_text("s3cret\n")
    monkeypatch.delenv("SAMSKAB_SECRET", raising=False)
    monkeypatch.setenv("SAMSKAB_SECRET_FILE", str(path))
    assert env.env_secret("SAMSKAB_SECRET") == "s3cret"


def test_env_int_rejects_words(monkeypatch):
    monkeypatch.setenv("SAMSKAB_N", "five")
    with pytest.raises(ImproperlyConfigured):
        env.env_int("SAMSKAB_N", 1)


def test_database_is_the_one_configured(db):
    """The PostgreSQL run must really run on PostgreSQL, never silently on SQLite."""
    import os

    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
