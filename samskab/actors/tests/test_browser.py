"""Key actors in Debian's headless Chromium: the axe-core audit and the form by keyboard alone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.actors.demo import load
from samskab.actors.models import Actor
from samskab.testing import PASSWORD, make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _log_in(page, live_server, email):
    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("home"))


def _url(live_server, project, name, **kwargs):
    return live_server.url + reverse(
        f"actors:{name}", kwargs={"org": "aarby", "project": project.pk, **kwargs}
    )


def _assert_axe(page, where):
    violations = run_axe(page)
    assert not violations, f"{where}: {describe_violations(violations)}"


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_actor_pages_pass_axe(page, live_server, world, viewport):
    project = make_project(world.org_a)
    load(project)
    if viewport:
        page.set_viewport_size(viewport)
    _log_in(page, live_server, "dina@example.dk")
    for name in ("list", "map", "create"):
        page.goto(_url(live_server, project, name))
        _assert_axe(page, name)
    actor = Actor.objects.get(name="Parkens Venner")
    page.goto(_url(live_server, project, "edit", pk=actor.pk))
    _assert_axe(page, "edit")
    # A rejected form shows its errors, keeps what was typed and still passes.
    page.goto(_url(live_server, project, "create"))
    page.fill("#id_notes", "Skrevet før fejlen.")
    page.get_by_role("button", name="Gem aktør").click()
    page.wait_for_selector("[role=alert]")
    assert "Giv aktøren et navn." in page.content()
    assert page.input_value("#id_notes") == "Skrevet før fejlen."
    _assert_axe(page, "create with errors")
    page.goto(live_server.url + project.get_absolute_url())
    _assert_axe(page, "project overview with the actors card")


def test_map_scales_to_a_phone(page, live_server, world):
    project = make_project(world.org_a)
    load(project)
    page.set_viewport_size(PHONE)
    _log_in(page, live_server, "erik@example.dk")
    page.goto(_url(live_server, project, "map"))
    box = page.locator("svg.stakeholder-map").bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _tab_to(page, name, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached {name}")


def test_actor_form_works_with_the_keyboard_alone(page, live_server, world):
    project = make_project(world.org_a)
    _log_in(page, live_server, "dina@example.dk")
    page.goto(_url(live_server, project, "create"))
    _tab_to(page, "name")
    page.keyboard.type("Formand for Teknik- og Miljøudvalget")
    page.keyboard.press("Tab")  # kind
    page.keyboard.press("ArrowDown")  # Person
    page.keyboard.press("Tab")  # role
    page.keyboard.press("ArrowDown")  # Politician
    page.keyboard.press("Tab")  # sector: left empty, follows the role
    page.keyboard.press("Tab")  # influence
    for _ in range(5):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # interest
    for _ in range(2):
        page.keyboard.press("ArrowDown")
    _tab_to(page, "phase_select")
    page.keyboard.press("ArrowDown")  # kept informed
    _tab_to(page, "phase_trial")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # consulted
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Gem aktør"
    page.keyboard.press("Enter")
    page.wait_for_url(_url(live_server, project, "list"))
    actor = Actor.objects.get()
    assert (actor.name, actor.kind, actor.role, actor.sector) == (
        "Formand for Teknik- og Miljøudvalget",
        "person",
        "politician",
        "public",
    )
    assert (actor.influence, actor.interest) == (5, 2)
    assert dict(actor.involvements.values_list("phase", "level")) == {
        "select": "informed",
        "trial": "consulted",
    }
    assert "blev gemt" in page.content()
