"""Danish first, English beside it: complete catalogues, a language switch, Danish formats."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]
CATALOGUES = sorted(
    [ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po"]
    + list((ROOT / "samskab").glob("*/locale/da/LC_MESSAGES/django.po"))
)


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_danish_catalogue_is_complete_and_not_fuzzy(po_path):
    po = polib.pofile(str(po_path))
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()]


def _entries(path):
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(path))}


def test_catalogues_are_up_to_date_with_the_source(tmp_path):
    """Re-extract strings in a copy of the tree exactly as `make messages` does, and compare."""
    ignore = shutil.ignore_patterns("__pycache__", "*.mo")
    shutil.copytree(ROOT / "samskab", tmp_path / "samskab", ignore=ignore)
    shutil.copytree(ROOT / "locale", tmp_path / "locale", ignore=ignore)
    for name in ("manage.py", "Makefile"):
        shutil.copy(ROOT / name, tmp_path / name)
    done = subprocess.run(  # noqa: S603  (a fixed command in a temporary copy)
        ["make", "--no-print-directory", "messages", f"BIN={Path(sys.executable).parent}"],  # noqa: S607
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    for po_path in CATALOGUES:
        fresh = _entries(tmp_path / po_path.relative_to(ROOT))
        assert len(fresh) > 3, po_path  # the extraction really ran
        stale = sorted(fresh - _entries(po_path), key=str)
        assert not stale, f"{po_path}: run `make messages` and translate {stale[:5]}"


def test_default_language_is_danish(client, db):
    response = client.get(reverse("account_login"))
    assert '<html lang="da">' in response.content.decode()
    assert "Adgangskode" in response.content.decode()


def test_language_switch_to_english_and_back(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "Co-creation labs for municipalities" in content
    response = client.post(reverse("set_language"), {"language": "da", "next": "/"}, follow=True)
    assert "Samskabelseslaboratorier for kommuner" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected_date", "expected_number"),
    [("da", "23. november 2026", "1.234,5"), ("en", "Nov. 23, 2026", "1,234.5")],
)
def test_dates_and_numbers_follow_the_language(language, expected_date, expected_number):
    template = Template("{{ d|date:'DATE_FORMAT' }}|{{ n }}")
    context = Context({"d": datetime.date(2026, 11, 23), "n": 1234.5})
    with translation.override(language):
        assert template.render(context) == f"{expected_date}|{expected_number}"
