"""The instrument pages in a real browser: axe-core audit on desktop and phone, live preview."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.instruments.tests.test_views_support import make_collection, make_instrument
from samskab.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _log_in(page, live_server, email="dina@example.dk"):
    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("home"))
    # The editor asks before leaving with unsaved changes; tests move on.
    page.on("dialog", lambda dialog: dialog.accept())


def _assert_axe(page, where):
    violations = run_axe(page)
    assert not violations, f"{where}: {describe_violations(violations)}"


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_instrument_pages_pass_axe(page, live_server, world, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    instrument = make_instrument(world)
    collection = make_collection(instrument)
    _log_in(page, live_server)
    org = {"org": "aarby"}
    urls = [
        reverse("instruments:list", kwargs=org),
        reverse("instruments:create", kwargs=org),
        reverse("instruments:detail", kwargs={**org, "pk": instrument.pk}),
        reverse("instruments:version", kwargs={**org, "pk": instrument.pk, "number": 1}),
        reverse("instruments:edit", kwargs={**org, "pk": instrument.pk}),
        reverse("instruments:collections", kwargs=org),
        reverse("instruments:collection_create", kwargs=org),
        reverse("instruments:collection_detail", kwargs={**org, "pk": collection.pk}),
        reverse("instruments:collection_print", kwargs={**org, "pk": collection.pk}),
        reverse("instruments:stories", kwargs={**org, "pk": collection.pk}),
    ]
    for url in urls:
        page.goto(live_server.url + url)
        _assert_axe(page, url)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_editor_with_problems_passes_axe(page, live_server, world, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    instrument = make_instrument(world)
    _log_in(page, live_server)
    page.goto(
        live_server.url + reverse("instruments:edit", kwargs={"org": "aarby", "pk": instrument.pk})
    )
    page.fill("#f-title-da", "")
    page.fill("#f-story_max_length", "mange")
    page.locator("button[value=save]").first.click()
    page.wait_for_selector("#editor-problems")
    assert page.evaluate("document.activeElement.id") == "editor-problems"
    assert page.input_value("#f-story_max_length") == "mange"
    assert page.get_attribute("#f-title-da", "aria-invalid") == "true"
    _assert_axe(page, "editor with problems")


def test_live_preview_follows_typing_and_passes_axe(page, live_server, world):
    instrument = make_instrument(world)
    _log_in(page, live_server)
    page.goto(
        live_server.url + reverse("instruments:edit", kwargs={"org": "aarby", "pk": instrument.pk})
    )
    preview = page.locator("#preview-region .pv-title")
    assert preview.inner_text() == "Fortællinger om samskabelse"
    page.fill("#f-title-da", "Historier fra havnen")
    page.wait_for_function(
        "document.querySelector('#preview-region .pv-title').textContent === 'Historier fra havnen'"
    )
    page.fill("#f-signifiers-0-corners-0-label-da", "naboernes idéer")
    page.wait_for_function(
        "document.querySelector('#preview-region .pv-triangle .pv-top').textContent"
        " === 'naboernes idéer'"
    )
    assert page.get_attribute("#preview-region", "aria-live") == "polite"
    _assert_axe(page, "editor after a preview update")
    # A problem appears in the preview region while typing, with a link to the input.
    page.fill("#f-title-da", "")
    page.wait_for_selector("#preview-region .preview-problems a[href='#f-title-da']")
    # The language of the preview can be switched without saving.
    page.select_option("#preview-language", "en")
    page.wait_for_function(
        "document.querySelector('#preview-region .pv').getAttribute('lang') === 'en'"
    )
    assert "Stories of co-creation" in page.inner_text("#preview-region .pv-title")


def test_add_and_remove_work_with_the_keyboard(page, live_server, world):
    instrument = make_instrument(world)
    _log_in(page, live_server)
    page.goto(
        live_server.url + reverse("instruments:edit", kwargs={"org": "aarby", "pk": instrument.pk})
    )
    page.focus("#b-add-signifier-dyad")
    page.keyboard.press("Enter")
    page.wait_for_selector("#f-signifiers-8-title-da")
    assert page.evaluate("document.activeElement.id") == "f-signifiers-8-title-da"
    page.keyboard.type("Hvordan gik det?")
    page.focus("#b-remove-signifiers-8")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.wait_for_function("document.activeElement.id === 'b-add-signifier-triad'")
    assert page.locator("#f-signifiers-8-title-da").count() == 0
