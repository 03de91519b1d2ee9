"""Themes: the background run, the page for each role, the theme filter, compare, staleness."""

from __future__ import annotations

import datetime
import re

import numpy as np
import pytest
from django.urls import reverse
from django.utils import translation

from samskab.explorer import demo
from samskab.explorer.models import ThemeError, ThemeRun, ThemeStatus
from samskab.explorer.services.store import store_for
from samskab.explorer.services.themes import create_run, load_model, start_run, themes_of
from samskab.explorer.tasks import find_collection_themes
from samskab.explorer.tests.helpers import add_stories, make_collection
from samskab.instruments.models import Story
from samskab.instruments.services import latest_version
from samskab.testing import make_project

pytestmark = pytest.mark.django_db

COFFEE = "Vi drak kaffe og spiste kage sammen i haven, hyggeligt. Ring på [TELEFON]."
RULES = "Reglerne og ansøgningen til kommunen tog lang tid, svar kom sent."
PLANTS = "Børnene plantede træer og blomster, jord og spader overalt."
BIKES = "Cyklerne på stien kørte for stærkt, trafik og hjelm."
OPTIONS: dict[str, int | str] = {"n_themes": 4, "seed": 0, "method": "nmf"}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def collection(world):
    collection = make_collection(world.org_a)
    add_stories(collection, 30, level="employee", text=COFFEE)
    add_stories(collection, 20, level="volunteer_citizen", text=RULES)
    add_stories(collection, 15, level="user", text=PLANTS)
    add_stories(collection, 3, level="user", text=BIKES)  # a theme below k = 5
    return collection


def _run(collection, **options):
    """A run found now, as the worker would."""
    version = latest_version(collection.instrument)
    run = create_run(collection, version, {**OPTIONS, **options}, None)
    find_collection_themes.call(run.organisation_id, run.pk)
    run.refresh_from_db()
    return run


def _by_terms(run, word):
    return next(t for t in themes_of(run, 5) if word in t.terms)


def _url(world, collection, name="themes"):
    return reverse(f"explorer:{name}", kwargs={"org": world.org_a.slug, "pk": collection.pk})


