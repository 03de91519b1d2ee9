"""An administrator exports and erases what the organisation holds about a known person."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samskab.activities.models import Activity
from samskab.actors.models import Actor, ActorInvolvement
from samskab.alignment.models import AlignmentResponse, AlignmentRound, GainRating
from samskab.assessments.models import SelfAssessment
from samskab.organisations.models import AuditAction, AuditEntry, Membership
from samskab.privacy.tests.test_permissions import _actor
from samskab.privacy.tests.test_storyteller import _everything_stored
from samskab.testing import make_project

pytestmark = pytest.mark.django_db

NAME = "Grethe Frivillig"
GOALS = "Jeg vil gerne have flere bænke ved Grethes have"


@pytest.fixture
def grethe(world):
    actor = Actor.objects.get(pk=_actor(world)["pk"])
    ActorInvolvement.objects.create(
        organisation=world.org_a, actor=actor, phase="idea", level="co_create"
    )
    round_ = AlignmentRound.objects.create(
        organisation=world.org_a, project=actor.project, title="Første runde"
    )
    response = AlignmentResponse.objects.create(
        organisation=world.org_a,
        round=round_,
        actor=actor,
        actor_group="citizen",
        own_goals=GOALS,
        source="facilitator",
    )
    GainRating.objects.create(
        organisation=world.org_a, response=response, gain="faster_solutions", rating=4
    )
    activity = Activity.objects.create(
        organisation=world.org_a,
        project=actor.project,
        kind="workshop",
        title="Workshop i parken",
        date="2026-03-01",
    )
    activity.participants.add(actor)
    return actor


def _export(client, world, kind, pk):
    client.force_login(world.anna)
    url = reverse("privacy:export", kwargs={"org": world.org_a.slug, "kind": kind, "pk": pk})
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    return json.loads(response.content)


def test_the_export_holds_everything_about_the_key_actor(client, world, grethe):
    data = _export(client, world, "actor", grethe.pk)["key_actor"]
    assert data["name"] == NAME
    assert data["involvement"] == [{"phase": "idea", "level": "co_create"}]
    assert data["activities"][0]["title"] == "Workshop i parken"
    assert data["alignment_answers"][0]["own_goals"] == GOALS
    assert data["alignment_answers"][0]["ratings"] == {"faster_solutions": 4}
    assert AuditEntry.objects.filter(action=AuditAction.PERSON_EXPORTED).exists()


def test_erasing_a_key_actor_leaves_no_trace(client, world, grethe):
    assert NAME in _everything_stored() and GOALS in _everything_stored()
    client.force_login(world.anna)
    url = reverse(
        "privacy:erase", kwargs={"org": world.org_a.slug, "kind": "actor", "pk": grethe.pk}
    )
    # Without the tick nothing happens, and the page says why.
    refused = client.post(url, {})
    assert refused.status_code == 422 and Actor.objects.filter(pk=grethe.pk).exists()
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    stored = _everything_stored()
    assert NAME not in stored and GOALS not in stored
    assert not AlignmentResponse.objects.exists() and not GainRating.objects.exists()
    assert Activity.objects.get().participants.count() == 0
    entry = AuditEntry.objects.get(action=AuditAction.PERSON_ERASED)
    assert NAME not in json.dumps(entry.details) + entry.target


def test_erasing_a_member_of_one_organisation_deletes_the_account(client, world):
    project = make_project(world.org_a)
    SelfAssessment.objects.create(
        organisation=world.org_a,
        project=project,
        date="2026-02-10",
        title="Første selvevaluering",
        created_by=world.pia,
    )
    data = _export(client, world, "member", world.pia.pk)["member"]
    assert data["email"] == world.pia.email
    assert data["self_assessments_created"][0]["title"] == "Første selvevaluering"
    url = reverse(
        "privacy:erase", kwargs={"org": world.org_a.slug, "kind": "member", "pk": world.pia.pk}
    )
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert not User.objects.filter(pk=world.pia.pk).exists()
    assert SelfAssessment.objects.get().created_by is None  # the record stays, unnamed
    # Only the append-only audit log keeps who did what (a documented exception).
    assert world.pia.email not in _everything_stored(exclude=(AuditEntry,))


def test_a_member_of_another_organisation_keeps_the_account(client, world):
    Membership.objects.create(organisation=world.org_b, user=world.bo, role="viewer")
    client.force_login(world.anna)
    url = reverse(
        "privacy:erase", kwargs={"org": world.org_a.slug, "kind": "member", "pk": world.bo.pk}
    )
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert User.objects.filter(pk=world.bo.pk).exists()
    assert list(
        Membership.objects.filter(user=world.bo).values_list("organisation", flat=True)
    ) == [world.org_b.pk]


def test_an_administrator_cannot_erase_themselves(client, world):
    client.force_login(world.anna)
    url = reverse(
        "privacy:erase", kwargs={"org": world.org_a.slug, "kind": "member", "pk": world.anna.pk}
    )
    client.post(url, {"confirm": "yes"})
    assert Membership.objects.filter(user=world.anna, organisation=world.org_a).exists()
