from __future__ import annotations

from django.db import models
from django.test.utils import isolate_apps

from samskab.organisations.checks import check_org_models_are_scoped


def test_project_models_pass(db):
    assert check_org_models_are_scoped() == []


@isolate_apps("samskab.organisations")
def test_unscoped_org_model_is_an_error(monkeypatch):
    class Leaky(models.Model):
        organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE)

        class Meta:
            app_label = "organisations"

    Leaky.__module__ = "samskab.organisations.models"
    from django.apps import apps

    monkeypatch.setattr(apps, "get_models", lambda: [Leaky])
    errors = check_org_models_are_scoped()
    assert [error.id for error in errors] == ["samskab.E001"]
