"""The measurement record as XLSX and JSON: every part, formulas escaped, stories only for
those who may read them."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from samskab.instruments import services as instrument_services
from samskab.instruments.models import Collection, Story, StorySource
from samskab.instruments.samples import sample_definition
from samskab.measurement.content import GoalKind
from samskab.measurement.models import (
    GoalRevision,
    Measurement,
    MscCandidate,
    MscRound,
    MscVote,
    PlanAnswer,
)
from samskab.measurement.models.msc import VoteSource
from samskab.measurement.tests.factories import (
    make_evidence,
    make_gain,
    make_goal,
    make_indicator,
    make_learning,
    make_measurement,
    make_milestone,
)
from samskab.measurement.views.exports import escape_text
from samskab.testing import make_project

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'
STORY_TEXT = "Jeg mødte min nabo ved bålpladsen for første gang i ti år."
REASON = "Den viser, at parken skaber nye bekendtskaber."


def _story(organisation, collection, text):
    version = instrument_services.latest_version(collection.instrument)
    return Story.objects.create(
        organisation=organisation,
        collection=collection,
        version=version,
        prompt="moment",
        title="Bålpladsen",
        text=text,
        text_raw=text + " (Jens Hansen)",
        source=StorySource.API,
    )


def _msc(project, world, stories):
    msc_round = MscRound.objects.create(
        organisation=project.organisation,
        project=project,
        collection=stories[0].collection,
        title="Forårets runde",
        question="Hvilken historie viser den vigtigste forandring?",
    )
    candidates = [
        MscCandidate.objects.create(
            organisation=project.organisation, round=msc_round, story=story, position=i
        )
        for i, story in enumerate(stories, start=1)
    ]
    MscVote.objects.create(
        organisation=project.organisation,
        round=msc_round,
        candidate=candidates[0],
        voter=world.dina,
        ballot=f"user-{world.dina.pk}",
        source=VoteSource.MEMBER,
        reason=REASON,
    )
    return msc_round


@pytest.fixture
def record(world):
    """A project with every part of the record, including dangerous texts."""
    org = world.org_a
    project = make_project(org, title="Parken der blev fornyet")
    instrument = instrument_services.create_instrument(org, "Parken", sample_definition(), None)
    instrument.project = project
    instrument.save()
    collection = Collection.objects.create(
        organisation=org, instrument=instrument, name="Forår", consent_text={"da": "Ja"}
    )
    stories = [_story(org, collection, STORY_TEXT), _story(org, collection, "En anden historie.")]
    goal = make_goal(project, title=HYPERLINK)
    GoalRevision.objects.create(
        organisation=org, goal=goal, title="Flere i parken", reason="Mere præcist."
    )
    indicator = make_indicator(goal, title="Besøg pr. uge")
    make_measurement(indicator, 31.5, datetime.date(2025, 4, 1), note="-ikke talt i påsken")
    withheld = make_measurement(indicator, 0.0, datetime.date(2025, 5, 1), withheld="group_below_k")
    Measurement.objects.filter(pk=withheld.pk).update(value=None, n=3)
    PlanAnswer.objects.create(
        organisation=org,
        project=project,
        question="what_change",
        text="@SUM(A1)",
        author=world.anna,
    )
    make_evidence(project, goal=goal, title="Citat", text="\tTab foran")
    make_evidence(project, kind="story", title="Bålpladsen", story=stories[0], text="", why="Ny")
    _msc(project, world, stories)
    make_gain(project, title="Nye venskaber")
    make_learning(project, title="+cmd")
    make_milestone(project, title="Første måling", indicator=indicator, threshold=30.0)
    return project


def _get(client, user, project, name):
    client.force_login(user)
    return client.get(
        reverse(
            f"measurement:{name}", kwargs={"org": project.organisation.slug, "project": project.pk}
        )
    )


def _workbook(response):
    data = response.content
    return data, load_workbook(io.BytesIO(data))


def _sheet_rows(workbook, title):
    return [list(row) for row in workbook[title].iter_rows(values_only=True)]


def _all_text(workbook):
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def test_xlsx_has_a_sheet_per_part_and_escapes_formulas(client, world, record):
    response = _get(client, world.anna, record, "export_xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert (
        'filename="parken-der-blev-fornyet-measurement-record.xlsx"'
        in (response["Content-Disposition"])
    )
    data, workbook = _workbook(response)
    assert len(workbook.sheetnames) == 11  # "about" + ten parts
    # No cell anywhere is a formula: the sheet XML holds no <f> element.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert len(sheets) == 11
        for name in sheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    text = _all_text(workbook)
    assert "'" + HYPERLINK in text
    assert "'+cmd" in text
    assert "'@SUM(A1)" in text
    assert "'-ikke talt i påsken" in text
    assert "'\tTab foran" in text
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def test_xlsx_keeps_numbers_and_dates(client, world, record):
    _data, workbook = _workbook(_get(client, world.anna, record, "export_xlsx"))
    titles = workbook.sheetnames
    measurements = _sheet_rows(workbook, titles[5])
    row = measurements[1]
    assert row[5] == 31.5  # the value column
    assert isinstance(row[3], datetime.datetime)  # openpyxl reads date cells as datetimes
    assert row[3].date() == datetime.date(2025, 4, 1)
    goals = _sheet_rows(workbook, titles[2])
    assert goals[1][2] == "'" + HYPERLINK
    with translation.override("da"):
        assert goals[1][1] == str(GoalKind.OUTCOME.label)  # a code column shows its label
    assert isinstance(goals[1][0], int)


def test_viewer_gets_no_story_text(client, world, record):
    _data, workbook = _workbook(_get(client, world.bo, record, "export_xlsx"))
    text = _all_text(workbook)
    assert STORY_TEXT not in text
    assert "Jens Hansen" not in text
    assert REASON in text  # the reasons of the Most Significant Change round are shown
    body = _get(client, world.bo, record, "export_json").json()
    assert body["stories_included"] is False
    story = next(item for item in body["evidence"] if item["kind"] == "story")
    assert story["text"] == ""
    assert story["not_shown"]
    assert all(row["story_text"] == "" for row in body["msc"])
    assert STORY_TEXT not in json.dumps(body, ensure_ascii=False)


def test_analyst_gets_the_masked_story_never_the_raw_text(client, world, record):
    _data, workbook = _workbook(_get(client, world.erik, record, "export_xlsx"))
    text = _all_text(workbook)
    assert STORY_TEXT in text
    assert "Jens Hansen" not in text


def test_msc_results_name_no_panel_member(client, world, record):
    body = _get(client, world.anna, record, "export_json").json()
    rows = body["msc"]
    assert [row["picks"] for row in rows] == [1, 0]
    assert len(rows[0]["reasons"]) == 1
    assert rows[0]["reasons"][0].endswith(f": {REASON}")  # the group, never the member
    dumped = json.dumps(rows, ensure_ascii=False)
    assert world.dina.email not in dumped and "dina" not in dumped


def test_json_round_trips_with_every_part(client, world, record):
    response = _get(client, world.anna, record, "export_json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "parken-der-blev-fornyet-measurement-record.json" in response["Content-Disposition"]
    body = json.loads(response.content)
    assert body["schema_version"] == 1
    parts = (
        "plan goals goal_revisions indicators measurements evidence msc unplanned_gains "
        "learning milestones"
    ).split()
    assert set(parts) <= set(body)
    assert all(body[part] for part in parts), [p for p in parts if not body[p]]
    assert body["project"]["title"] == "Parken der blev fornyet"
    assert body["goals"][0]["title"] == HYPERLINK  # JSON keeps the text exactly
    assert body["goals"][0]["revisions"] == 1
    assert body["goal_revisions"][0]["title"] == "Flere i parken"
    measurement = body["measurements"][0]
    assert measurement["period_start"] == "2025-04-01"
    assert measurement["value"] == 31.5
    assert measurement["n"] is None and measurement["withheld"] == ""
    assert measurement["withheld_reason"] == ""
    refused = body["measurements"][1]
    assert (refused["value"], refused["n"], refused["withheld"]) == (None, 3, "group_below_k")
    assert refused["withheld_reason"]  # the sentence the indicator page shows
    assert body["plan"][0]["current"] is True and body["plan"][0]["question"] == "what_change"
    assert body["learning"][0]["title"] == "+cmd"
    assert body["milestones"][0]["threshold"] == 30.0
    datetime.datetime.fromisoformat(body["exported_at"])
    # Stable: the same record exported twice gives the same document but for the time.
    again = _get(client, world.anna, record, "export_json").json()
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in body.items() if k != "exported_at"
    }


def test_a_stranger_gets_404_and_another_projects_rows_stay_out(client, world, record):
    assert _get(client, world.carl, record, "export_xlsx").status_code == 404
    assert _get(client, world.carl, record, "export_json").status_code == 404
    other = make_project(world.org_a, title="Et andet projekt")
    body = _get(client, world.anna, other, "export_json").json()
    assert body["goals"] == [] and body["measurements"] == [] and body["msc"] == []


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+45 12 34 56 78", "'+45 12 34 56 78"),
        ("-5", "'-5"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Parken", "Parken"),
        ("a=b", "a=b"),
        ("bad\x00char", "badchar"),
    ],
)
def test_escape_text(text, escaped):
    assert escape_text(text) == escaped


def test_the_demo_record_fills_every_part_and_hides_stories_from_the_client(client, settings):
    from django.contrib.auth.models import User

    from samskab.demo import load_all
    from samskab.measurement.models import Evidence
    from samskab.projects.models import Project

    settings.DEBUG = True
    load_all()
    settings.DEBUG = False
    demo = Project.objects.get(title="Parken der blev fornyet")
    client_user = User.objects.get(email="leder@demo.dk")  # the commissioning client: a viewer
    body = _get(client, client_user, demo, "export_json").json()
    parts = [part for part in body if isinstance(body[part], list)]
    assert len(parts) == 10
    assert all(body[part] for part in parts if part != "goal_revisions"), parts
    evidence = Evidence.objects.filter(project=demo, kind="story", story__isnull=False)
    stories = [item.story.text for item in evidence if item.story is not None]
    assert stories
    dumped = json.dumps(body, ensure_ascii=False)
    assert not any(story in dumped for story in stories)
    _data, workbook = _workbook(_get(client, client_user, demo, "export_xlsx"))
    text = _all_text(workbook)
    assert not any(story in text for story in stories)
    analyst = _get(client, User.objects.get(email="analytiker@demo.dk"), demo, "export_json")
    assert any(story in analyst.content.decode() for story in stories)
