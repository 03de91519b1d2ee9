"""The story form in headless Chromium: keyboard alone, axe-core, and without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.capture.tests.conftest import make_collection
from samskab.instruments.models import Story, StorySource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _form_url(live_server, collection):
    return live_server.url + reverse("capture:form", kwargs={"slug": collection.slug})


def _tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _press(page, key, times=1):
    for _ in range(times):
        page.keyboard.press(key)


def _value(page, selector):
    return page.evaluate("(s) => document.querySelector(s).value", selector)


def _story_with_the_keyboard(page):
    _tab_to(page, "input[name=prompt]")
    page.keyboard.press("Space")  # the first question
    page.keyboard.press("ArrowDown")  # ... no, the second one
    _tab_to(page, "#id_title")
    page.keyboard.type("Bænken i parken")
    page.keyboard.press("Tab")
    page.keyboard.type("Vi byggede en bænk sammen med gartnerne, og alle kom.")
    _tab_to(page, "input[name=level]")
    page.keyboard.press("Space")
    _press(page, "ArrowDown", 2)  # volunteer or citizen

    # Triad: the first arrow puts the point in the middle, then up 10 (Shift) and right 5.
    _tab_to(page, "#s-drivers .triad-svg")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("ArrowUp")
    assert _value(page, "#id_s-drivers-top") == "33,3"
    page.keyboard.press("Shift+ArrowUp")
    _press(page, "ArrowRight", 5)
    shares = [_value(page, f"#id_s-drivers-{part}") for part in ("top", "left", "right")]
    assert sum(float(s.replace(",", ".")) for s in shares) == pytest.approx(100)
    text = page.evaluate("document.activeElement.getAttribute('aria-valuetext')")
    assert "borgernes egne idéer og kræfter 43" in text

    # The second triad: not applicable; its inputs are then disabled.
    _tab_to(page, "#id_s-difference-na")
    page.keyboard.press("Space")
    assert page.is_disabled("#id_s-difference-top")

    # Dyad: Home goes to 0, then 20 steps right.
    _tab_to(page, "#s-decided-range")
    page.keyboard.press("Home")
    _press(page, "ArrowRight", 20)
    assert _value(page, "#id_s-decided-value") == "20"
    # The second dyad is left alone: skipped.

    # Stones: place "borgere" with the tray button, move it up 20 and left 10.
    _tab_to(page, ".stone-toggle[data-stone=citizens]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('data-stone')") == "citizens"
    ring = "getComputedStyle(document.activeElement.querySelector('.stone-ring')).stroke"
    assert page.evaluate(ring) not in ("none", "transparent", "rgba(0, 0, 0, 0)")
    _press(page, "Shift+ArrowUp", 2)
    page.keyboard.press("Shift+ArrowLeft")

    _tab_to(page, "input[name=s-frequency-choice]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # now then
    _tab_to(page, "#id_s-feelings-choice_0")
    page.keyboard.press("Space")
    _tab_to(page, "#id_s-feelings-choice_5")
    page.keyboard.press("Space")
    _tab_to(page, "#id_s-lesson-text")
    page.keyboard.type("Spørg borgerne først.")
    _tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    _tab_to(page, ".capture-form button[type=submit]")
    page.keyboard.press("Enter")


def test_a_full_story_with_the_keyboard_alone_on_a_phone(page, live_server, world):
    collection = make_collection(world.org_a)
    page.set_viewport_size(PHONE)
    page.goto(_form_url(live_server, collection))
    _story_with_the_keyboard(page)
    page.wait_for_url("**/tak/")
    code = page.inner_text(".receipt-code code")
    assert len(code) == 14

    story = Story.objects.get()
    assert story.source == StorySource.PUBLIC
    assert story.prompt == "friend" and story.level == "volunteer_citizen"
    answers = story.answers
    top, left, right = answers["drivers"]["value"]
    assert (top, left, right) == pytest.approx((0.433, 0.233, 0.333), abs=0.002)
    assert answers["difference"] == {"state": "na"}
    assert answers["decided"] == {"state": "answered", "value": 0.2}
    assert answers["felt"] == {"state": "skipped"}
    assert answers["actors"] == {"state": "answered", "value": {"citizens": [0.4, 0.7]}}
    assert answers["frequency"] == {"state": "answered", "value": "sometimes"}
    assert answers["feelings"] == {"state": "answered", "value": ["glad", "hopeful"]}
    assert answers["lesson"]["value"] == "Spørg borgerne først."


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_capture_pages_pass_axe(page, live_server, world, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    collection = make_collection(world.org_a)
    url = _form_url(live_server, collection)
    page.goto(url)
    violations = run_axe(page)
    assert not violations, f"empty form: {describe_violations(violations)}"

    page.fill("#id_s-drivers-top", "90")
    page.click(".capture-form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    violations = run_axe(page)
    assert not violations, f"form with errors: {describe_violations(violations)}"

    page.fill("#id_text", "En kort historie om et godt samarbejde.")
    page.fill("#id_s-drivers-top", "")
    page.fill("#id_s-drivers-left", "")
    page.fill("#id_s-drivers-right", "")
    page.check("#id_prompt_0")
    page.check("#id_level_0")
    page.check("#id_consent")
    page.click(".capture-form button[type=submit]")
    page.wait_for_url("**/tak/")
    violations = run_axe(page)
    assert not violations, f"thank-you page: {describe_violations(violations)}"

    page.goto(live_server.url + reverse("capture:withdraw"))
    violations = run_axe(page)
    assert not violations, f"withdrawal page: {describe_violations(violations)}"


def test_without_javascript_the_plain_inputs_work(
    browser, browser_context_args, live_server, world
):
    collection = make_collection(world.org_a)
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(_form_url(live_server, collection))
    assert not page.is_visible(".triad-svg")  # the widgets stay hidden
    page.check("#id_prompt_0")
    page.fill("#id_text", "Uden JavaScript gik det også.")
    page.check("#id_level_1")
    page.fill("#id_s-drivers-top", "20")
    page.fill("#id_s-drivers-left", "30,5")
    page.fill("#id_s-drivers-right", "49,5")
    page.fill("#id_s-felt-value", "75")
    page.check("#id_s-actors-staff-placed")
    page.fill("#id_s-actors-staff-x", "60")
    page.fill("#id_s-actors-staff-y", "25")
    page.check("#id_s-frequency-na")
    page.check("#id_consent")
    page.click(".capture-form button[type=submit]")
    page.wait_for_url("**/tak/")
    assert page.is_visible(".receipt-code")
    context.close()

    answers = Story.objects.get().answers
    assert answers["drivers"]["value"] == pytest.approx([0.2, 0.305, 0.495])
    assert answers["decided"] == {"state": "skipped"}
    assert answers["felt"] == {"state": "answered", "value": 0.75}
    assert answers["actors"]["value"] == {"staff": [0.6, 0.25]}
    assert answers["frequency"] == {"state": "na"}


def test_withdrawing_in_the_browser(page, live_server, world):
    collection = make_collection(world.org_a)
    page.goto(_form_url(live_server, collection))
    page.fill("#id_text", "En historie, jeg fortryder.")
    page.check("#id_prompt_0")
    page.check("#id_level_0")
    page.check("#id_consent")
    page.click(".capture-form button[type=submit]")
    page.wait_for_url("**/tak/")
    code = page.inner_text(".receipt-code code")
    page.get_by_role("link", name="Din historie").click()
    page.fill("#id_code", code)
    page.get_by_role("button", name="Vis min historie").click()
    assert "En historie, jeg fortryder." in page.inner_text(".story-text")
    page.get_by_role("button", name="Slet min historie").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Din historie er slettet"
    assert not Story.objects.exists()
