"""Every playbook page passes the axe-core audit in Chromium, on desktop and phone; the
section editor works with the keyboard alone; the build's progress updates without a reload."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.measurement.tests.browser import PHONE, assert_axe_clean, log_in
from samskab.playbooks import services
from samskab.playbooks.models import BuildStatus, PlaybookVersion
from samskab.playbooks.sections import SectionKey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _url(name, project, **kwargs):
    return reverse(name, kwargs={"org": project.organisation.slug, "project": project.pk, **kwargs})


@pytest.fixture
def published(world, playbook, collection):
    from samskab.explorer.models import SavedView
    from samskab.instruments.models import Story

    view = SavedView.objects.create(
        organisation=world.org_a,
        collection=collection,
        title="Medarbejderne",
        query="level=employee",
        signifier="drivers",
    )
    services.set_saved_views(playbook, [view])
    story = Story.objects.filter(collection=collection, level="employee").earliest("id")
    services.add_quote(playbook, story, "plantede bede ved skolen", "", world.dina)
    for key, text in (
        (SectionKey.SUMMARY, "Første version."),
        (SectionKey.REFLECTIONS, "Start tidligt."),
    ):
        services.save_section(playbook.sections.get(key=key), text=text, included=True, user=None)
    services.publish_now(playbook, world.dina)
    services.save_section(
        playbook.sections.get(key=SectionKey.SUMMARY),
        text="Anden version.",
        included=True,
        user=None,
    )
    return services.publish_now(playbook, world.dina)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_playbook_pages_pass_axe(page, live_server, world, playbook, published, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, live_server, world.dina)
    project = playbook.project
    pages = {
        "home": _url("playbooks:home", project),
        "section": _url("playbooks:section", project, key="process"),
        "draft": _url("playbooks:draft", project),
        "publish": _url("playbooks:publish", project),
        "version": _url("playbooks:version", project, pk=published.pk),
        "compare": _url("playbooks:compare", project),
    }
    for label, path in pages.items():
        page.goto(live_server.url + path)
        assert_axe_clean(page, label)
        if viewport:  # nothing wider than the phone's screen
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (label, width)


def test_a_section_is_written_and_saved_with_the_keyboard_alone(page, live_server, world, playbook):
    log_in(page, live_server, world.dina)
    page.goto(live_server.url + _url("playbooks:section", playbook.project, key="learning"))
    page.keyboard.press("Tab")  # the skip link first
    for _ in range(40):
        if page.evaluate("document.activeElement && document.activeElement.name") == "text":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("Vi lærte at invitere tidligt.")
    page.keyboard.press("Tab")  # the "how to format" disclosure
    for _ in range(5):
        if page.evaluate("document.activeElement.textContent.trim()") == "Gem afsnittet":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/playbook/#section-learning")
    assert playbook.sections.get(key=SectionKey.LEARNING).text == "Vi lærte at invitere tidligt."


def test_the_build_progress_updates_in_place(page, live_server, world, playbook):
    version = PlaybookVersion.objects.create(
        organisation=world.org_a,
        playbook=playbook,
        number=1,
        status=BuildStatus.RUNNING,
        progress=40,
        draft={},
    )
    log_in(page, live_server, world.dina)
    page.goto(live_server.url + _url("playbooks:home", playbook.project))
    status = page.locator(f"#version-status-{version.pk}")
    assert "40 %" in status.inner_text()
    PlaybookVersion.objects.filter(pk=version.pk).update(
        status=BuildStatus.READY, published=True, progress=100, html="<p>x</p>"
    )
    page.wait_for_function(
        f"document.querySelector('#version-status-{version.pk}').textContent.includes('udgivet')",
        timeout=5000,
    )
    assert page.locator(f"#version-status-{version.pk} a", has_text="Hent PDF").count() == 1
