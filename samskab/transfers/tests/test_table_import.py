"""Generic CSV and XLSX import with a column mapping, all or nothing, and the job page."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from samskab.instruments.models import Story
from samskab.transfers import services
from samskab.transfers.models import ImportJob, ImportPhase, ImportStatus
from samskab.transfers.tests.helpers import make_collection

HEADER = ";".join(
    ["Løbenr", "Titel", "Historie", "Rolle", "Borgere %", "Medarbejdere %", "Regler %"]
    + ["Hvem bestemte", "Hyppighed", "Følelser", "Læring"]
)
ROWS = [
    "1;Plantedag;Vi plantede træer med gartnerne i Ærøparken.;medarbejder;20;50;30;75;"
    "af og til;glæde; håb;Spørg først",
    "2;Kaffe;Vi drak kaffe, og Åse fortalte om foreningen.;borger;;;;;;;",
    "3;Fejl;Tallene passer ikke.;bruger;50;50;30;10;;;",
    "4;;Uden rolle.;;10;10;80;50;;;",
]
MAPPING = {
    "col_external_id": "Løbenr",
    "col_title": "Titel",
    "col_text": "Historie",
    "col_level": "Rolle",
    "col_drivers__citizens": "Borgere %",
    "col_drivers__staff": "Medarbejdere %",
    "col_drivers__rules": "Regler %",
    "col_decided__percentX": "Hvem bestemte",
    "col_frequency": "Hyppighed",
    "col_feelings": "Følelser",
    "col_lesson": "Læring",
    "position_scale": "100",
    "blank_is_na": "1",
    "prompt": "moment",
    "default_level": "",
}


def _csv_file():
    text = "\r\n".join([HEADER, *ROWS]) + "\r\n"
    # "glæde; håb" holds the delimiter: quote it as Excel does.
    text = text.replace("glæde; håb", '"glæde; håb"')
    return SimpleUploadedFile("historier.csv", text.encode("cp1252"))


def _xlsx_file():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.create_sheet("historier", 0)
    sheet.append(HEADER.split(";"))
    sheet.append(
        [
            1,
            "Plantedag",
            "Vi plantede træer.",
            "Medarbejder",
            0.2,
            0.5,
            0.3,
            75,
            "sometimes",
            "glad;hopeful",
            None,
        ]
    )
    sheet.append([2, "Kaffe", "Vi drak kaffe.", "borger", None, None, None, None, None, None, None])
    sheet.append([3, "Fejl", "Forkert.", "bruger", 0.5, 0.5, 0.3, 10, "aldrig", None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("historier.xlsx", buffer.getvalue())


def _upload(client, world, collection, upload):
    """Upload, then read the file as the worker's ``read_import`` task does."""
    url = reverse("transfers:upload", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    response = client.post(url, {"file": upload})
    assert response.status_code == 302, response.content.decode()[-3000:]
    job = ImportJob.objects.latest("pk")
    assert response.url == reverse("transfers:job", kwargs={"org": world.org_a.slug, "pk": job.pk})
    services.run_read(job)
    job.refresh_from_db()
    return job, response


def _map(client, world, job, data=MAPPING):
    url = reverse("transfers:mapping", kwargs={"org": world.org_a.slug, "pk": job.pk})
    return client.post(url, data)


def _confirm(client, world, job):
    url = reverse("transfers:confirm", kwargs={"org": world.org_a.slug, "pk": job.pk})
    return client.post(url)


@pytest.mark.django_db
def test_semicolon_cp1252_csv_with_mapping(
    client, world, immediate_tasks, django_capture_on_commit_callbacks
):
    collection = make_collection(world.org_a)
    client.force_login(world.dina)
    job, response = _upload(client, world, collection, _csv_file())
    assert bytes(job.upload) == b"" and job.table["headers"][2] == "Historie"  # read, bytes gone
    assert "Match kolonnerne" in client.get(response.url).content.decode()
    page = client.get(reverse("transfers:mapping", kwargs={"org": world.org_a.slug, "pk": job.pk}))
    form = page.context["form"]
    assert form.initial["col_text"] == "Historie" and form.initial["col_title"] == "Titel"
    assert form.initial["col_external_id"] == "Løbenr"
    assert form.initial["position_scale"] == "100"  # 75 can only be a percentage
    assert "Ærøparken" in page.content.decode()
    assert _map(client, world, job).status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEWED
    assert (job.valid_rows, job.rejected_rows) == (2, 2), job.report
    rows = {entry["row"]: entry for entry in job.report["rejected"]}
    assert set(rows) == {4, 5}
    assert "130" in rows[4]["reason"] and rows[4]["field"].startswith("Det, der skete")
    assert rows[5]["field"] == "Niveau"  # translated for the person who uploaded
    assert Story.objects.count() == 0  # nothing before the confirmation
    with django_capture_on_commit_callbacks(execute=True):
        assert _confirm(client, world, job).status_code == 302
    job.refresh_from_db()
    assert (job.status, job.inserted) == (ImportStatus.DONE, 2)
    first, second = Story.objects.order_by("external_id")
    assert first.level == "employee" and first.answers["drivers"]["value"] == pytest.approx(
        [0.2, 0.5, 0.3]
    )
    assert first.answers["decided"] == {"state": "answered", "value": 0.75}
    assert first.answers["frequency"]["value"] == "sometimes"
    assert first.answers["feelings"]["value"] == ["glad", "hopeful"]
    assert second.answers["drivers"] == {"state": "na"}  # empty cells: not applicable
    assert second.answers["lesson"] == {"state": "skipped"}  # empty free text: skipped
    assert "Åse" not in second.text or second.text  # masked by the same service as the form
    collection.refresh_from_db()
    assert collection.change_counter == 2

    # The same file again adds nothing.
    again, response = _upload(client, world, collection, _csv_file())
    _map(client, world, again)
    again.refresh_from_db()
    assert (again.valid_rows, again.known_rows, again.new_rows) == (2, 2, 0)
    _confirm(client, world, again)
    assert Story.objects.count() == 2


@pytest.mark.django_db
def test_xlsx_with_mapping(client, world, immediate_tasks, django_capture_on_commit_callbacks):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    job, _response = _upload(client, world, collection, _xlsx_file())
    data = {k: v for k, v in MAPPING.items() if k != "col_lesson"}
    assert _map(client, world, job, data).status_code == 302
    job.refresh_from_db()
    assert (job.valid_rows, job.rejected_rows) == (2, 1), job.report
    reasons = " ".join(entry["reason"] for entry in job.report["rejected"])
    assert "aldrig" in reasons and "130" in reasons
    with django_capture_on_commit_callbacks(execute=True):
        _confirm(client, world, job)
    assert Story.objects.filter(collection=collection).count() == 2


@pytest.mark.django_db
def test_mapping_errors_are_shown(client, world):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    job, _response = _upload(client, world, collection, _csv_file())
    bad = {**MAPPING, "col_text": "", "col_drivers__rules": "", "col_title": "Historie"}
    response = _map(client, world, job, bad)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) >= {"col_text", "col_drivers__rules"}
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED


