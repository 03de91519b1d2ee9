"""The adversarial suite of issue #16: an attacker that tries every route it knows to recover
the answers of a planted group of 4 stories, as an analyst and as a viewer.

The collection (`attack_data.plant`: 1,500 employees, 1,496 citizens, 4 at level
"organisation" with answers no one else gives; daily computed indicators; a theme run) is
built once for the module and rolled back after it. The attacker (`attacker.Attacker`)
reports per route what it claimed; the tests require that it recovers none of the group's 12
answers while it demonstrably read the pages, that the same inference does recover them from
unprotected sources (so the counting works), and that the two large groups stay comparable.

Run with `-s` to see the per-route summary. On the code before issue #16 (d614c2b) the
analyst recovered 12 of 12 (story list, CSV, and "0" against "hidden" in the level table while
stepping the dyad and triad filters per day), the viewer 9 of 12, and employees vs citizens
was refused.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from samskab.explorer.services.labels import LEVEL_GROUPS
from samskab.explorer.services.store import schema_for
from samskab.explorer.services.stories import compact_answers
from samskab.explorer.tests import attack_data, attack_inference, attack_pages, attacker
from samskab.explorer.tests.attack_data import GROUP_LEVEL, TRUTH, Claims
from samskab.explorer.tests.attack_pages import Reading
from samskab.instruments.definition import parse
from samskab.instruments.models import Story
from samskab.instruments.samples import SAMPLE
from samskab.testing import make_project, make_world

PERSONAS = {"analyst": "erik", "viewer": "bo"}


@pytest.fixture(scope="module")
def planted(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    """The world and the collection, built once and rolled back after the module (its stores
    in a directory of its own, never a cache left by another run)."""
    cache = tmp_path_factory.mktemp("attack-cache")
    with (
        override_settings(EXPLORER_CACHE_DIR=cache),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        world = make_world()
        project = make_project(world.org_a)
        collection = attack_data.plant(world.org_a, project)
        attack_data.plant_indicators(project, collection)
        attack_data.find_themes(collection)
        yield {"world": world, "project": project, "collection": collection}
        transaction.set_rollback(True)


def _attack(client: Any, planted: dict[str, Any], persona: str) -> attacker.Attacker:
    world = planted["world"]
    client.force_login(world.users[PERSONAS[persona]])
    found = attacker.Attacker(
        client,
        world.org_a.slug,
        planted["collection"].pk,
        planted["project"].pk,
        attack_data.study_days(),
    )
    found.run()
    return found


def summary(persona: str, found: attacker.Attacker, seconds: float) -> str:
    recovered, _claims = found.recovered(TRUTH)
    lines = [
        f"\n== Attacker as {persona}: {recovered} of {TRUTH.answers} answers recovered, "
        f"{found.requests} requests, {seconds:.1f} s ==",
        f"read: {dict(found.seen)}",
    ]
    for route in found.routes.values():
        claims = route.claims
        learnt = (
            f"dyad {sorted(claims.dyad.elements())} top {sorted(claims.top.elements())} "
            f"choice {sorted(claims.choice.elements())}"
            if claims
            else "nothing"
        )
        where = f" via {sorted(route.partitions)[:4]}" if route.partitions else ""
        notes = f" ({'; '.join(claims.notes)})" if claims.notes else ""
        lines.append(
            f"{claims.recovered(TRUTH):2d}/{TRUTH.answers} {route.name}: {route.requests} req "
            f"({route.seconds:.1f} s), "
            f"{route.refused} refused, {route.shown} shown; claims {learnt}{where}{notes}"
        )
    return "\n".join(lines) + "\n"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["analyst", "viewer"])
def test_attacker_recovers_nothing(client: Any, planted: dict[str, Any], persona: str) -> None:
    started = time.perf_counter()
    found = _attack(client, planted, persona)
    report = summary(persona, found, time.perf_counter() - started)
    sys.stdout.write(report)
    recovered, _claims = found.recovered(TRUTH)
    assert recovered == 0, report
    # The attacker did read the pages (an attacker that reads nothing recovers nothing).
    assert found.seen["overviews with a level table"] >= 20, found.seen
    if persona == "analyst":
        for what in (
            "collection list: story cards",
            "explorer stories: cards",
            "explorer stories: cards with dyad, triad and choice read",
            "CSV rows",
        ):
            assert found.seen[what] >= 2900, (what, found.seen)


def _url(planted: dict[str, Any], name: str) -> str:
    kwargs = {"org": planted["world"].org_a.slug, "pk": planted["collection"].pk}
    return reverse(f"explorer:{name}", kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["analyst", "viewer"])
def test_large_groups_stay_comparable(client: Any, planted: dict[str, Any], persona: str) -> None:
    client.force_login(planted["world"].users[PERSONAS[persona]])
    query = {"a-level": "employee", "b-level": "volunteer_citizen"}
    compared = client.get(_url(planted, "compare"), query)
    assert compared.status_code == 200
    assert compared.context.get("sections"), "employees vs citizens is refused"
    assert not compared.context.get("refused")
    report = compared.context["report"]
    assert min(report.n_a, report.n_b) >= 1000
    patterns = client.get(_url(planted, "patterns"), {"by": "level"})
    with translation.override("da"):
        wanted = {str(LEVEL_GROUPS["employee"]), str(LEVEL_GROUPS["volunteer_citizen"])}
    groups = {str(row["group"]) for row in patterns.context["rows"]}
    assert wanted <= groups, groups


def compact(answers: dict[str, Any], labels: Any) -> dict[str, str]:
    """A story's answers as the explorer's story list writes them."""
    schema = schema_for(0, 1, parse(SAMPLE))
    return dict(compact_answers(answers, schema.signifiers, labels))


def _unprotected(collection: Any) -> attacker.Oracle:
    """Counts of the group straight from the database: no disclosure control at all."""
    stories = list(Story.objects.filter(collection=collection, level=GROUP_LEVEL))
    answers = [s.answers for s in stories]

    def holds(answer: dict[str, Any], name: str, value: str) -> bool:
        if name == "choice_frequency":
            return bool(answer["frequency"]["value"] == value)
        if name == "state_frequency":
            return bool(answer["frequency"]["state"] == value)
        v = int(value) / 100
        dyad, top = answer["decided"]["value"], answer["drivers"]["value"][0]
        return bool(
            {
                "max_decided": dyad <= v,
                "min_decided": dyad >= v,
                "rmax_top_drivers": top <= v + 1e-6,
                "rmin_top_drivers": top >= v - 1e-6,
            }[name]
        )

    def oracle(partition: attacker.Params, condition: attacker.Params) -> Reading:
        del partition
        return Reading.of(
            sum(1 for a in answers if all(holds(a, name, value) for name, value in condition))
        )

    return oracle


@pytest.mark.django_db
def test_the_attacker_recovers_an_unprotected_group(client: Any, planted: dict[str, Any]) -> None:
    """The counting works: from exact counts with no protection, every answer comes out."""
    found = attacker.Attacker(client, "aarby", planted["collection"].pk, None, [])
    found.sweep("unprotected", _unprotected(planted["collection"]), [()])
    claims = found.route("unprotected").claims
    assert claims.recovered(TRUTH) == TRUTH.answers == 12
    presence = Claims()
    for family in attacker.FAMILIES:

        def seen(p: attacker.Params, c: attacker.Params) -> Reading:
            return Reading(None, _unprotected(planted["collection"])(p, c).presence)

        presence.merge(found.step(seen, (), family))
    # 0 against "hidden" gives the lowest and the highest value of each answer.
    assert sorted(presence.dyad.elements()) == [93, 99]
    assert sorted(presence.top.elements()) == [91, 97]


def _unprotected_series(collection: Any) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """The API's daily indicators computed straight from the database, with no withholding."""
    rows = list(
        Story.objects.filter(collection=collection).values("level", "answers", "created_at")
    )
    views = {
        attack_data.VIEW_ALL: lambda level: True,
        attack_data.VIEW_LARGE: lambda level: level in attack_data.LARGE_LEVELS,
    }
    series: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for view, keeps in views.items():
        for day in attack_data.study_days():
            chosen = [
                r["answers"] for r in rows if keeps(r["level"]) and r["created_at"].date() == day
            ]
            shares = np.array([a["drivers"]["value"] for a in chosen])
            centre = np.exp(np.log(shares).mean(axis=0))
            centre /= centre.sum()
            for corner, value in zip(attack_inference.CORNERS, centre, strict=True):
                series.setdefault((view, "triad_centre", corner), []).append(
                    {"value": 100 * value, "n": len(chosen)}
                )
            first = sum(a["frequency"]["value"] == "first" for a in chosen)
            series.setdefault((view, "choice_share", "first"), []).append(
                {"value": 100 * first / len(chosen), "n": len(chosen)}
            )
    return series


