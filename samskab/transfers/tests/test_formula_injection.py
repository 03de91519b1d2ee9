"""Text a storyteller typed never becomes a live formula in an export (OWASP's CSV-injection rule),
and an exported file imports back as the original text."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.instruments.models import Story
from samskab.lib.spreadsheets import needs_escape
from samskab.transfers.models import ImportJob, ImportKind, ImportStatus
from samskab.transfers.tabular import read_csv, read_xlsx
from samskab.transfers.tests.helpers import add_story, make_collection

ATTACKS = [
    '=HYPERLINK("http://x","klik")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "\t=1",
]
SHARES = [0.2, 0.5, 0.3]
SLIDER = 0.8125


def _stories(collection):
    for n, attack in enumerate(ATTACKS):
        answers = {
            "lesson": {"value": attack},
            "drivers": {"value": SHARES},
            "decided": {"value": SLIDER},
        }
        # An id is stored as read from a file: stripped ("\t=1" arrives as "=1").
        add_story(
            collection,
            external_id=attack.strip(),
            title=attack,
            text=f"{attack} {n}",
            answers=answers,
        )
    return list(Story.objects.filter(collection=collection).order_by("pk"))


def _download(client, world, collection, fmt):
    kwargs = {"org": world.org_a.slug, "pk": collection.pk, "fmt": fmt}
    response = client.get(reverse("transfers:export", kwargs=kwargs))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _rows(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture
def stories(world, client):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    return collection, _stories(collection)


@pytest.mark.django_db
def test_raw_csv_escapes_every_text_cell_and_keeps_numbers(client, world, stories):
    collection, originals = stories
    header, *rows = _rows(_download(client, world, collection, "raw"))
    assert len(rows) == len(ATTACKS)
    assert not [cell for row in rows for cell in row if needs_escape(cell)]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    for story in originals:
        row = by_id["'" + story.external_id]
        assert row["samskab_title"] == "'" + story.title
        assert row["samskab_story"] in (story.text, "'" + story.text)
        assert row["lesson"] == "'" + story.answers["lesson"]["value"]
        # Numbers are left as they are: exactly what the reader turns back into the answer.
        assert [row[f"drivers_{c}"] for c in ("citizens", "staff", "rules")] == [
            "0.2",
            "0.5",
            "0.3",
        ]
        assert row["decided_percentX"] == "0.8125"


@pytest.mark.django_db
def test_tidy_csv_escapes_ids_and_free_text(client, world, stories):
    collection, originals = stories
    _header, *rows = _rows(_download(client, world, collection, "tidy"))
    assert not [cell for row in rows for cell in row if needs_escape(cell)]
    lessons = {row[0]: row[3] for row in rows if row[1] == "lesson"}
    assert lessons == {"'" + s.external_id: "'" + s.answers["lesson"]["value"] for s in originals}
    assert ["0.2", "0.5", "0.3"] == [row[3] for row in rows if row[1] == "drivers"][:3]


@pytest.mark.django_db
def test_xlsx_has_no_formula_and_keeps_numbers(client, world, stories):
    collection, originals = stories
    data = _download(client, world, collection, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/"))
    assert not re.search(rb"<f[ >]", xml), "a cell was written as a formula"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert {cell.data_type for cell in cells} <= {"s", "inlineStr", "n"}  # never "f"
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [text for text in texts if needs_escape(text)]
    lessons = {r[0].value: r[3].value for r in sheet.iter_rows(min_row=2) if r[1].value == "lesson"}
    assert lessons == {"'" + s.external_id: "'" + s.answers["lesson"]["value"] for s in originals}
    shares = [r[3].value for r in sheet.iter_rows(min_row=2) if r[1].value == "drivers"][:3]
    assert shares == SHARES  # numbers stay numbers: Excel can sum them


@pytest.mark.django_db
def test_an_exported_file_imports_as_the_original_text(
    client, world, stories, immediate_tasks, django_capture_on_commit_callbacks
):
    collection, originals = stories
    data = _download(client, world, collection, "raw")
    definition = _download(client, world, collection, "definition")
    client.force_login(world.carl)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("transfers:sensemaker", kwargs={"org": world.org_b.slug}),
            {
                "definition": SimpleUploadedFile("definition.json", definition),
                "data_file": SimpleUploadedFile("data.csv", data),
            },
        )
    job = ImportJob.objects.get(organisation=world.org_b)
    assert (job.status, job.valid_rows) == (ImportStatus.PREVIEWED, len(ATTACKS)), job.report
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("transfers:confirm", kwargs={"org": world.org_b.slug, "pk": job.pk}))
    job.refresh_from_db()
    copies = {s.external_id: s for s in Story.objects.filter(organisation=world.org_b)}
    assert set(copies) == {attack.strip() for attack in ATTACKS}
    for original in originals:
        copy = copies[original.external_id]
        assert (copy.title, copy.text) == (original.title, original.text)
        assert copy.answers["lesson"] == original.answers["lesson"]
        assert copy.answers["decided"] == original.answers["decided"]
        assert copy.answers["drivers"]["value"] == pytest.approx(SHARES, abs=1e-15)


def test_the_readers_remove_the_escape_and_nothing_else():
    escaped = '"id";"text";"n"\r\n"\'=1+1";"\'@SUM(A1)";"-0.25"\r\n"\'plain";"\'-2";"+3"\r\n'
    table = read_csv(escaped.encode())
    assert table.rows == [["=1+1", "@SUM(A1)", "-0.25"], ["'plain", "'-2", "+3"]]
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id", "text"])
    sheet.append(['\'=HYPERLINK("http://x")', "'It's fine"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_xlsx(buffer.getvalue()).rows == [['=HYPERLINK("http://x")', "'It's fine"]]


@pytest.mark.django_db
def test_the_rejected_rows_download_is_escaped(client, world):
    collection = make_collection(world.org_a)
    job = ImportJob.objects.create(
        organisation=world.org_a,
        collection=collection,
        kind=ImportKind.TABLE,
        file_name="x.csv",
        status=ImportStatus.PREVIEWED,
        report={"rejected": [{"row": 2, "field": "=cmd|' /C calc'!A0", "reason": "+1+1"}]},
    )
    client.force_login(world.anna)
    url = reverse("transfers:rejected", kwargs={"org": world.org_a.slug, "pk": job.pk})
    response = client.get(url)
    _header, row = _rows(b"".join(response.streaming_content))
    assert row == ["2", "'=cmd|' /C calc'!A0", "'+1+1"]
