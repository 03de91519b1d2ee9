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
DA = ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po"


def test_danish_catalogue_is_complete_and_not_fuzzy():
    po = polib.pofile(str(DA))
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()]


def test_catalogue_is_up_to_date_with_the_source(tmp_path):
    """Re-extract strings in a copy of the tree; every msgid must already be in da/django.po."""
    for name in ("samskab", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("analysis"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "da",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"DEBUG": "True", "PATH": "/usr/bin:/bin"},
    )
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(tmp_path / DA.relative_to(ROOT)))}
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(DA))}
    assert len(fresh) > 50  # the extraction really ran
    assert fresh - committed == set(), "run `make messages` and translate the new entries"


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
