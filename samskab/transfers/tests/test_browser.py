"""The import pages in Debian's headless Chromium: the whole flow by form, and the axe audit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.testing import PASSWORD
from samskab.transfers.models import ImportJob, ImportPhase
from samskab.transfers.tests.helpers import FIXTURES, make_collection
from samskab.transfers.tests.test_round_trip import _stories
from samskab.transfers.tests.test_table_import import HEADER, ROWS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _log_in(page, live_server):
    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", "anna@example.dk")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("home"))


def _audit(page, where):
    violations = run_axe(page)
    assert not violations, f"{where}: {describe_violations(violations)}"


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_import_pages_pass_axe(page, live_server, world, immediate, tmp_path, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    collection = make_collection(world.org_a)
    _stories(collection)
    csv_file = tmp_path / "historier.csv"
    csv_file.write_bytes(("\r\n".join([HEADER, *ROWS]) + "\r\n").encode("cp1252"))
    _log_in(page, live_server)
    org = world.org_a.slug

    page.goto(live_server.url + reverse("transfers:jobs", kwargs={"org": org}))
    _audit(page, "jobs")
    page.goto(
        live_server.url + reverse("transfers:upload", kwargs={"org": org, "pk": collection.pk})
    )
    _audit(page, "upload")
    page.get_by_role("button", name="Upload og kontrollér").click()  # no file: an error
    page.wait_for_selector(".field-errors")
    _audit(page, "upload with an error")
    page.set_input_files("input[name=file]", str(csv_file))
    page.get_by_role("button", name="Upload og kontrollér").click()
    page.wait_for_url("**/imports/*/")  # the job page, while the worker reads the file
    page.get_by_role("link", name="Match kolonnerne").click()
    page.wait_for_url("**/mapping/")
    _audit(page, "mapping")
    page.select_option("select[name=col_text]", "")
    page.get_by_role("button", name="Kontrollér hver række").click()
    page.wait_for_selector(".field-errors")
    _audit(page, "mapping with errors")
    page.select_option("select[name=col_text]", "Historie")
    page.select_option("select[name=col_drivers__citizens]", "Borgere %")
    page.select_option("select[name=col_drivers__staff]", "Medarbejdere %")
    page.select_option("select[name=col_drivers__rules]", "Regler %")
    page.get_by_role("button", name="Kontrollér hver række").click()
    page.wait_for_selector("text=Afviste rækker")
    _audit(page, "preview")
    assert page.get_by_role("cell", name="De tre andele giver tilsammen 130 %, ikke 100 %.").count()
    page.get_by_role("button", name="Importér de 2 gyldige rækker").click()
    page.wait_for_selector("text=2 historier blev importeret")
    _audit(page, "done")

    job = ImportJob.objects.latest("pk")
    for status, phase in (("running", ImportPhase.STORING), ("uploaded", ImportPhase.READING)):
        job.status, job.phase = status, phase
        job.save()
        page.goto(live_server.url + reverse("transfers:job", kwargs={"org": org, "pk": job.pk}))
        assert page.locator("[aria-live=polite][hx-trigger='every 1s']").count() == 1
        _audit(page, phase)

    page.goto(live_server.url + reverse("transfers:sensemaker", kwargs={"org": org}))
    _audit(page, "sensemaker upload")
    page.goto(
        live_server.url + reverse("transfers:export_page", kwargs={"org": org, "pk": collection.pk})
    )
    _audit(page, "export")


def test_sensemaker_preview_passes_axe(page, live_server, world, immediate, tmp_path):
    data = tmp_path / "data.csv"
    text = "a1000000-0000-4000-8000-000000000001"
    data.write_text(f'"id","{text}"\n"s1","Vi spiste sammen."\n"s2",""\n', encoding="utf-8-sig")
    _log_in(page, live_server)
    page.goto(live_server.url + reverse("transfers:sensemaker", kwargs={"org": world.org_a.slug}))
    page.set_input_files("input[name=definition]", str(FIXTURES / "framework.json"))
    page.set_input_files("input[name=data_file]", str(data))
    page.get_by_role("button", name="Upload og kontrollér").click()
    page.wait_for_selector("text=Hvad blev genkendt")
    page.select_option("select[name=level_list]", "e5000000-0000-4000-8000-000000000001")
    page.get_by_role("button", name="Vis dens svar").click()
    page.wait_for_selector("text=Niveau for hvert svar")
    _audit(page, "sensemaker preview")
    page.get_by_role("button", name="Importér den 1 gyldige række").click()
    page.wait_for_selector("text=1 historie blev importeret")
