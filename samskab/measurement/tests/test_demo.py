"""The demo, as the commissioning client meets it: the value-creation view answers "what has this
project achieved, on which level, and how do we know" without a dead end."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from samskab.demo import load_all
from samskab.instruments.models import Collection, Story, StorySource
from samskab.measurement.content import PLAN_QUESTIONS, ValueLevel
from samskab.measurement.models import (
    Evidence,
    Indicator,
    LearningEntry,
    Milestone,
    MscRound,
    PlanAnswer,
    UnplannedGain,
)
from samskab.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    load_all()
    load_all()  # idempotent
    settings.DEBUG = False
    return Project.objects.get(title="Parken der blev fornyet")


def test_demo_has_a_full_measurement_record(demo):
    assert PlanAnswer.objects.filter(project=demo).values("question").distinct().count() == len(
        PLAN_QUESTIONS
    )
    assert PlanAnswer.objects.filter(project=demo, goals__isnull=False).exists()
    assert PlanAnswer.objects.filter(project=demo, indicators__isnull=False).exists()
    indicators = list(Indicator.objects.filter(project=demo))
    assert len(indicators) >= 5
    assert {i.level for i in indicators} == {level.value for level in ValueLevel}
    computed = [i for i in indicators if i.is_computed]
    assert len(computed) == 2
    for indicator in computed:
        shown = indicator.measurements.filter(value__isnull=False)
        assert shown.count() >= 2, indicator.title  # a baseline period and a follow-up
        assert all(m.n is not None and m.lower is not None for m in shown)
    levels = set()
    for evidence in Evidence.objects.filter(project=demo).select_related("story"):
        levels |= set(evidence.levels)
    assert levels == {level.value for level in ValueLevel}
    msc = MscRound.objects.get(project=demo)
    assert not msc.is_open and msc.votes.count() >= 5
    assert UnplannedGain.objects.filter(project=demo, promoted_to__isnull=False).exists()
    assert LearningEntry.objects.filter(project=demo).exclude(adjustment="").exists()
    assert Milestone.objects.filter(project=demo, reached_on__isnull=False).exists()


def _links(page, prefix):
    return sorted(
        {unescape(h) for h in re.findall(r'href="([^"#]+)"', page) if h.startswith(prefix)}
    )


def test_the_commissioning_client_meets_no_dead_end(client, demo):
    client.force_login(User.objects.get(email="leder@demo.dk"))
    url = reverse("measurement:value", kwargs={"org": demo.organisation.slug, "project": demo.pk})
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Parken der blev fornyet" in page
    prefix = f"/o/{demo.organisation.slug}/"
    links = _links(page, prefix)
    assert len(links) > 20
    for link in links:
        status = client.get(link).status_code
        assert status == 200, (link, status)


def test_a_computed_indicator_moves_when_stories_are_added(client, demo):
    indicator = Indicator.objects.get(project=demo, measure="dyad_median")
    assert indicator.saved_view is not None
    collection = Collection.objects.get(pk=indicator.saved_view.collection_id)
    client.force_login(User.objects.get(email="analytiker@demo.dk"))
    url = reverse(
        "measurement:indicator",
        kwargs={"org": demo.organisation.slug, "project": demo.pk, "pk": indicator.pk},
    )
    client.get(url)
    last = indicator.measurements.filter(value__isnull=False).order_by("period_start").last()
    template = Story.objects.filter(collection=collection).first()
    assert last is not None and last.n is not None and last.value is not None
    assert template is not None
    day = timezone.make_aware(datetime.datetime.combine(last.period_start, datetime.time(12)))
    new = []
    for i in range(60):
        answers = dict(template.answers)
        answers["decided"] = {"state": "answered", "value": 1.0}
        new.append(
            Story(
                organisation=collection.organisation,
                collection=collection,
                version=template.version,
                prompt=template.prompt,
                text=f"Vi bestemte det sammen {i}",
                level="user",
                answers=answers,
                source=StorySource.API,
                created_at=day,
            )
        )
    Story.objects.bulk_create(new)
    Collection.objects.filter(pk=collection.pk).update(
        change_counter=collection.change_counter + 60
    )
    assert client.get(url).status_code == 200
    moved = indicator.measurements.get(period_start=last.period_start, period_end=last.period_end)
    assert moved.n == last.n + 60
    assert moved.value is not None
    assert moved.value > last.value  # 60 stories at "we decided it together" pull the median up
