"""The facilitator's path through the pages: start, write, quote, publish (refused, then
accepted), follow the progress, read, download, compare; and what a reader sees."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from samskab.instruments.models import Story
from samskab.playbooks import services
from samskab.playbooks.models import BuildStatus, Playbook, PlaybookVersion, Visibility
from samskab.playbooks.sections import SectionKey
from samskab.playbooks.tasks import build_playbook

pytestmark = pytest.mark.django_db


def _url(name, project, **kwargs):
    return reverse(name, kwargs={"org": project.organisation.slug, "project": project.pk, **kwargs})


def test_a_facilitator_starts_writes_and_publishes(
    client, world, project, collection, django_capture_on_commit_callbacks
):
    client.force_login(world.dina)
    home = client.get(_url("playbooks:home", project))
    assert "Start drejebogen" in home.content.decode()
    client.post(_url("playbooks:start", project))
    playbook = Playbook.objects.get(project=project)
    response = client.post(
        _url("playbooks:section", project, key="summary"),
        {"text": "Parken blev fornyet sammen med de frivillige.", "included": "on"},
    )
    assert response.status_code == 302
    page = client.get(_url("playbooks:home", project)).content.decode()
    assert "7 ord skrevet" in page and "Ikke skrevet endnu" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("playbooks:publish", project))
    assert response.status_code == 302
    version = PlaybookVersion.objects.get(playbook=playbook)
    status = client.get(_url("playbooks:version_status", project, pk=version.pk)).content.decode()
    assert "hx-get" in status and "<progress" in status  # polls while it waits
    build_playbook.call(world.org_a.pk, version.pk)
    status = client.get(_url("playbooks:version_status", project, pk=version.pk)).content.decode()
    assert "hx-get" not in status and "Version 1 er udgivet" in status
    read = client.get(_url("playbooks:version", project, pk=version.pk)).content.decode()
    assert "Du læser version 1" in read and "Parken blev fornyet sammen med de frivillige." in read
    pdf = client.get(_url("playbooks:version_pdf", project, pk=version.pk))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert 'filename="drejebog-' in pdf["Content-Disposition"]
    docx = client.get(_url("playbooks:version_docx", project, pk=version.pk))
    assert docx.content.startswith(b"PK")


def test_bad_input_keeps_what_was_typed(client, world, playbook):
    client.force_login(world.dina)
    long_text = "Ord " * 20_000
    response = client.post(
        _url("playbooks:section", playbook.project, key="process"),
        {"text": long_text, "included": "on"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Ord Ord Ord" in page and "error-summary" in page
    assert playbook.sections.get(key=SectionKey.PROCESS).text == ""
    response = client.post(
        _url("playbooks:settings", playbook.project),
        {"title": "", "subtitle": "Til andre forvaltninger"},
    )
    assert response.status_code == 422
    assert "Til andre forvaltninger" in response.content.decode()
    assert "Giv drejebogen en titel." in response.content.decode()


def test_a_refused_quote_says_why_and_keeps_the_passage(client, world, playbook, collection):
    client.force_login(world.dina)
    small = Story.objects.filter(collection=collection, level="organisation").earliest("id")
    url = _url("playbooks:quote_add", playbook.project, story=small.pk)
    response = client.post(url, {"text": "Foreningen gav os frø.", "comment": "Vigtig"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Foreningen gav os frø." in page and "Vigtig" in page
    assert not playbook.quotes.exists()


def test_a_story_of_another_project_cannot_be_quoted(client, world, playbook):
    from samskab.explorer.tests.helpers import add_stories
    from samskab.playbooks.tests.conftest import project_collection
    from samskab.testing import make_project

    other = project_collection(make_project(world.org_a, title="Andet projekt"))
    add_stories(other, 6)
    story = Story.objects.filter(collection=other).earliest("id")
    client.force_login(world.dina)
    assert (
        client.get(_url("playbooks:quote_add", playbook.project, story=story.pk)).status_code == 404
    )


def test_the_publish_page_lists_what_blocks_it(client, world, playbook):
    section = playbook.sections.get(key=SectionKey.LEARNING)
    services.save_section(section, text="Skriv til jens@example.dk", included=True, user=None)
    client.force_login(world.dina)
    page = client.get(_url("playbooks:publish", playbook.project)).content.decode()
    assert "kan ikke udgives endnu" in page and "e-mailadresse" in page
    assert "Udgiv den næste version" not in page
    response = client.post(_url("playbooks:publish", playbook.project))
    assert response.status_code == 422 and not PlaybookVersion.objects.exists()


def test_a_viewer_sees_only_what_is_published_for_the_organisation(client, world, playbook):
    team = PlaybookVersion.objects.create(
        organisation=world.org_a,
        playbook=playbook,
        number=1,
        published=True,
        visibility=Visibility.TEAM,
        status=BuildStatus.READY,
        html="<p>team</p>",
    )
    everyone = PlaybookVersion.objects.create(
        organisation=world.org_a,
        playbook=playbook,
        number=2,
        published=True,
        visibility=Visibility.ORGANISATION,
        status=BuildStatus.READY,
        html="<p>alle</p>",
    )
    client.force_login(world.bo)
    page = client.get(_url("playbooks:home", playbook.project)).content.decode()
    assert "Version 2" in page and "Version 1" not in page
    assert 'Læs<span class="visually-hidden"> Version 2</span>' in page  # a link's own name
    assert "Start drejebogen" not in page and "Sektioner" not in page
    assert client.get(_url("playbooks:version", playbook.project, pk=team.pk)).status_code == 403
    assert (
        client.get(_url("playbooks:version", playbook.project, pk=everyone.pk)).status_code == 200
    )


def test_comparing_two_versions_shows_the_changed_section(client, world, playbook):
    section = playbook.sections.get(key=SectionKey.REFLECTIONS)
    services.save_section(section, text="Første tanke.", included=True, user=None)
    services.publish_now(playbook, world.dina)
    services.save_section(
        section, text="Første tanke.\n\nEn ny anbefaling.", included=True, user=None
    )
    services.publish_now(playbook, world.dina)
    client.force_login(world.erik)
    page = client.get(_url("playbooks:compare", playbook.project)).content.decode()
    assert "<ins>" in page and "En ny anbefaling." in page
    assert "Uændret." in page  # the other sections


def test_the_explorer_story_list_offers_to_quote_to_those_who_edit_the_playbook(
    client, world, project, collection
):
    url = reverse("explorer:stories", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    client.force_login(world.dina)
    page = client.get(url, {"level": "employee"}).content.decode()
    shown = re.findall(r"/playbook/quotes/story/(\d+)/", page)
    assert shown and "Citér i drejebogen" in page
    assert set(Story.objects.filter(pk__in=shown).values_list("level", flat=True)) == {"employee"}
    client.force_login(world.erik)  # reads stories, does not edit the project
    page = client.get(url, {"level": "employee"}).content.decode()
    assert "playbook/quotes" not in page and "Citér i drejebogen" not in page


def test_polling_a_version_never_reads_its_files(client, world, playbook):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    version = PlaybookVersion.objects.create(
        organisation=world.org_a,
        playbook=playbook,
        number=1,
        status=BuildStatus.RUNNING,
        pdf=b"%PDF-" + b"x" * 100_000,
        docx=b"PK",
        html="<p>x</p>",
    )
    client.force_login(world.dina)
    url = _url("playbooks:version_status", playbook.project, pk=version.pk)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    reads = [q["sql"] for q in queries if '"playbooks_playbookversion"."status"' in q["sql"]]
    assert reads and not any('"pdf"' in sql or '"docx"' in sql for sql in reads)
    # A download reads its own file, and only that one.
    PlaybookVersion.objects.filter(pk=version.pk).update(status=BuildStatus.READY)
    pdf_url = _url("playbooks:version_pdf", playbook.project, pk=version.pk)
    assert client.get(pdf_url).content.startswith(b"%PDF-")
