"""A large version's store is built in the background; the pages show progress meanwhile."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.explorer.models import BuildStatus, StoreBuild
from samskab.explorer.services import builds
from samskab.explorer.tests.helpers import add_stories, make_collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(settings, world):
    """A collection above the (lowered) size built within a request."""
    settings.EXPLORER_INLINE_BUILD_MAX = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    collection = make_collection(world.org_a)
    add_stories(collection, 8, level="employee")
    add_stories(collection, 8, level="user")
    return collection


def _url(world, collection, name="dashboard"):
    return reverse(f"explorer:{name}", kwargs={"org": world.org_a.slug, "pk": collection.pk})


def test_the_page_shows_progress_then_the_store(
    client, world, large, django_capture_on_commit_callbacks
):
    client.force_login(world.erik)
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        body = client.get(_url(world, large)).content.decode()
    assert "The stories are being prepared for analysis." in body
    assert "Waiting for the background worker." in body
    assert 'hx-trigger="every 2s"' in body
    build = StoreBuild.objects.get(collection=large)
    assert build.status == BuildStatus.QUEUED and len(callbacks) == 1
    # A second view while it is queued does not start another build.
    with django_capture_on_commit_callbacks(execute=False) as again:
        client.get(_url(world, large, "patterns"))
    assert StoreBuild.objects.filter(collection=large).count() == 1 and not again
    callbacks[0]()  # the worker runs it
    build.refresh_from_db()
    assert (build.status, build.rows_done, build.rows_total, build.percent) == (
        BuildStatus.DONE,
        16,
        16,
        100,
    )
    response = client.get(_url(world, large))
    assert response.context["board"].n == 16
    # After the build, a new story only updates the cached store, in the request.
    add_stories(large, 1)
    assert client.get(_url(world, large)).context["board"].n == 17
    assert StoreBuild.objects.filter(collection=large).count() == 1


def test_the_polled_status(client, world, large):
    client.force_login(world.bo)
    client.cookies["django_language"] = "en"
    build = StoreBuild.objects.create(
        organisation=world.org_a,
        collection=large,
        version=large.instrument.versions.get(),
        status=BuildStatus.RUNNING,
        rows_done=4,
        rows_total=16,
    )
    status = _url(world, large, "build_status")
    body = client.get(status).content.decode()
    assert "4 of 16 stories read" in body and 'value="25"' in body
    build.status = BuildStatus.DONE
    build.save()
    assert client.get(status, headers={"HX-Request": "true"})["HX-Refresh"] == "true"
    back = client.get(status, {"next": _url(world, large, "patterns") + "?by=level"})
    assert back["Location"] == _url(world, large, "patterns") + "?by=level"
    elsewhere = client.get(status, {"next": "https://example.org/"})
    assert elsewhere["Location"] == _url(world, large)


def test_a_failed_build_is_marked_and_a_new_one_can_start(world, large, monkeypatch):
    version = large.instrument.versions.get()
    build = StoreBuild.objects.create(organisation=world.org_a, collection=large, version=version)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(builds, "save_store", broken)
    with pytest.raises(RuntimeError):
        builds.run_build(build)
    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED and build.finished_at is not None
    assert builds.start_build(large, version).pk != build.pk


def test_small_collections_are_built_in_the_request(client, world):
    collection = make_collection(world.org_a)
    add_stories(collection, 12)
    client.force_login(world.erik)
    assert client.get(_url(world, collection)).context["board"].n == 12
    assert not StoreBuild.objects.exists()