@pytest.mark.django_db
def test_unreadable_files_are_refused(client, world):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    url = reverse("transfers:upload", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    for upload in (
        SimpleUploadedFile("x.xlsx", b"not a zip"),
        SimpleUploadedFile("x.pdf", b"%PDF"),
        SimpleUploadedFile("x.csv", b""),
    ):
        response = client.post(url, {"file": upload})
        assert response.status_code == 422
        assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_file_the_worker_cannot_read_fails_with_the_reason(client, world):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    job, response = _upload(client, world, collection, SimpleUploadedFile("x.csv", b"a;a\n1;2\n"))
    assert job.status == ImportStatus.FAILED and job.table == {} and bytes(job.upload) == b""
    page = client.get(response.url).content.decode()
    assert "Disse kolonnenavne er brugt to gange: a." in page
    assert (
        reverse("transfers:upload", kwargs={"org": world.org_a.slug, "pk": collection.pk}) in page
    )


@pytest.mark.django_db
def test_nothing_is_imported_half_way(
    client, world, immediate_tasks, django_capture_on_commit_callbacks, monkeypatch
):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    job, _response = _upload(client, world, collection, _csv_file())
    _map(client, world, job)
    calls = []
    real = services._story

    def failing(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args)

    monkeypatch.setattr(services, "CHUNK", 1)  # the first story is already inserted
    monkeypatch.setattr(services, "_story", failing)
    with django_capture_on_commit_callbacks(execute=True):
        _confirm(client, world, job)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.error and job.inserted == 0
    assert Story.objects.count() == 0
    collection.refresh_from_db()
    assert collection.change_counter == 0


@pytest.mark.django_db
def test_job_page_polls_while_busy_and_stops_when_done(client, world):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    job, _response = _upload(client, world, collection, _csv_file())
    url = reverse("transfers:job", kwargs={"org": world.org_a.slug, "pk": job.pk})
    job.phase, job.processed_rows = ImportPhase.CHECKING, 2
    job.save()
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'aria-live="polite"' in page
    assert "2 af 4 rækker kontrolleret" in page
    partial = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode() and "<progress" in partial.content.decode()
    job.status, job.phase = ImportStatus.RUNNING, ImportPhase.STORING
    job.save()
    assert "<progress" in client.get(url, headers={"HX-Request": "true"}).content.decode()
    job.status, job.phase = ImportStatus.DONE, ImportPhase.NONE
    job.save()
    finished = client.get(url, headers={"HX-Request": "true"})
    assert finished.headers["HX-Refresh"] == "true"
    assert "hx-trigger" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_large_files_are_checked_by_the_worker(
    client, world, immediate_tasks, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(services, "SYNC_PREVIEW_ROWS", 1)
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    job, _response = _upload(client, world, collection, _csv_file())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _map(client, world, job)
    job.refresh_from_db()
    assert job.is_busy and job.status == ImportStatus.UPLOADED  # checking in the background
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEWED and job.valid_rows == 2


# The worker closes its database connection after each task, as in production; on PostgreSQL that
# would end a test wrapped in a transaction, so this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_worker_run_the_import(client, world, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    job, _response = _upload(client, world, collection, _csv_file())
    _map(client, world, job)
    _confirm(client, world, job)  # commits, so the task is enqueued on commit
    job.refresh_from_db()
    assert job.status == ImportStatus.QUEUED
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.inserted) == (ImportStatus.DONE, 2)
    assert Story.objects.filter(collection=collection).count() == 2


@pytest.mark.django_db
def test_cancel_drops_the_rows(client, world):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    job, _response = _upload(client, world, collection, _csv_file())
    client.post(reverse("transfers:cancel", kwargs={"org": world.org_a.slug, "pk": job.pk}))
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED and job.table == {}
    response = _confirm(client, world, job)
    assert response.status_code == 302 and not Story.objects.exists()


@pytest.mark.django_db
def test_a_check_that_crashes_marks_the_job_failed(client, world, monkeypatch):
    collection = make_collection(world.org_a)
    client.force_login(world.anna)
    job, _response = _upload(client, world, collection, _csv_file())

    def crash(job):
        raise RuntimeError("bug")

    monkeypatch.setattr(services, "_check_every_row", crash)
    response = _map(client, world, job)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.table == {}
    page = client.get(response.url).content.decode()
    assert "Filen kunne ikke kontrolleres; intet blev gemt." in page
