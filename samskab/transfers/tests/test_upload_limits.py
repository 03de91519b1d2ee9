"""Uploads are untrusted: decompression bombs, huge sheets and oversized bodies are refused early
and clearly, and the web request never parses a file (the worker does, within limits)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samskab.transfers import services, tabular
from samskab.transfers.models import ImportJob, ImportPhase, ImportStatus
from samskab.transfers.tabular import Limits, TableError, read_csv, read_xlsx
from samskab.transfers.tests.helpers import make_collection

MB = 1024 * 1024


def _workbook(sheet_xml_rows, shared=(), dimension=""):
    """A minimal XLSX written by hand, so a test can say exactly what the sheet holds.
    ``sheet_xml_rows`` (bytes chunks) is streamed into the archive, never held whole."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/sharedStrings.xml", "w") as strings:
            strings.write(b'<sst xmlns="%s">' % NS)
            for chunk in shared:
                strings.write(chunk)
            strings.write(b"</sst>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<worksheet xmlns="%s">%s<sheetData>' % (NS, dimension.encode()))
            for chunk in sheet_xml_rows:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return output.getvalue()


NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{OOXML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{OOXML}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{OOXML}.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<workbook xmlns="{NS.decode()}" xmlns:r="{DOC}">'
    '<sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def _column(n):
    name = ""
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


def _rows(count, width, start=1):
    for r in range(start, start + count):
        cells = b"".join(
            b'<c r="%s%d"><v>%d</v></c>' % (_column(c).encode(), r, c) for c in range(1, width + 1)
        )
        yield b'<row r="%d">%s</row>' % (r, cells)


def huge_string_bomb(megabytes=100):
    """A small workbook whose one shared string unpacks to ``megabytes`` MB (the report's
    104 KB file held 100 MB)."""
    chunk = b"A" * MB

    def strings():
        yield b"<si><t>"
        for _ in range(megabytes):
            yield chunk
        yield b"</t></si>"

    header = b'<row r="1"><c r="A1" t="inlineStr"><is><t>Historie</t></is></c></row>'
    return _workbook([header, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'], strings())


def many_cells_bomb(rows=10_000, width=500):
    """The report's 10,000 × 500-cell sheet (190 KB packed, 75 MB unpacked)."""
    names = b"".join(b'<c t="inlineStr"><is><t>k%d</t></is></c>' % n for n in range(width))
    cells = b"<c><v>1</v></c>" * width
    body = (b'<row r="%d">%s</row>' % (r, cells) for r in range(2, rows + 1))
    return _workbook([b'<row r="1">%s</row>' % names, *body])


@pytest.fixture
def never_opened(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl opened the file")

    monkeypatch.setattr("openpyxl.load_workbook", refuse)


@pytest.mark.parametrize("bomb", [huge_string_bomb, many_cells_bomb], ids=["string", "cells"])
def test_bombs_are_refused_by_their_sizes_before_anything_is_unpacked(bomb, never_opened):
    data = bomb()
    assert len(data) < 500_000
    with pytest.raises(TableError) as caught:
        read_xlsx(data, Limits())
    assert caught.value.code == "too_large_unpacked"
    assert "CSV" in caught.value.message


def test_a_bomb_is_refused_by_the_upload_form(client, world, never_opened, db):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    url = reverse("transfers:upload", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    response = client.post(url, {"file": SimpleUploadedFile("b.xlsx", huge_string_bomb(60))})
    assert response.status_code == 422
    assert response.context["form"].errors.as_data()["file"][0].code == "too_large_unpacked"
    assert not ImportJob.objects.exists()


@pytest.fixture
def counted(monkeypatch):
    """How many cells the reader turned into text."""
    calls = []
    real = tabular.cell_text

    def count(value):
        calls.append(1)
        return real(value)

    monkeypatch.setattr(tabular, "cell_text", count)
    return calls


def test_the_cells_in_a_workbook_are_counted_before_it_is_parsed(never_opened):
    """openpyxl parses a whole row even where only the header's width is kept: what the
    file holds must be bounded, not only what is kept. Prefixed tags count too."""
    prefixed = b'<row r="2"><x:c xmlns:x="%s"><x:v>1</x:v></x:c></row>' % NS
    for rows in ([*_rows(1, 2), *_rows(40, 50, start=2)], [*_rows(1, 999), prefixed, prefixed]):
        with pytest.raises(TableError) as caught:
            read_xlsx(_workbook(rows), Limits(cells=1_000))
        assert caught.value.code == "too_many_cells"


def test_reading_stops_at_the_cell_limit(counted):
    """Few cells in the file, but rows kept as wide as a wide header."""
    data = _workbook(
        [*_rows(1, 50), *(b'<row r="%d"><c><v>1</v></c></row>' % r for r in range(2, 202))]
    )
    with pytest.raises(TableError) as caught:
        read_xlsx(data, Limits(cells=1_000, columns=100))
    assert caught.value.code == "too_many_cells"
    assert len(counted) <= 101 + 1_000 + 50  # the header row is read as wide as allowed


def test_a_declared_dimension_and_a_far_row_do_not_make_rows_wide_or_many(counted):
    """openpyxl pads each row to the declared dimension (16,384 columns) and yields a row for
    every missing row number, unless told the bounds."""
    far = b'<row r="900000"><c r="A900000"><v>1</v></c></row>'
    data = _workbook([*_rows(2, 2), far], dimension='<dimension ref="A1:XFD1048576"/>')
    with pytest.raises(TableError) as caught:
        read_xlsx(data, Limits(rows=1_000, columns=10))
    assert caught.value.code == "too_many_rows"
    assert len(counted) <= 11 + (1_000 + 1) * 2


def test_one_cell_keeps_a_bounded_text_without_nul():
    table = read_csv(b"id;text\n1;" + b"x" * 50_000 + b"\n2;a\x00b\n", Limits(cell_chars=100))
    assert [len(table.rows[0][1]), table.rows[1][1]] == [100, "ab"]
    strings = [b"<si><t>" + b"y" * 5_000 + b"</t></si>"]
    cell = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    assert read_xlsx(_workbook([cell], shared=strings), Limits(cell_chars=10)).rows == [["y" * 10]]


@pytest.mark.django_db
def test_the_request_only_stores_the_file_and_the_worker_reads_it(
    client, world, monkeypatch, immediate_tasks, django_capture_on_commit_callbacks
):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    url = reverse("transfers:upload", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    real = tabular.read_xlsx

    def not_in_the_request(*args, **kwargs):
        raise AssertionError("the request parsed the file")

    monkeypatch.setattr(tabular, "read_xlsx", not_in_the_request)
    data = _workbook(_rows(3, 2))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, {"file": SimpleUploadedFile("t.xlsx", data)})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.status, job.phase, bytes(job.upload)) == (ImportStatus.UPLOADED, "reading", data)
    page = client.get(response.url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    monkeypatch.setattr(tabular, "read_xlsx", real)
    for callback in callbacks:  # the read_import task, enqueued on commit
        callback()
    job.refresh_from_db()
    assert job.phase == ImportPhase.NONE and bytes(job.upload) == b""
    assert job.table["rows"] == [["1", "2"], ["1", "2"]] and job.options["layout"] == "mapped"


@pytest.mark.django_db
def test_a_nul_character_is_not_stored(world):
    """PostgreSQL cannot store NUL in text or JSON: the job would fail to save."""
    collection = make_collection(world.org_a)
    data = "Historie;Titel\nEn\x00 historie;T\n".encode()
    job = services.start_table_import(collection, "a.csv", data, world.anna)
    services.run_read(job)
    job.refresh_from_db()
    assert job.table["rows"] == [["En historie", "T"]]


@pytest.mark.django_db
def test_a_job_cancelled_while_reading_stays_cancelled(client, world):
    collection = make_collection(world.org_a)
    job = services.start_table_import(collection, "a.csv", b"Historie\nEn\n", world.anna)
    client.force_login(world.anna)
    client.post(reverse("transfers:cancel", kwargs={"org": world.org_a.slug, "pk": job.pk}))
    services.run_read(ImportJob.objects.get(pk=job.pk))
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED and job.table == {} and bytes(job.upload) == b""


class Unread:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def _upload_urls(world):
    from samskab.measurement.tests.factories import make_goal, make_indicator
    from samskab.testing import make_project

    collection = make_collection(world.org_a)
    indicator = make_indicator(make_goal(make_project(world.org_a)))
    org = world.org_a.slug
    return [
        reverse("transfers:upload", kwargs={"org": org, "pk": collection.pk}),
        reverse("transfers:sensemaker", kwargs={"org": org}),
        reverse(
            "measurement:import",
            kwargs={"org": org, "project": indicator.project_id, "pk": indicator.pk},
        ),
    ]


@pytest.mark.django_db
def test_an_oversized_body_is_refused_before_it_is_read(world):
    client = Client(enforce_csrf_checks=True)  # CSRF's check would read the body first
    client.force_login(world.anna)
    for url in _upload_urls(world):
        environ: dict[str, Any] = {
            "CONTENT_LENGTH": str(50 * MB),
            "HTTP_ACCEPT_LANGUAGE": "en",
            "wsgi.input": Unread(),
        }
        response = client.post(
            url, data=b"", content_type="multipart/form-data; boundary=x", **environ
        )
        assert response.status_code == 413, url
        page = response.content.decode()
        assert "<h1>The file is too large</h1>" in page and "MB" in page
        assert "errors/413.html" in [t.name for t in response.templates]
        assert "base.html" in [t.name for t in response.templates]  # the site's layout


@pytest.mark.django_db
def test_a_body_within_the_limit_is_read_as_usual(client, world, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1_000
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    url = reverse("transfers:upload", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    small = client.post(url, {"file": SimpleUploadedFile("a.csv", b"Historie\nEn\n")})
    assert small.status_code == 302
    large = client.post(url, {"file": SimpleUploadedFile("a.csv", b"x" * (2 * MB))})
    assert large.status_code == 413  # 1,000 bytes + room for the form's other parts


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["²", "٣", "1²", "99999999999999999999999", "-1"])
def test_a_version_that_is_not_a_number_is_no_server_error(client, world, version):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    url = reverse(
        "transfers:export",
        kwargs={"org": world.org_a.slug, "pk": collection.pk, "fmt": "definition"},
    )
    response = client.get(url, {"version": version})
    assert response.status_code == 200  # read as "no version given": the newest one