@pytest.mark.django_db
def test_the_api_differencing_works_on_unprotected_indicators(planted: dict[str, Any]) -> None:
    """Daily indicators over all stories and over the large levels, unprotected, give each
    group story's triad top share (one story a day) and who picked "first"."""
    claims = attack_inference.api_claims(_unprotected_series(planted["collection"]))
    assert claims.top == TRUTH.top
    assert claims.choice == {"first": 3}


@pytest.mark.django_db
def test_the_attacker_reads_dots_and_story_cards(planted: dict[str, Any]) -> None:
    """The readers of drawn dots and of story cards pin the group's answers when shown."""
    stories = Story.objects.filter(collection=planted["collection"], level=GROUP_LEVEL)
    shares = np.array([s.answers["drivers"]["value"] for s in stories])
    drawn = tuple((round(x, 1), round(y, 1)) for x, y in shares @ attack_pages.CORNERS)
    assert attack_inference.dots_claims(drawn, len(drawn)).top == TRUTH.top
    with translation.override("da"):
        labels = attack_pages.labels()
        cards = [
            attack_pages.StoryCard(
                s.title,
                labels.levels[GROUP_LEVEL],
                s.text,
                compact(s.answers, labels),
            )
            for s in stories
        ]
    claims = attack_inference.cards_claims(cards)
    assert claims.recovered(TRUTH) == TRUTH.answers
