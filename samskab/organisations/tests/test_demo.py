from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from samskab.organisations.demo import DEMO_PASSWORD, load_demo
from samskab.organisations.models import Membership, Organisation


def test_demo_loads_twice_without_duplicates(db, settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    assert Organisation.objects.filter(name="Demo Kommune").count() == 1
    assert Membership.objects.count() == 5
    out = capsys.readouterr().out
    assert "facilitator@demo.dk" in out and DEMO_PASSWORD in out


def test_demo_refuses_without_debug(db):
    with pytest.raises(ImproperlyConfigured):
        load_demo()
