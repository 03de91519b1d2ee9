"""Production settings: `check --deploy` is clean with the documented settings, production refuses
to start without saying how HTTPS reaches it, and SQLite is durable however it is chosen."""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

# The production environment docs/deployment.md documents (behind a TLS-terminating proxy).
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "samskab.kommune.dk",
    "CSRF_TRUSTED_ORIGINS": "https://samskab.kommune.dk",
    "SITE_ROOT": "https://samskab.kommune.dk",
    "DATABASE_URL": "postgres://samskab@127.0.0.1:5432/samskab",
    "TRUST_X_FORWARDED_PROTO": "True",
    "SECURE_SSL_REDIRECT": "True",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "True",
    "SECURE_HSTS_PRELOAD": "True",
}


def _run(
    args: list[str], env: dict[str, str], cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", str(ROOT))}
    return subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [sys.executable, *args],
        env={**base, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_documented_production_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_names_the_missing_https_setting():
    env = {k: v for k, v in PRODUCTION.items() if k != "TRUST_X_FORWARDED_PROTO"}
    result = _run(["manage.py", "check", "--deploy"], env)
    assert result.returncode != 0 and "samskab.E010" in result.stderr + result.stdout


def test_production_refuses_to_start_without_saying_how_https_arrives():
    env = {k: v for k, v in PRODUCTION.items() if k != "TRUST_X_FORWARDED_PROTO"}
    result = _run(["-c", "import samskab.wsgi"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "TRUST_X_FORWARDED_PROTO" in result.stderr
    # Saying it either way starts.
    for value in ("True", "False"):
        started = _run(["-c", "import samskab.wsgi"], {**env, "TRUST_X_FORWARDED_PROTO": value})
        assert started.returncode == 0, started.stderr


@pytest.mark.parametrize("how", ["path", "url"])
def test_sqlite_is_durable_however_it_is_configured(tmp_path, how):
    db = tmp_path / "samskab.sqlite3"
    env = {"SECRET_KEY": "x", "DEBUG": "True"}
    env |= {"SQLITE_PATH": str(db)} if how == "path" else {"DATABASE_URL": f"sqlite:///{db}"}
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='samskab.settings'; "
        "django.setup(); from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], "
        "c.execute('PRAGMA synchronous').fetchone()[0], "
        "c.execute('PRAGMA foreign_keys').fetchone()[0], "
        "connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    result = _run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    # WAL, synchronous=FULL (2), foreign keys on, immediate transactions.
    assert result.stdout.split() == ["wal", "2", "1", "IMMEDIATE"]
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
