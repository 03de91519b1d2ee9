"""Every model change in every app becomes an audit entry: who, what (which fields, and plain
old → new values only), when; deletions are summed up per deletion, not one entry per row."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from samskab.activities.models import Activity
from samskab.actors.models import Actor
from samskab.alignment.models import AlignmentRound
from samskab.instruments.models import Collection, Story, StorySource
from samskab.instruments.tests.test_views_support import (
    make_collection,
    make_instrument,
    make_story,
)
from samskab.organisations.auditing.context import Via, acting_as
from samskab.organisations.auditing.sentences import sentence, value_changes
from samskab.organisations.models import AuditAction, AuditEntry
from samskab.projects.models import PoliticalGoal
from samskab.testing import make_project
from samskab.transfers.models import ImportJob

pytestmark = pytest.mark.django_db

GOAL = "projects.politicalgoal"


def _entries(**lookup):
    return list(AuditEntry.objects.filter(**lookup).order_by("id"))


def test_nothing_is_written_outside_a_request_or_a_task(world):
    # Fixtures, the shell and data migrations: no actor, and direct database access anyway.
    project = make_project(world.org_a)
    Activity.objects.create(
        organisation=world.org_a, project=project, title="Kick-off", date="2026-03-01"
    )
    assert not AuditEntry.objects.exists()


def test_a_request_logs_create_and_change_with_plain_values_only(client, world):
    client.force_login(world.dina)
    url = reverse("projects:goal_create", kwargs={"org": world.org_a.slug})
    data = {"title": "Grønne fællesskaber", "policy": "Klimaplan", "owner": "Udvalget"}
    assert client.post(url, {**data, "description": "Hemmelig tekst"}).status_code == 302
    goal = PoliticalGoal.objects.get()
    [created] = _entries(object_type=GOAL)
    assert (created.action, created.actor, created.target) == (
        AuditAction.RECORD_CREATED,
        world.dina,
        "Grønne fællesskaber",
    )
    assert created.organisation == world.org_a and created.actor_label == "dina@example.dk"

    url = reverse("projects:goal_edit", kwargs={"org": world.org_a.slug, "pk": goal.pk})
    new = {**data, "title": "Grønne naboskaber", "description": "Endnu en hemmelig tekst"}
    assert client.post(url, new).status_code == 302
    changed = _entries(object_type=GOAL, action=AuditAction.RECORD_CHANGED)[0]
    assert changed.details["fields"] == ["title", "description"]
    assert changed.details["values"] == {"title": ["Grønne fællesskaber", "Grønne naboskaber"]}
    assert "hemmelig" not in str(changed.details).lower()  # a text field: its name only
    with translation.override("en"):
        assert sentence(changed) == (
            "dina@example.dk changed political goal »Grønne naboskaber«: goal, description"
        )
        assert value_changes(changed) == ["goal: »Grønne fællesskaber« → »Grønne naboskaber«"]


def test_saving_without_a_change_writes_nothing(world):
    goal = PoliticalGoal.objects.create(organisation=world.org_a, title="T", policy="P", owner="O")
    goal = PoliticalGoal.objects.get(pk=goal.pk)
    with acting_as(world.anna):
        goal.save()
    assert not AuditEntry.objects.exists()


def test_tokens_and_names_of_people_never_show_their_values(world):
    project = make_project(world.org_a)
    alignment_round = AlignmentRound.objects.create(
        organisation=world.org_a, project=project, title="Runde"
    )
    actor = Actor.objects.create(
        organisation=world.org_a, project=project, name="Jens Hansen", influence=3, interest=3
    )
    with acting_as(world.anna):
        alignment_round.token = "a-new-secret-token"
        alignment_round.is_open = False
        alignment_round.save()
        actor.name = "Jens Peter Hansen"
        actor.save()
    token_entry, actor_entry = _entries(action=AuditAction.RECORD_CHANGED)
    assert token_entry.details["fields"] == ["is_open", "token"]
    assert token_entry.details["values"] == {"is_open": [True, False]}
    assert actor_entry.details["fields"] == ["name"]
    assert actor_entry.details["values"] == {}
    assert "Jens" not in str([actor_entry.target, actor_entry.details])
    assert actor_entry.target == f"#{actor.pk}"


def test_the_organisations_own_settings(world):
    with acting_as(world.anna):
        world.org_a.require_mfa = True
        world.org_a.accessibility_statement_url = "https://aarby.dk/was"
        world.org_a.save()
    [entry] = _entries(object_type="organisations.organisation")
    assert entry.organisation == world.org_a
    assert entry.details["values"] == {
        "accessibility_statement_url": ["", "https://aarby.dk/was"],
        "require_mfa": [False, True],
    }


def _instrument_with_stories(world, stories=3):
    instrument = make_instrument(world)
    collection = make_collection(instrument)
    for number in range(stories):
        make_story(collection, title=f"Historie {number}")
    return instrument, collection


def test_a_deletion_is_one_entry_with_what_went_with_it(world):
    _instrument, collection = _instrument_with_stories(world)
    ImportJob.objects.create(organisation=world.org_a, collection=collection, file_name="a.csv")
    with acting_as(world.anna):
        Collection.objects.get(pk=collection.pk).delete()
    [entry] = _entries(action=AuditAction.RECORD_DELETED)
    assert entry.object_type == "instruments.collection"
    assert entry.target == "Forår i parken"
    assert entry.details["count"] == 1
    assert entry.details["cascade"] == {"instruments.story": 3, "transfers.importjob": 1}
    with translation.override("en"):
        assert sentence(entry) == (
            "anna@example.dk deleted collection »Forår i parken« and with it 3 stories and 1 import"
        )


def test_a_bulk_deletion_is_one_entry_with_the_count(world):
    _instrument, collection = _instrument_with_stories(world, stories=4)
    ids = sorted(Story.objects.values_list("pk", flat=True))
    with acting_as(None, Via.COMMAND):
        Story.objects.filter(collection=collection).delete()
    [entry] = _entries(action=AuditAction.RECORD_DELETED)
    assert (entry.object_type, entry.details["count"], entry.actor) == (
        "instruments.story",
        4,
        None,
    )
    assert sorted(entry.details["ids"]) == ids
    with translation.override("en"):
        assert sentence(entry) == "Samskab (automatically) deleted 4 stories"


def test_stories_from_the_public_are_not_logged_but_staff_entries_are(world):
    _instrument, collection = _instrument_with_stories(world, stories=0)
    with acting_as(None, Via.WEB):  # the public form: no account
        make_story(collection)
    assert not AuditEntry.objects.exists()
    with acting_as(world.dina):  # assisted entry
        story = make_story(collection, source=StorySource.ASSISTED, title="Et navn")
    [entry] = _entries()
    assert entry.action == AuditAction.RECORD_CREATED
    assert entry.target == f"Forår i parken #{story.pk}"  # never the story's title or text


def test_a_storyteller_withdrawing_a_story_is_logged_without_its_content(world):
    _instrument, collection = _instrument_with_stories(world, stories=1)
    with acting_as(None, Via.WEB):
        Story.objects.get().delete()
    [entry] = _entries()
    assert entry.details["via"] == "web" and "Historie" not in entry.target
    with translation.override("en"):
        assert sentence(entry).startswith("A visitor without an account deleted story »Forår")


def test_an_import_job_reads_as_started_and_finished_with_counts(world):
    with acting_as(world.dina):
        job = ImportJob.objects.create(
            organisation=world.org_a,
            kind="table",
            file_name="historier.xlsx",
            created_by=world.dina,
        )
        job.status, job.valid_rows = "queued", 12
        job.save(update_fields=["status", "valid_rows"])
    with acting_as(world.dina, Via.TASK):
        job.status, job.phase = "running", "storing"
        job.save()  # the worker's steps are not logged
        job.status, job.inserted, job.rejected_rows = "done", 10, 2
        job.save()
    actions = [e.action for e in _entries()]
    assert actions == [
        AuditAction.RECORD_CREATED,
        AuditAction.IMPORT_STARTED,
        AuditAction.IMPORT_FINISHED,
    ]
    finished = _entries(action=AuditAction.IMPORT_FINISHED)[0]
    assert (finished.details["inserted"], finished.details["rejected_rows"]) == (10, 2)
    with translation.override("en"):
        assert sentence(finished) == (
            "The import of »historier.xlsx« by dina@example.dk finished: 10 stories stored, "
            "2 rows rejected, 0 already there"
        )


@task()
def touch_goal(goal_id: int) -> None:
    goal = PoliticalGoal.objects.get(pk=goal_id)
    goal.title = "Ændret af systemet"
    goal.save()


def test_a_background_task_acts_as_the_system_unless_it_names_its_requester(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    goal = PoliticalGoal.objects.create(organisation=world.org_a, title="T", policy="P", owner="O")
    touch_goal.enqueue(goal.pk)
    [entry] = _entries()
    assert (entry.actor, entry.details["via"]) == (None, "task")
    with acting_as(world.erik):  # the task's body names its requester
        goal.title = "Igen"
        goal.save()
    assert _entries()[-1].actor == world.erik


def test_members_changed_by_the_service_have_one_entry_each(client, world):
    client.force_login(world.anna)
    url = reverse("organisations:member_role", kwargs={"org": "aarby", "pk": _membership(world.bo)})
    client.post(url, {"role": "analyst"})
    [entry] = _entries()
    assert (entry.action, entry.details["old"], entry.details["new"]) == (
        AuditAction.MEMBER_ROLE_CHANGED,
        "viewer",
        "analyst",
    )


def _membership(user):
    return user.memberships.get().pk


def test_a_role_changed_elsewhere_is_logged_too(world):
    # The Django admin's inline, an identity provider's mapping: not through the service.
    membership = world.bo.memberships.get()
    with acting_as(world.carl):
        membership.role = "admin"
        membership.save()
    [entry] = _entries()
    assert (entry.action, entry.object_type, entry.target) == (
        AuditAction.RECORD_CHANGED,
        "organisations.membership",
        "bo@example.dk",
    )
    assert entry.details["values"] == {"role": ["viewer", "admin"]}
    with translation.override("en"):
        assert value_changes(entry) == ["role: »Viewer (reads results)« → »Administrator«"]


def test_deleting_an_account_logs_the_memberships_that_went_with_it(world):
    with acting_as(world.carl):
        world.bo.delete()
    by_org = {e.organisation_id: e for e in _entries(action=AuditAction.RECORD_DELETED)}
    assert by_org[None].object_type == "auth.user" and by_org[None].target == "bo@example.dk"
    assert by_org[world.org_a.pk].details["cascade"] == {"organisations.membership": 1}
    with translation.override("en"):
        assert sentence(by_org[world.org_a.pk]) == (
            "carl@example.dk deleted 1 membership together with user »bo@example.dk«"
        )


def test_a_story_change_names_its_fields_and_never_their_text(world):
    _instrument, collection = _instrument_with_stories(world, stories=1)
    story = Story.objects.get()
    with acting_as(world.anna):
        story.text, story.text_raw = "Rettet tekst", ""
        story.save(update_fields=["text", "text_raw"])
    [entry] = _entries()
    assert entry.details["fields"] == ["text", "text_raw"] and entry.details["values"] == {}
    assert "Rettet" not in str(entry.details) + entry.target
