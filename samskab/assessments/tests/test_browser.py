"""The self-assessment pages pass the axe-core audit in Chromium, on desktop and phone."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.assessments.tests.factories import make_assessment
from samskab.testing import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_assessment_pages_pass_axe(page, live_server, world, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    project = make_project(world.org_a)
    make_assessment(world.org_a, project, "Start", 60, role_citizens=2, rule_open_process=4)
    latest = make_assessment(world.org_a, project, "Midtvejs", 5, role_citizens=4)
    _log_in(page, live_server, world.dina)
    kwargs = {"org": "aarby", "project": project.pk}
    for url in (
        reverse("assessments:list", kwargs=kwargs),
        reverse("assessments:create", kwargs=kwargs),
        reverse("assessments:detail", kwargs={**kwargs, "pk": latest.pk}),
        reverse("assessments:edit", kwargs={**kwargs, "pk": latest.pk}),
    ):
        page.goto(live_server.url + url)
        violations = run_axe(page)
        assert not violations, f"{url}: {describe_violations(violations)}"
    # A rejected form (nothing scored, no date) keeps the reflection and still passes.
    page.goto(live_server.url + reverse("assessments:create", kwargs=kwargs))
    page.fill("#id_title", "Slut")
    page.fill("#id_reflection_role_citizens", "Vi mangler borgerne.")
    page.get_by_role("button", name="Gem selvevaluering").click()
    page.wait_for_selector(".error-summary")
    assert page.input_value("#id_reflection_role_citizens") == "Vi mangler borgerne."
    violations = run_axe(page)
    assert not violations, f"form with errors: {describe_violations(violations)}"
