"""Importing measurements from CSV and XLSX: preview, confirm, and everything that is refused."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signing import TimestampSigner
from django.urls import reverse
from django.utils.html import escape
from openpyxl import Workbook

from samskab.measurement.content import IndicatorSource
from samskab.measurement.models import Measurement
from samskab.measurement.services import imports
from samskab.measurement.tests.browser import PHONE
from samskab.measurement.tests.factories import make_goal, make_indicator, make_measurement
from samskab.measurement.views import imports as views
from samskab.testing import make_project

pytestmark = pytest.mark.django_db

DANISH_CSV = (
    "Periode start;Periode slut;Værdi;Bemærkning\n"
    "01-01-2025;31-03-2025;22,5;Første kvartal\n"
    "01-04-2025;30-06-2025;135;For højt: ikke en procent\n"
    "2025-07-01;2025-09-30;31,25;\n"
    "01-10-2025;31-12-2025;40;Allerede målt\n"
    "01-01-2026;31-03-2026;tre;Ikke et tal\n"
    "01-02-2030;28-02-2030;50;Efter projektets slutning\n"
    "2025-07-01;2025-09-30;33;Samme periode to gange\n"
)


@pytest.fixture
def indicator(world):
    project = make_project(
        world.org_a, start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2026, 12, 31)
    )
    indicator = make_indicator(make_goal(project))  # percent: 0–100
    make_measurement(indicator, 38.0, datetime.date(2025, 10, 1), end=datetime.date(2025, 12, 31))
    return indicator


def _url(indicator):
    return reverse(
        "measurement:import",
        kwargs={"org": "aarby", "project": indicator.project_id, "pk": indicator.pk},
    )


def _upload(client, indicator, name, data):
    return client.post(_url(indicator), {"file": SimpleUploadedFile(name, data)})


def _payload(response):
    match = re.search(rb'name="payload" value="([^"]+)"', response.content)
    assert match, "the preview has no confirm form"
    return match.group(1).decode()


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_get_shows_the_form(client, world, indicator):
    client.force_login(world.erik)
    response = client.get(_url(indicator))
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b'name="file"' in response.content


def test_danish_csv_preview_then_confirm_adds_exactly_the_good_rows(client, world, indicator):
    client.force_login(world.erik)
    response = _upload(client, indicator, "målinger.csv", DANISH_CSV.encode("cp1252"))
    assert response.status_code == 200
    page = response.content.decode()
    result = response.context["result"]
    assert [row.raw.number for row in result.good] == [2, 4]
    assert [row.new.value for row in result.good] == [22.5, 31.25]
    errors = {row.raw.number: (row.field, row.error) for row in result.bad}
    assert set(errors) == {3, 5, 6, 7, 8}
    assert errors[3][0] == "value" and "100" in errors[3][1]  # outside the unit's range
    assert errors[5][0] == "period_start"  # a value for this period exists already
    assert errors[6][0] == "value"  # "tre" is not a number
    assert errors[7][0] == "period_end"  # after the project ends
    assert errors[8][0] == "period_start" and "4" in errors[8][1]  # twice in the file
    for _number, (_field, message) in errors.items():
        assert escape(message) in page
    assert Measurement.objects.filter(indicator=indicator).count() == 1  # nothing saved yet

    response = client.post(_url(indicator), {"payload": _payload(response)})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "measurement:indicator",
        kwargs={"org": "aarby", "project": indicator.project_id, "pk": indicator.pk},
    )
    added = Measurement.objects.filter(indicator=indicator, source=IndicatorSource.IMPORT)
    assert sorted((m.period_start, m.value, m.note) for m in added) == [
        (datetime.date(2025, 1, 1), 22.5, "Første kvartal"),
        (datetime.date(2025, 7, 1), 31.25, ""),
    ]
    assert all(m.entered_by == world.erik for m in added)
    assert Measurement.objects.filter(indicator=indicator).count() == 3


def test_xlsx_with_english_headers_and_real_dates(client, world, indicator):
    data = _xlsx(
        [
            ["Period start", "Period end", "Value", "Note"],
            [datetime.date(2025, 1, 1), datetime.date(2025, 1, 31), 12.5, "Januar"],
            ["01.02.2025", "28.02.2025", "13,75", None],
            [datetime.date(2025, 3, 1), datetime.date(2025, 3, 31), -4, "negativ"],
            [None, None, None, None],
        ]
    )
    client.force_login(world.anna)
    response = _upload(client, indicator, "values.xlsx", data)
    assert response.status_code == 200
    assert [row.raw.number for row in response.context["result"].bad] == [4]  # below 0 %
    assert client.post(_url(indicator), {"payload": _payload(response)}).status_code == 302
    added = Measurement.objects.filter(indicator=indicator, source=IndicatorSource.IMPORT)
    assert sorted((m.period_start, m.period_end, m.value, m.note) for m in added) == [
        (datetime.date(2025, 1, 1), datetime.date(2025, 1, 31), 12.5, "Januar"),
        (datetime.date(2025, 2, 1), datetime.date(2025, 2, 28), 13.75, ""),
    ]


def test_a_tampered_payload_is_refused(client, world, indicator):
    client.force_login(world.erik)
    response = _upload(client, indicator, "m.csv", DANISH_CSV.encode())
    payload = _payload(response)
    # Re-sign the rows without the salt: a well-formed token, but not ours.
    forged = TimestampSigner().sign_object(
        {"rows": [[2, "2025-01-01", "2025-03-31", "99", ""]], "expected": [2]}
    )
    changed = payload[:-3] + ("aaa" if not payload.endswith("aaa") else "bbb")
    for bad, code in ((forged, "tampered"), (changed, "tampered"), ("x" * 10, "tampered")):
        response = client.post(_url(indicator), {"payload": bad})
        assert response.status_code == 422, bad
        assert response.context["confirm"].errors.as_data()["payload"][0].code == code
        assert b'name="file"' in response.content  # back to the upload form
    assert not Measurement.objects.filter(source=IndicatorSource.IMPORT).exists()


def test_a_payload_for_another_indicator_or_member_is_refused(client, world, indicator):
    client.force_login(world.erik)
    payload = _payload(_upload(client, indicator, "m.csv", DANISH_CSV.encode()))
    other = make_indicator(indicator.goal, title="En anden")
    assert client.post(_url(other), {"payload": payload}).status_code == 422
    client.force_login(world.anna)
    assert client.post(_url(indicator), {"payload": payload}).status_code == 422
    assert not Measurement.objects.filter(source=IndicatorSource.IMPORT).exists()


def test_a_change_between_preview_and_confirm_shows_the_preview_again(client, world, indicator):
    client.force_login(world.erik)
    payload = _payload(_upload(client, indicator, "m.csv", DANISH_CSV.encode()))
    make_measurement(indicator, 20.0, datetime.date(2025, 1, 1), end=datetime.date(2025, 3, 31))
    response = client.post(_url(indicator), {"payload": payload})
    assert response.status_code == 422
    assert not Measurement.objects.filter(source=IndicatorSource.IMPORT).exists()
    # The fresh preview can be confirmed: now only one row is good.
    response = client.post(_url(indicator), {"payload": _payload(response)})
    assert response.status_code == 302
    assert Measurement.objects.filter(source=IndicatorSource.IMPORT).count() == 1


def _zip_bomb():
    """A valid-looking XLSX whose shared strings unpack to 50 MB of one character."""
    data = _xlsx([["period start", "period end", "value"], ["2025-01-01", "2025-01-31", 1]])
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item.filename))
        bomb.writestr("xl/padding.xml", b"A" * (50 * 1024 * 1024))
    return output.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_opened(client, world, indicator, monkeypatch):
    bomb = _zip_bomb()
    assert len(bomb) < 200_000

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the bomb")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    client.force_login(world.erik)
    response = _upload(client, indicator, "bomb.xlsx", bomb)
    assert response.status_code == 422
    assert response.context["form"].errors.as_data()["file"][0].code == "too_large_unpacked"
    with pytest.raises(imports.ImportFileError) as caught:
        imports.read_rows("bomb.xlsx", bomb)
    assert caught.value.code == "too_large_unpacked"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("m.csv", b"x" * (2 * 1024 * 1024 + 1), "too_large"),
        ("m.xlsx", b"not a zip", "unreadable"),
        ("m.csv", b"dato;tal\n01-01-2025;3\n", "columns"),
        ("m.csv", b"periode start;periode slut;vaerdi\n", "no_rows"),
        (
            "m.csv",
            b"start;slut;value\n" + b"01-01-2025;31-01-2025;1\n" * (imports.MAX_ROWS + 1),
            "too_many_rows",
        ),
    ],
)
def test_files_that_cannot_be_imported(name, data, code):
    with pytest.raises(imports.ImportFileError) as caught:
        imports.read_rows(name, data)
    assert caught.value.code == code


def test_the_form_refuses_wrong_files(client, world, indicator):
    client.force_login(world.erik)
    response = _upload(client, indicator, "m.pdf", b"%PDF-1.4")
    assert response.status_code == 422
    response = _upload(client, indicator, "m.csv", b"x" * (2 * 1024 * 1024 + 1))
    assert response.status_code == 422
    assert client.post(_url(indicator), {}).status_code == 422


def test_a_computed_indicator_refuses_import(client, world, indicator):
    computed = make_indicator(indicator.goal, title="Beregnet", source=IndicatorSource.COMPUTED)
    client.force_login(world.anna)
    response = client.get(_url(computed))
    assert response.status_code == 200
    assert b'name="file"' not in response.content
    response = _upload(client, computed, "m.csv", DANISH_CSV.encode())
    assert response.status_code == 422
    assert not Measurement.objects.filter(indicator=computed).exists()


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567.0),
        ("1 234", 1234.0),
        ("-3", -3.0),
        ("\u22123", -3.0),
        ("45 %", 45.0),
        ("1e-05", 0.00001),
    ],
)
def test_parse_number(text, number):
    assert imports.parse_number(text) == pytest.approx(number)


@pytest.mark.parametrize("text", ["", "tre", "1,2,3", "nan", "inf", "1..2", "--1", "12,5,"])
def test_parse_number_refuses(text):
    with pytest.raises(ValueError):
        imports.parse_number(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("31-12-2025", datetime.date(2025, 12, 31)),
        ("2025-12-31", datetime.date(2025, 12, 31)),
        ("31.12.2025", datetime.date(2025, 12, 31)),
        ("1/2/2025", datetime.date(2025, 2, 1)),
        ("2025-12-31T00:00:00", datetime.date(2025, 12, 31)),
    ],
)
def test_parse_date(text, date):
    assert imports.parse_date(text) == date


@pytest.mark.parametrize("text", ["", "31-02-2025", "2025/12/31x", "12-31-2025", "i går"])
def test_parse_date_refuses(text):
    with pytest.raises(ValueError):
        imports.parse_date(text)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_import_pages_pass_axe(page, live_server, world, viewport, tmp_path):
    from django.test import Client

    from conftest import describe_violations, run_axe

    project = make_project(
        world.org_a, start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2026, 12, 31)
    )
    indicator = make_indicator(make_goal(project))
    make_measurement(indicator, 38.0, datetime.date(2025, 10, 1), end=datetime.date(2025, 12, 31))
    if viewport:
        page.set_viewport_size(viewport)
    client = Client()
    client.force_login(world.erik)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + _url(indicator))
    assert not (found := run_axe(page)), describe_violations(found)
    bad = tmp_path / "m.pdf"
    bad.write_bytes(b"%PDF")
    page.set_input_files("#id_file", str(bad))
    page.locator("form.import-upload button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert not (found := run_axe(page)), describe_violations(found)
    good = tmp_path / "m.csv"
    good.write_bytes(DANISH_CSV.encode())
    page.set_input_files("#id_file", str(good))
    page.locator("form.import-upload button[type=submit]").click()
    page.wait_for_selector(".import-summary")
    assert not (found := run_axe(page)), describe_violations(found)
    page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)
    page.locator("form.import-confirm button[type=submit]").click()
    page.wait_for_url(f"**/indicators/{indicator.pk}/")
    assert Measurement.objects.filter(indicator=indicator).count() == 3


def test_the_largest_file_fits_the_signed_preview(client, world):
    project = make_project(world.org_a)
    indicator = make_indicator(make_goal(project), unit="count")
    start = datetime.date(2000, 1, 1)
    lines = ["periode start;periode slut;værdi;note"]
    for day in range(imports.MAX_ROWS):
        date = (start + datetime.timedelta(days=day)).strftime("%d-%m-%Y")
        lines.append(f"{date};{date};{day};Optalt af frivillige ved indgangen nr. {day % 7}")
    client.force_login(world.erik)
    response = _upload(client, indicator, "m.csv", "\n".join(lines).encode())
    assert response.status_code == 200
    assert len(response.context["result"].good) == imports.MAX_ROWS
    assert len(_payload(response)) < imports.MAX_PAYLOAD
    rows, expected = imports.unseal(indicator, world.erik, _payload(response))
    assert len(rows) == len(expected) == imports.MAX_ROWS
    assert response.content.count(b"<tr>") == 1 + views.SHOWN_ROWS  # header + shown rows
