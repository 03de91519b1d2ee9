"""Permission matrix of the playbook: every route × persona.

Columns: anna (admin A), dina (facilitator A), erik (analyst A), bo (viewer A), pia
(participant A), carl (admin of B, a stranger to A). A builder takes ``(world, project)`` and
returns the URL's kwargs besides ``org`` and ``project``. Published versions here are readable
by the whole organisation; who reads a team-only version is tested in test_services.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.explorer.tests.helpers import add_stories
from samskab.instruments.models import Story
from samskab.playbooks import services
from samskab.playbooks.models import BuildStatus, PlaybookVersion, Visibility
from samskab.playbooks.tests.conftest import project_collection
from samskab.testing import MATRIX_PERSONAS, make_project


def _playbook(world, project):
    return services.ensure_playbook(project, None)


def _none(world, project):
    _playbook(world, project)
    return {}


def _fresh(world, project):
    return {}


def _section(world, project):
    _playbook(world, project)
    return {"key": "summary"}


def _story(world, project):
    _playbook(world, project)
    collection = project_collection(project)
    add_stories(collection, 6, level="employee")
    return {"story": Story.objects.filter(collection=collection).earliest("id").pk}


def _quote(world, project):
    playbook = _playbook(world, project)
    collection = project_collection(project)
    add_stories(collection, 6, level="employee", text="Vi plantede bede.")
    story = Story.objects.filter(collection=collection).earliest("id")
    return {"pk": services.add_quote(playbook, story, "plantede bede", "", None).pk}


def _version(world, project):
    playbook = _playbook(world, project)
    version = PlaybookVersion.objects.create(
        organisation=project.organisation,
        playbook=playbook,
        number=1,
        published=True,
        visibility=Visibility.ORGANISATION,
        status=BuildStatus.READY,
        html="<p>v1</p>",
        pdf=b"%PDF-1.7",
        docx=b"PK",
        document={},
    )
    return {"pk": version.pk}


MATRIX = [
    # url name, method, builder, anna, dina, erik, bo, pia, carl
    ("playbooks:home", "get", _none, 200, 200, 200, 200, 403, 404),
    ("playbooks:start", "post", _fresh, 302, 302, 403, 403, 403, 404),
    ("playbooks:settings", "post", _none, 422, 422, 403, 403, 403, 404),
    ("playbooks:section", "get", _section, 200, 200, 403, 403, 403, 404),
    ("playbooks:section", "post", _section, 302, 302, 403, 403, 403, 404),
    ("playbooks:section_move", "post", _section, 400, 400, 403, 403, 403, 404),
    ("playbooks:views", "post", _none, 302, 302, 403, 403, 403, 404),
    ("playbooks:quote_add", "get", _story, 200, 200, 403, 403, 403, 404),
    ("playbooks:quote_remove", "post", _quote, 302, 302, 403, 403, 403, 404),
    ("playbooks:draft", "get", _none, 200, 200, 403, 403, 403, 404),
    ("playbooks:build", "post", _none, 302, 302, 403, 403, 403, 404),
    ("playbooks:publish", "get", _none, 200, 200, 403, 403, 403, 404),
    ("playbooks:version", "get", _version, 200, 200, 200, 200, 403, 404),
    ("playbooks:version_status", "get", _version, 200, 200, 200, 200, 403, 404),
    ("playbooks:version_pdf", "get", _version, 200, 200, 200, 200, 403, 404),
    ("playbooks:version_docx", "get", _version, 200, 200, 200, 200, 403, 404),
    ("playbooks:compare", "get", _none, 200, 200, 200, 200, 403, 404),
    ("playbooks:logo", "get", None, 200, 403, 403, 403, 403, 404),
    ("playbooks:logo_image", "get", None, 404, 404, 404, 404, 403, 404),
]


@pytest.fixture(autouse=True)
def _cache(settings, tmp_path):
    settings.EXPLORER_CACHE_DIR = tmp_path / "cache"


@pytest.mark.django_db
@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}" for r in MATRIX])
def test_matrix(client, world, row):
    url_name, method, build, *expected = row
    for persona, status in zip(MATRIX_PERSONAS, expected, strict=True):
        # A new project for each persona: a start or a removal by one must not change the next.
        project = make_project(world.org_a)
        if build is None:
            kwargs = {"org": world.org_a.slug}
        else:
            kwargs = {"org": world.org_a.slug, "project": project.pk, **build(world, project)}
        client.force_login(world.users[persona])
        response = getattr(client, method)(reverse(url_name, kwargs=kwargs), {})
        assert response.status_code == status, (persona, url_name, response.status_code)


@pytest.mark.django_db
def test_another_organisations_playbook_is_absent_even_by_id(client, world):
    """carl is admin of B: A's version ids under B's own project still 404."""
    project = make_project(world.org_a)
    version = _version(world, project)["pk"]
    own = make_project(world.org_b)
    services.ensure_playbook(own, None)
    client.force_login(world.carl)
    for name in ("playbooks:version", "playbooks:version_pdf", "playbooks:version_status"):
        url = reverse(name, kwargs={"org": world.org_b.slug, "project": own.pk, "pk": version})
        assert client.get(url).status_code == 404, name
