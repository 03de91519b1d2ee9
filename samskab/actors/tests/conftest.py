from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.actors.tests.factories import make_actor, make_involvement
from samskab.projects.choices import Phase
from samskab.testing import make_project


@pytest.fixture
def project(world):
    return make_project(world.org_a)


@pytest.fixture
def actor(project):
    actor = make_actor(project=project, name="Parkens Venner", influence=3, interest=5)
    make_involvement(actor=actor, phase=Phase.TRIAL, level="leading")
    return actor


@pytest.fixture
def url(world, project):
    def build(name, **kwargs):
        return reverse(
            f"actors:{name}", kwargs={"org": world.org_a.slug, "project": project.pk, **kwargs}
        )

    return build


@pytest.fixture
def facilitator(client, world):
    client.force_login(world.dina)
    return client
