"""The organisation's disclosure threshold k: the page, its form, the audit entry, and k applied."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.explorer.forms import ThresholdForm
from samskab.explorer.models import ExplorerSettings
from samskab.explorer.services.query import threshold
from samskab.explorer.tests.helpers import add_stories, make_collection
from samskab.organisations.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def _url(world):
    return reverse("explorer:threshold", kwargs={"org": world.org_a.slug})


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize(
    ("value", "code"),
    [("", "required"), ("many", "invalid"), ("2", "min_value"), ("0", "min_value")],
)
def test_form_refuses_with_a_code(value, code):
    form = ThresholdForm({"min_group": value})
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["min_group"]] == [code]


def test_form_accepts_three_to_a_thousand():
    assert ThresholdForm({"min_group": "3"}).is_valid()
    assert ThresholdForm({"min_group": "1000"}).is_valid()
    assert not ThresholdForm({"min_group": "1001"}).is_valid()


def test_page_explains_k_with_the_current_value(english, world):
    english.force_login(world.anna)
    body = english.get(_url(world)).content.decode()
    assert "Now k is 5." in body
    assert "No count, chart, statistic or list of stories is shown over fewer than k" in body
    assert "hidden" in body and "grey in charts" in body
    assert 'value="5"' in body


def test_below_three_is_refused_and_says_why(english, world):
    english.force_login(world.anna)
    response = english.post(_url(world), {"min_group": "2"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "The smallest group must be at least 3 stories" in body
    assert "could tell who said what" in body
    assert 'aria-invalid="true"' in body
    assert not ExplorerSettings.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPLORER_THRESHOLD_CHANGED).exists()


def test_a_change_is_saved_and_audited_once(english, world):
    english.force_login(world.anna)
    response = english.post(_url(world), {"min_group": "8"}, follow=True)
    assert "The smallest group shown is now 8 stories." in response.content.decode()
    assert threshold(world.org_a) == 8
    assert threshold(world.org_b) == 5
    entry = AuditEntry.objects.for_org(world.org_a).get(
        action=AuditAction.EXPLORER_THRESHOLD_CHANGED
    )
    assert (entry.actor, entry.target, entry.details) == (
        world.anna,
        "k: 5 → 8",
        {"old": 5, "new": 8},
    )
    response = english.post(_url(world), {"min_group": "8"}, follow=True)
    assert "Nothing changed" in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.EXPLORER_THRESHOLD_CHANGED).count() == 1
    log = english.get(reverse("organisations:audit_log", kwargs={"org": world.org_a.slug}))
    assert "Smallest group shown changed" in log.content.decode()


def test_the_default_saved_again_writes_nothing(world, client):
    client.force_login(world.anna)
    assert client.post(_url(world), {"min_group": "5"}).status_code == 302
    assert not ExplorerSettings.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPLORER_THRESHOLD_CHANGED).exists()


def test_a_raised_k_applies_to_the_dashboard_at_once(english, world):
    collection = make_collection(world.org_a)
    add_stories(collection, 30, level="employee")
    add_stories(collection, 30, level="volunteer_citizen")
    add_stories(collection, 6, level="organisation")
    dashboard = reverse("explorer:dashboard", kwargs={"org": world.org_a.slug, "pk": collection.pk})

    def organisation_row(user):
        english.force_login(user)
        response = english.get(dashboard)
        assert response.context["k"] == threshold(world.org_a)
        rows = {row.label: row.value for row, _href in response.context["level_links"]}
        return rows.get("Organisation"), response.content.decode()

    value, body = organisation_row(world.erik)
    assert value == "6"
    english.force_login(world.anna)
    assert english.post(_url(world), {"min_group": "7"}).status_code == 302
    # Six organisations are now a small group: left out of every figure, without a row.
    value, body = organisation_row(world.erik)
    assert value is None
    assert "nothing about fewer than 7 stories is shown" in body
    assert "They are left out of every figure" in body


def test_the_page_is_linked_for_administrators_only(english, world):
    overview = reverse("organisations:dashboard", kwargs={"org": world.org_a.slug})
    english.force_login(world.anna)
    assert _url(world) in english.get(overview).content.decode()
    english.force_login(world.dina)
    assert _url(world) not in english.get(overview).content.decode()


def test_the_explorer_links_it_for_administrators_only(english, world):
    collection = make_collection(world.org_a)
    add_stories(collection, 10)
    dashboard = reverse("explorer:dashboard", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    english.force_login(world.anna)
    assert _url(world) in english.get(dashboard).content.decode()
    english.force_login(world.erik)
    assert _url(world) not in english.get(dashboard).content.decode()


def test_the_role_table_lists_the_permission(english, world):
    english.force_login(world.anna)
    members = english.get(reverse("organisations:members", kwargs={"org": world.org_a.slug}))
    assert "Change the organisation&#x27;s settings, such as the smallest group shown" in (
        members.content.decode()
    )


def test_the_page_explains_the_model_an_administrator_is_setting(english, world):
    english.force_login(world.anna)
    body = english.get(_url(world)).content.decode()
    assert "Large groups are never hidden because a small one exists." in body
    assert "moved slightly at random, by at most 2" in body
    assert "further cells" not in body  # complementary suppression is gone
