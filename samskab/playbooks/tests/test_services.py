"""The playbook's life: made once with ten sections, edited, built in the background,
published as numbered versions that never change."""

from __future__ import annotations

import io

import pytest
from django_tasks_db.models import DBTaskResult
from docx import Document as Docx

from samskab.playbooks import services
from samskab.playbooks.models import BuildStatus, Playbook, PlaybookVersion, Visibility
from samskab.playbooks.sections import ORDER, SectionKey
from samskab.playbooks.tasks import build_playbook

pytestmark = pytest.mark.django_db


def test_a_playbook_is_made_once_with_every_section(project, world):
    first = services.ensure_playbook(project, world.dina)
    again = services.ensure_playbook(project, world.anna)
    assert first.pk == again.pk and Playbook.objects.count() == 1
    assert [s.key for s in first.sections.all()] == ORDER
    assert first.title == "Drejebog: Parken der blev fornyet"


def test_moving_a_section_past_either_end_changes_nothing(playbook):
    summary = playbook.sections.get(key=SectionKey.SUMMARY)
    services.move_section(summary, -1)
    assert [s.key for s in playbook.sections.all()] == ORDER
    appendix = playbook.sections.get(key=SectionKey.APPENDIX)
    services.move_section(appendix, 1)
    services.move_section(appendix, -1)
    keys = [s.key for s in playbook.sections.all()]
    assert keys[-2:] == ["appendix", "reflections"]


def test_a_build_waits_for_the_worker_and_freezes_the_draft(
    playbook, world, django_capture_on_commit_callbacks
):
    section = playbook.sections.get(key=SectionKey.SUMMARY)
    services.save_section(section, text="Første udgave.", included=True, user=world.dina)
    with django_capture_on_commit_callbacks(execute=True):
        version = services.request_build(playbook, world.dina, publish=True, language="da")
    assert version.number == 1 and version.status == BuildStatus.QUEUED and not version.published
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [world.org_a.pk, version.pk]
    # Edited while the version waits: the version keeps what was asked for.
    services.save_section(section, text="Rettet bagefter.", included=True, user=world.dina)
    with pytest.raises(services.BuildRunning):
        services.request_build(playbook, world.dina, publish=True, language="da")
    build_playbook.call(world.org_a.pk, version.pk)
    version.refresh_from_db()
    assert version.status == BuildStatus.READY and version.published and version.progress == 100
    assert "Første udgave." in version.html and "Rettet bagefter." not in version.html
    assert bytes(version.pdf).startswith(b"%PDF-") and version.pages >= 3
    text = "\n".join(p.text for p in Docx(io.BytesIO(bytes(version.docx))).paragraphs)
    assert "Første udgave." in text


def test_a_published_version_never_changes_and_the_next_gets_the_next_number(playbook, world):
    section = playbook.sections.get(key=SectionKey.SUMMARY)
    services.save_section(section, text="Version et.", included=True, user=world.dina)
    first = services.publish_now(playbook, world.dina)
    assert first.pdf is not None and first.document is not None
    html, pdf = first.html, bytes(first.pdf)
    services.save_section(section, text="Version to.", included=True, user=world.dina)
    second = services.publish_now(playbook, world.dina)
    first.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.pdf is not None and first.document is not None and second.document is not None
    assert first.html == html and bytes(first.pdf) == pdf
    assert "Version to." in second.html and "Version to." not in first.html
    assert first.document["version"] == "Version 1" and second.document["version"] == "Version 2"


def test_a_preview_is_not_published_and_replaces_the_previous_preview(playbook, world):
    services.request_build(playbook, world.dina, publish=False, language="da")
    PlaybookVersion.objects.update(status=BuildStatus.READY)
    services.request_build(playbook, world.dina, publish=False, language="da")
    preview = PlaybookVersion.objects.get()
    assert preview.number is None and not preview.published
    assert preview.visibility == Visibility.TEAM


def test_a_failing_build_is_recorded_and_publishes_nothing(playbook, world, monkeypatch):
    def broken(document):
        raise RuntimeError("boom")

    monkeypatch.setattr("samskab.playbooks.render_docx.render_docx", broken)
    version = services.publish_now(playbook, world.dina)
    assert version.status == BuildStatus.FAILED and not version.published
    assert version.error == "RuntimeError" and version.published_at is None
    # A failed build does not block the next one.
    monkeypatch.undo()
    assert services.publish_now(playbook, world.dina).published


@pytest.mark.parametrize(
    ("visibility", "readers"),
    [
        (Visibility.TEAM, {"anna", "dina", "erik"}),
        (Visibility.ORGANISATION, {"anna", "dina", "erik", "bo"}),
        (Visibility.PUBLIC, {"anna", "dina", "erik", "bo"}),
    ],
)
def test_who_may_read_a_published_version(playbook, world, visibility, readers):
    playbook.visibility = visibility
    playbook.save()
    version = PlaybookVersion.objects.create(
        organisation=world.org_a,
        playbook=playbook,
        number=1,
        published=True,
        visibility=visibility,
        status=BuildStatus.READY,
    )
    preview = PlaybookVersion.objects.create(organisation=world.org_a, playbook=playbook)
    members = {m.user.username: m for m in world.org_a.memberships.select_related("user")}
    assert {n for n, m in members.items() if services.may_read(version, m)} == readers
    assert {n for n, m in members.items() if services.may_read(preview, m)} == {"anna", "dina"}
