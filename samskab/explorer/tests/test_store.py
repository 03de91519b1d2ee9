"""Answers in the database become store columns; the cache follows the change counter."""

from __future__ import annotations

import numpy as np
import pytest

from samskab.analysis.schema import AnswerState
from samskab.explorer.services.store import cache_root, store_for
from samskab.explorer.tests.helpers import add_stories, make_collection, submit
from samskab.instruments.services import latest_version

pytestmark = pytest.mark.django_db


def test_round_trip_with_states(world):
    collection = make_collection(world.org_a)
    version = add_stories(
        collection,
        2,
        jitter=False,
        top=0.5,
        left=0.25,
        right=0.25,
        dyad=0.8,
        felt={"state": "skipped"},
        actors={"state": "answered", "value": {"staff": [0.2, 0.9]}},
    )
    store = store_for(collection, version)
    assert store.n == 2
    assert store.schema.get("drivers").parts == ("citizens", "staff", "rules")
    np.testing.assert_allclose(store.part("drivers", "p0"), [0.5, 0.5])
    assert (store.state("difference") == AnswerState.NOT_APPLICABLE).all()
    assert (store.state("felt") == AnswerState.SKIPPED).all()
    np.testing.assert_allclose(store.part("decided", "x"), [0.8, 0.8])
    assert store.part("frequency", "code").tolist() == [1, 1]  # "sometimes"
    assert (
        store.part("feelings", "ticks")[0].tolist()
        == [True, True, False, False, False, False][: len(store.schema.get("feelings").parts)]
    )
    staff = store.schema.get("actors").parts.index("staff")
    np.testing.assert_allclose(store.part("actors", f"s{staff}y"), [0.9, 0.9])
    assert store.column("level").tolist() == [1, 1]  # employee


def test_a_new_story_bumps_the_counter_and_rebuilds(world):
    collection = make_collection(world.org_a)
    version = add_stories(collection, 5)
    first = store_for(collection, version)
    submit(collection)
    second = store_for(collection, latest_version(collection.instrument))
    assert second.n == first.n + 1
    assert second.change_counter == first.change_counter + 1
    folder = cache_root() / str(collection.pk) / f"v{version.number}"
    assert [p.name for p in folder.glob("c*")] == [f"c{second.change_counter}"]


def _python_store(collection, version):
    from samskab.analysis.builder import build_store
    from samskab.explorer.services.store import chunks, schema_for, story_rows

    schema = schema_for(collection.pk, version.number, version.parsed)
    return build_store(schema, chunks(schema, story_rows(collection, version)), 1)


def test_sql_extraction_gives_the_same_store_as_decoding_in_python(world):
    """The database takes the JSON apart; the result equals row-by-row decoding."""
    from samskab.analysis.builder import build_store
    from samskab.explorer.services.store import schema_for, sql_chunks

    collection = make_collection(world.org_a)
    add_stories(collection, 7)
    add_stories(
        collection,
        3,
        level="user",
        difference={"state": "skipped"},
        felt={"state": "na"},
        actors={"state": "answered", "value": {"staff": [0.2, 0.9], "citizens": [0.0, 1.0]}},
    )
    version = add_stories(collection, 2, level="", jitter=False, top=1.0, left=0.0, right=0.0)
    schema = schema_for(collection.pk, version.number, version.parsed)
    from_sql = build_store(schema, sql_chunks(collection, version, schema), 1)
    from_python = _python_store(collection, version)
    assert from_sql.n == from_python.n == 12
    assert sorted(from_sql.arrays) == sorted(from_python.arrays)
    order_sql = np.argsort(from_sql.column("story_id"))
    order_python = np.argsort(from_python.column("story_id"))
    for name, array in from_python.arrays.items():
        np.testing.assert_array_equal(
            np.asarray(from_sql.arrays[name])[order_sql], np.asarray(array)[order_python], name
        )


def test_all_digit_identifiers_fall_back_to_decoding_in_python():
    from samskab.analysis.schema import Kind, Schema, Signifier
    from samskab.explorer.services.store import sql_extractable

    plain = Schema("1", 1, (Signifier("drivers", Kind.TRIAD, ("a", "b", "c")),), (), ())
    digits = Schema("1", 1, (Signifier("12", Kind.DYAD, ("l", "r")),), (), ())
    stones = Schema("1", 1, (Signifier("map", Kind.STONES, ("7",)),), (), ())
    assert sql_extractable(plain)
    assert not sql_extractable(digits) and not sql_extractable(stones)


def _sorted_arrays(store):
    order = np.argsort(store.column("story_id"))
    return {name: np.asarray(array)[order] for name, array in store.arrays.items()}


def _assert_same(store, reference):
    assert store.n == reference.n
    mine, theirs = _sorted_arrays(store), _sorted_arrays(reference)
    assert sorted(mine) == sorted(theirs)
    for name in theirs:
        np.testing.assert_array_equal(mine[name], theirs[name], name)


def test_a_change_appends_and_drops_instead_of_building_again(world, monkeypatch):
    """After inserts and a withdrawal only the difference is read; the result equals a build."""
    from samskab.analysis import store as analysis_store
    from samskab.explorer.services import store as store_module
    from samskab.explorer.tests.helpers import answers
    from samskab.instruments.answers import CleanStory
    from samskab.instruments.models import StorySource
    from samskab.instruments.services import submit_story, withdraw

    collection = make_collection(world.org_a)
    version = add_stories(collection, 9)
    first = store_for(collection, version)
    codes = []
    for level in ("user", "employee", "organisation"):
        story = CleanStory(
            "moment", "Ny", "En ny historie.", level, answers(top=0.6, left=0.3, right=0.1)
        )
        codes.append(submit_story(collection, version, story, StorySource.PUBLIC, "da")[1])
    assert withdraw(codes[1])
    collection.refresh_from_db()
    full_builds = []
    original = analysis_store.cached_store

    def counting(*args, **kwargs):
        full_builds.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(store_module, "cached_store", counting)
    updated = store_for(collection, version)
    assert not full_builds  # the earlier store was updated, not rebuilt
    assert updated.n == first.n + 2 and updated.change_counter == collection.change_counter
    _assert_same(updated, _python_store(collection, version))
    folder = cache_root() / str(collection.pk) / f"v{version.number}"
    assert [p.name for p in folder.glob("c*")] == [f"c{collection.change_counter}"]


def test_a_store_that_does_not_add_up_is_built_in_full(world, monkeypatch):
    from samskab.explorer.services import store as store_module
    from samskab.instruments.models import Story

    collection = make_collection(world.org_a)
    version = add_stories(collection, 6)
    store_for(collection, version)
    # A story deleted without its id being gone from an older store, and a new one: the
    # counts still match only if the deletion is noticed.
    Story.objects.filter(collection=collection).order_by("id")[:1].get().delete()
    add_stories(collection, 1)
    updated = store_for(collection, version)
    _assert_same(updated, _python_store(collection, version))
    # An old store holding a story the database never had does not add up once another is
    # gone: then the caller builds in full.
    previous = store_module.latest_cached(cache_root(), updated.schema, updated.change_counter + 1)
    assert previous is not None
    arrays = dict(previous.arrays)
    arrays["story_id"] = np.asarray(arrays["story_id"]).copy()
    arrays["story_id"][0] = -1
    from samskab.analysis.store import ColumnarStore

    bogus = ColumnarStore(previous.schema, previous.change_counter, arrays, previous.resolution)
    Story.objects.filter(collection=collection).order_by("-id")[:1].get().delete()
    assert store_module.updated_store(bogus, collection, version, bogus.change_counter + 1) is None
