"""Real-browser checks in Debian's Chromium: the axe-core audit and keyboard-only answering."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.alignment.content import GAIN_CODES
from samskab.alignment.models import AlignmentResponse, GainRating
from samskab.alignment.tests.factories import answer, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
VIEWPORTS = pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])


def _log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _assert_axe_clean(page, label):
    violations = run_axe(page)
    assert not violations, f"{label}: {describe_violations(violations)}"


@VIEWPORTS
def test_public_form_passes_axe_also_with_errors(page, live_server, world, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    alignment_round = make_round(world.org_a)
    page.goto(
        live_server.url + reverse("alignment:public", kwargs={"token": alignment_round.token})
    )
    _assert_axe_clean(page, "public form")
    page.check("#id_gain_synergy_3")
    page.get_by_role("button", name="Send mit svar").click()
    page.wait_for_selector(".error-summary")
    assert page.is_checked("#id_gain_synergy_3")
    _assert_axe_clean(page, "public form with errors")
    alignment_round.is_open = False
    alignment_round.save()
    page.reload()
    assert page.get_by_role("heading", level=1).inner_text() == "Runden er lukket"
    _assert_axe_clean(page, "closed round")


@VIEWPORTS
def test_staff_alignment_pages_pass_axe(page, live_server, world, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    alignment_round = make_round(world.org_a)
    for group, size in (("employee", 5), ("citizen", 6), ("politician", 2)):
        for index in range(size):
            answer(alignment_round, group, index % 5, goals="Flere bænke" if index == 0 else "")
    _log_in(page, live_server, world.dina)
    kwargs = {"org": "aarby", "project": alignment_round.project_id}
    for url in (
        reverse("alignment:list", kwargs=kwargs),
        reverse("alignment:results", kwargs={**kwargs, "pk": alignment_round.pk}),
        reverse("alignment:respond", kwargs={**kwargs, "pk": alignment_round.pk}),
        reverse("alignment:create", kwargs=kwargs),
    ):
        page.goto(live_server.url + url)
        _assert_axe_clean(page, url)


def test_public_form_with_the_keyboard_alone(page, live_server, world):
    alignment_round = make_round(world.org_a)
    page.goto(
        live_server.url + reverse("alignment:public", kwargs={"token": alignment_round.token})
    )

    def focused(prop):
        return page.evaluate(f"document.activeElement.{prop}")

    for _ in range(20):  # skip link, header and language switcher come first
        page.keyboard.press("Tab")
        if focused("name") == "actor_group":
            break
    assert focused("name") == "actor_group"
    page.keyboard.press("ArrowDown")  # arrow keys move within the group and choose
    page.keyboard.press("ArrowDown")
    assert focused("value") == "employee" and focused("checked")
    for index, code in enumerate(GAIN_CODES):
        page.keyboard.press("Tab")  # one Tab per group
        assert focused("name") == f"gain_{code}"
        page.keyboard.press("Space")  # choose the focused first answer ("not at all")
        for _ in range(index % 5):
            page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    assert focused("name") == "own_goals"
    page.keyboard.type("Et grønt åndehul for alle.")
    page.keyboard.press("Tab")
    assert focused("type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url("**/tak/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tak for dit svar"
    stored = AlignmentResponse.objects.get()
    assert stored.actor_group == "employee"
    assert stored.own_goals == "Et grønt åndehul for alle."
    ratings = dict(GainRating.objects.values_list("gain", "rating"))
    assert [ratings[code] for code in GAIN_CODES] == [index % 5 for index in range(8)]
    _assert_axe_clean(page, "thank-you page")
