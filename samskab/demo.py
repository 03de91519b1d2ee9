"""Load every app's demo data in dependency order (``manage.py load_demo``)."""

from __future__ import annotations

from importlib import import_module

from django.db import transaction

from samskab.organisations import demo as organisation_demo
from samskab.projects import demo as project_demo

# Apps whose demo.load(project) adds to the demo project, in dependency order.
PROJECT_DEMOS = ["actors", "activities", "alignment", "assessments"]


@transaction.atomic
def load_all() -> list[tuple[str, str, str]]:
    accounts = organisation_demo.load_demo()
    municipality = organisation_demo.demo_municipality()
    project = project_demo.load(municipality)
    for app in PROJECT_DEMOS:
        module = import_module(f"samskab.{app}.demo")
        module.load(project)
    import_module("samskab.explorer.demo").load(project)
    # Effect measurement reads the collection the explorer demo made.
    import_module("samskab.measurement.demo").load(project)
    # The playbook quotes the record above: it comes last.
    import_module("samskab.playbooks.demo").load(project)
    return accounts