def _english(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


# --- The task -------------------------------------------------------------------------------


def test_a_run_finds_the_themes_and_assigns_every_story(collection):
    run = _run(collection)
    assert run.status == ThemeStatus.DONE and run.progress == 100 and run.finished_at
    assert run.k == 5 and run.change_counter == collection.change_counter == 68
    sizes = sorted(t["size"] for t in run.themes)
    assert sizes == [3, 15, 20, 30]
    model = load_model(run)
    ids = Story.objects.filter(collection=collection).values_list("id", flat=True)
    assert sorted(model.story_ids.tolist()) == sorted(ids)
    assert set(model.assignment.tolist()) == {0, 1, 2, 3}
    coffee = _by_terms(run, "kaffe")
    assert coffee.size == 30 and len(coffee.representative) == 5
    assert "telefon" not in {term for t in run.themes for term in t["terms"]}


def test_a_theme_below_k_is_withheld_without_words_or_stories(collection):
    run = _run(collection)
    small = next(t for t in themes_of(run, 5) if t.size == 3)
    assert small.withheld and small.withheld[0].reason == "group_below_k"
    assert small.terms == () and small.representative == ()
    # Raising k later withholds a theme that was shown at the run.
    assert next(t for t in themes_of(run, 16) if t.size == 15).withheld


def test_the_same_seed_finds_the_same_themes(collection):
    first = _run(collection, seed=7)
    second = _run(collection, seed=7)
    assert first.themes == second.themes
    assert bytes(first.assignment) == bytes(second.assignment)
    assert bytes(first.story_ids) == bytes(second.story_ids)
    # Only the newest finished run of a version is kept.
    assert list(ThemeRun.objects.filter(collection=collection)) == [second]


def test_only_the_masked_text_is_read(collection):
    Story.objects.filter(collection=collection).update(text_raw="hemmeligt navneord hemmeligt")
    run = _run(collection)
    assert "hemmeligt" not in str(run.themes)


def test_too_few_stories_fail_with_a_reason(world):
    collection = make_collection(world.org_a)
    add_stories(collection, 3, text=COFFEE)
    run = _run(collection)
    assert run.status == ThemeStatus.FAILED and run.error == ThemeError.TOO_FEW


def test_a_run_is_refused_while_another_is_busy(collection):
    version = latest_version(collection.instrument)
    create_run(collection, version, OPTIONS, None)
    # The message is translated: read it in English whatever an earlier test left active.
    with translation.override("en"), pytest.raises(Exception, match="already being found"):
        create_run(collection, version, OPTIONS, None)


def test_a_run_busy_for_hours_was_abandoned_and_no_longer_blocks(collection):
    version = latest_version(collection.instrument)
    stuck = create_run(collection, version, OPTIONS, None)
    hours_ago = stuck.created_at - datetime.timedelta(hours=7)
    ThemeRun.objects.filter(pk=stuck.pk).update(status=ThemeStatus.RUNNING, created_at=hours_ago)
    create_run(collection, version, OPTIONS, None)
    stuck.refresh_from_db()
    assert stuck.status == ThemeStatus.FAILED and stuck.error == ThemeError.FAILED


def test_start_run_enqueues_after_commit(collection, django_capture_on_commit_callbacks):
    version = latest_version(collection.instrument)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(collection, version, OPTIONS, None)
        assert ThemeRun.objects.get(pk=run.pk).status == ThemeStatus.QUEUED
    assert ThemeRun.objects.get(pk=run.pk).status == ThemeStatus.DONE


# --- The page -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["anna", "dina", "erik"])
def test_story_readers_see_themes_stories_and_the_form(client, world, collection, persona):
    run = _run(collection)
    body = _english(client, world.users[persona]).get(_url(world, collection)).content.decode()
    coffee = _by_terms(run, "kaffe")
    assert "kaffe" in body and ">30<" in body
    assert "Vi drak kaffe og spiste kage" in body  # a representative story (masked text)
    assert "[TELEFON]" in body
    assert f"theme={run.pk}%3A{coffee.index}" in body
    assert "Withheld." in body and "Fewer than 5 stories" in body
    assert 'name="n_themes"' in body and "has changed" not in body


def test_a_viewer_sees_themes_but_no_stories_and_no_form(client, world, collection):
    _run(collection)
    body = _english(client, world.bo).get(_url(world, collection)).content.decode()
    # The theme's 30 stories, perturbed by at most 2 for a viewer.
    assert "kaffe" in body and re.search(r">(28|29|30|31|32)<", body)
    assert "Vi drak kaffe" not in body
    assert 'name="n_themes"' not in body


def test_the_page_without_a_run_invites_one(client, world, collection):
    body = _english(client, world.erik).get(_url(world, collection)).content.decode()
    assert "No themes have been found for this version yet." in body
    assert 'name="n_themes"' in body


def test_starting_a_run_from_the_page(
    client, world, collection, django_capture_on_commit_callbacks
):
    client.force_login(world.erik)
    data = {"n_themes": "4", "seed": "3", "method": "kmeans"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(world, collection, "theme_run"), data)
    assert response.status_code == 302
    run = ThemeRun.objects.get(collection=collection)
    assert (run.status, run.n_themes, run.seed, run.method) == ("done", 4, 3, "kmeans")
    assert run.created_by == world.erik


def test_a_wrong_number_of_themes_is_refused_on_the_page(client, world, collection):
    client = _english(client, world.erik)
    response = client.post(_url(world, collection, "theme_run"), {"n_themes": "30", "seed": "0"})
    assert response.status_code == 422
    assert "Ask for at most 20 themes." in response.content.decode()
    assert not ThemeRun.objects.exists()


def test_a_second_run_while_one_is_busy_is_refused_on_the_page(client, world, collection):
    create_run(collection, latest_version(collection.instrument), OPTIONS, None)
    client = _english(client, world.erik)
    response = client.post(_url(world, collection, "theme_run"), OPTIONS, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert "already being found" in response.content.decode()
    assert ThemeRun.objects.count() == 1


def test_a_busy_run_shows_progress_and_polls(client, world, collection):
    run = create_run(collection, latest_version(collection.instrument), OPTIONS, None)
    client = _english(client, world.bo)
    body = client.get(_url(world, collection)).content.decode()
    assert 'hx-get="' in body and "waiting for the background worker" in body
    assert 'name="n_themes"' not in body
    ThemeRun.objects.filter(pk=run.pk).update(status="running", phase="finding", progress=50)
    partial = client.get(_url(world, collection), HTTP_HX_REQUEST="true")
    assert "50 % done" in partial.content.decode() and "<h1" not in partial.content.decode()
    find_collection_themes.call(run.organisation_id, run.pk)  # already running: left alone
    ThemeRun.objects.filter(pk=run.pk).update(status="done")
    finished = client.get(_url(world, collection), HTTP_HX_REQUEST="true")
    assert finished.headers["HX-Refresh"] == "true"


def test_a_failed_run_says_why(client, world):
    collection = make_collection(world.org_a)
    add_stories(collection, 3, text=COFFEE)
    _run(collection)
    body = _english(client, world.erik).get(_url(world, collection)).content.decode()
    assert "too few stories or words" in body


def test_the_page_says_when_the_run_is_stale(client, world, collection):
    _run(collection)
    add_stories(collection, 3, text=COFFEE)
    body = _english(client, world.erik).get(_url(world, collection)).content.decode()
    assert "The collection has changed 3 times since these themes were found" in body
    assert 'href="#run-heading"' in body


# --- The filter -----------------------------------------------------------------------------


def _value(run, word):
    return f"{run.pk}:{_by_terms(run, word).index}"


def test_the_theme_filter_narrows_the_dashboard_to_the_theme(client, world, collection):
    run = _run(collection)
    url = _url(world, collection, "dashboard")
    for user in (world.erik, world.bo):
        client.force_login(user)
        assert 'name="theme"' in client.get(url).content.decode()
        for word, size in (("kaffe", 30), ("reglerne", 20), ("børnene", 15)):
            response = client.get(url, {"theme": _value(run, word)})
            assert response.status_code == 200
            shown = response.context["board"].n
            # Exact for a reader of stories; a viewer's count is perturbed by at most 2.
            assert shown == size if user == world.erik else abs(shown - size) <= 2


def test_the_theme_filter_reads_stories_and_combines_with_others(client, world, collection):
    run = _run(collection)
    client.force_login(world.erik)
    url = _url(world, collection, "stories")
    response = client.get(url, {"theme": _value(run, "reglerne"), "q": "svar"})
    assert response.context["count"] == 20
    response = client.get(url, {"theme": _value(run, "reglerne"), "level": "employee"})
    assert response.context["count"] == 0


def test_no_theme_field_before_a_run(client, world, collection):
    client.force_login(world.bo)
    body = client.get(_url(world, collection, "dashboard")).content.decode()
    assert 'name="theme"' not in body


def test_theme_against_theme_in_compare(client, world, collection):
    run = _run(collection)
    client = _english(client, world.bo)
    query = {"a-theme": _value(run, "kaffe"), "b-theme": _value(run, "reglerne")}
    response = client.get(_url(world, collection, "compare"), query)
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.n_a, report.n_b) == (30, 20)
    names = response.context["names"]
    assert names.group_a.startswith("theme ") and "(" in names.group_a


def test_invalid_theme_values_are_form_errors(client, world, collection):
    run = _run(collection)
    other = make_collection(world.org_a, name="Anden samling")
    add_stories(other, 30, text=COFFEE)
    add_stories(other, 20, text=RULES)
    other_run = _run(other, n_themes=2)
    foreign = make_collection(world.org_b)
    add_stories(foreign, 30, text=COFFEE)
    add_stories(foreign, 20, text=RULES)
    foreign_run = _run(foreign, n_themes=2)
    small = next(t for t in themes_of(run, 5) if t.withheld)
    client.force_login(world.bo)
    url = _url(world, collection, "dashboard")
    for value in (
        f"{other_run.pk}:0",
        f"{foreign_run.pk}:0",
        f"{run.pk}:{small.index}",
        f"{run.pk}:99",
        "abc",
        f"{run.pk + 1000}:0",
    ):
        response = client.get(url, {"theme": value})
        assert response.status_code == 422, value
        assert response.context["form"].errors["theme"], value
        assert not response.context["board"].filtered


def test_a_theme_of_an_older_run_is_refused(client, world, collection):
    first = _run(collection)
    old_value = _value(first, "kaffe")
    _run(collection, seed=1)
    client.force_login(world.bo)
    response = client.get(_url(world, collection, "dashboard"), {"theme": old_value})
    assert response.status_code == 422


def test_stories_added_after_the_run_have_no_theme(client, world, collection):
    run = _run(collection)
    add_stories(collection, 5, level="employee", text=COFFEE)
    client.force_login(world.erik)  # exact counts (a viewer's are perturbed)
    response = client.get(_url(world, collection, "dashboard"), {"theme": _value(run, "kaffe")})
    assert response.context["board"].n == 30
    newest = list(Story.objects.order_by("-id").values_list("id", flat=True)[:5])
    assert not np.isin(newest, load_model(run).story_ids).any()


# --- The demo -------------------------------------------------------------------------------


def test_the_demo_has_themes(world):
    project = make_project(world.org_a)
    park = demo.load(project)
    run = ThemeRun.objects.get(collection=park)
    assert run.status == ThemeStatus.DONE and len(run.themes) == 8
    assert sum(t["size"] for t in run.themes) == demo.STORIES
    demo.load(project)
    assert ThemeRun.objects.filter(collection=park).count() == 1


# --- In the browser -------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_on_the_themes_page(live_server, page, world, settings, tmp_path):
    from conftest import describe_violations, run_axe
    from samskab.testing import PASSWORD

    settings.EXPLORER_CACHE_DIR = tmp_path
    collection = make_collection(world.org_a)
    add_stories(collection, 30, level="employee", text=COFFEE)
    add_stories(collection, 20, level="volunteer_citizen", text=RULES)
    add_stories(collection, 3, level="user", text=BIKES)
    _run(collection, n_themes=3)
    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", "erik@example.dk")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("home"))
    url = live_server.url + _url(world, collection)
    for size in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        page.set_viewport_size(size)
        page.goto(url)
        assert not (violations := run_axe(page)), (size, describe_violations(violations))
        page.fill("input[name=n_themes]", "1")
        page.click("#theme-run-form button[type=submit]")
        page.wait_for_selector(".error-summary")
        assert not (violations := run_axe(page)), (size, describe_violations(violations))
    create_run(collection, latest_version(collection.instrument), OPTIONS, None)  # busy
    page.goto(url)
    assert page.locator("#theme-status[aria-live=polite]").count() == 1
    assert not (violations := run_axe(page)), ("busy", describe_violations(violations))


def test_stories_left_out_of_the_release_shape_no_theme(world):
    """Four organisations (a small group alone) are left out of the release: their words do
    not reach the theme run, so no theme term can come from them."""
    collection = make_collection(world.org_a)
    add_stories(collection, 30, level="employee", text=COFFEE)
    add_stories(collection, 20, level="volunteer_citizen", text=RULES)
    add_stories(collection, 4, level="organisation", text="Solsikkemarken solsikkemarken frø.")
    store_for(collection, latest_version(collection.instrument))  # the store the page builds
    run = _run(collection)
    assert run.status == ThemeStatus.DONE
    assert "solsikke" not in str(run.themes).lower()
    organisations = Story.objects.filter(collection=collection, level="organisation")
    assert not np.isin(
        list(organisations.values_list("id", flat=True)), load_model(run).story_ids
    ).any()
