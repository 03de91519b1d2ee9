"""The explorer's pages in headless Chromium: axe-core at desktop and phone sizes."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from django.urls import reverse

from conftest import describe_violations, run_axe
from samskab.explorer.tests.helpers import add_stories, make_collection
from samskab.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]


def test_axe_on_the_explorer(live_server, page, world, settings, tmp_path):
    settings.EXPLORER_CACHE_DIR = tmp_path
    collection = make_collection(world.org_a)
    add_stories(collection, 20, level="employee")
    add_stories(collection, 20, level="volunteer_citizen", top=0.5, left=0.2, right=0.3)
    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", "erik@example.dk")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("home"))
    kwargs = {"org": world.org_a.slug, "pk": collection.pk}
    pages = [
        reverse("explorer:dashboard", kwargs=kwargs),
        reverse("explorer:compare", kwargs=kwargs) + "?a-level=employee&b-level=volunteer_citizen",
        reverse("explorer:patterns", kwargs=kwargs),
        reverse("explorer:stories", kwargs=kwargs) + "?level=employee",
    ]
    _axe_everywhere(page, live_server, pages)


def _axe_everywhere(page, live_server, pages):
    for size in SIZES:
        page.set_viewport_size(size)
        for path in pages:
            page.goto(live_server.url + path)
            violations = run_axe(page)
            assert not violations, (path, size, describe_violations(violations))


def _log_in(page, live_server, email):
    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("home"))


def _explored(world, settings, tmp_path):
    settings.EXPLORER_CACHE_DIR = tmp_path
    collection = make_collection(world.org_a)
    add_stories(collection, 20, level="employee")
    add_stories(collection, 12, level="user", jitter=False, top=0.72, left=0.12, right=0.16)
    return collection


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB pixels of an 8-bit RGB or RGBA PNG (signature checked)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks: dict[bytes, list[bytes]] = {}
    pos = 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunks.setdefault(kind, []).append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][0][:10])
    assert depth == 8 and colour in (2, 6)
    size = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    stride = width * size
    assert len(raw) == height * (stride + 1)
    rows, previous = [], bytes(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up, corner = previous[x], previous[x - size] if x >= size else 0
            guess = (0, left, up, (left + up) // 2, _paeth(left, up, corner))[kind]
            line[x] = (line[x] + guess) & 0xFF
        rows.append(bytes(line))
        previous = rows[-1]
    return width, height, [bytes(r[i : i + 3]) for r in rows for i in range(0, stride, size)]


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def test_png_export_downloads_a_real_png(live_server, page, world, settings, tmp_path):
    collection = _explored(world, settings, tmp_path)
    _log_in(page, live_server, "erik@example.dk")  # the chart has its link layer
    page.goto(
        live_server.url
        + reverse("explorer:dashboard", kwargs={"org": world.org_a.slug, "pk": collection.pk})
    )
    button = page.locator('button.png-export[data-chart="chart-drivers"]')
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "chart-drivers.png"
    width, height, pixels = _png_pixels(Path(download.path()).read_bytes())
    assert (width, height) == (800, 784)  # the 400 x 392 chart at twice the size
    white = sum(p == b"\xff\xff\xff" for p in pixels)
    assert 0.3 * len(pixels) < white < 0.98 * len(pixels)
    # The density's accent blue (#1d4f91) is there, not only grey lines and text.
    assert any(b < 0xA0 and b > r + 0x40 for r, _g, b in pixels)


def test_a_cell_link_works_with_the_keyboard(live_server, page, world, settings, tmp_path):
    collection = _explored(world, settings, tmp_path)
    _log_in(page, live_server, "erik@example.dk")
    kwargs = {"org": world.org_a.slug, "pk": collection.pk}
    page.goto(live_server.url + reverse("explorer:dashboard", kwargs=kwargs) + "?level=user")
    page.locator("#panel-drivers .skip-cells").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const a = document.activeElement;
            return {cls: a.getAttribute('class'), name: a.getAttribute('aria-label'),
                    stroke: getComputedStyle(a.querySelector('polygon')).strokeWidth}; }"""
    )
    assert focused["cls"] == "cell-link"
    assert (
        focused["name"].startswith("12 historier i denne celle") or "12 stories" in focused["name"]
    )
    assert focused["stroke"] == "3px"  # the visible focus outline of the cell
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/stories/" in url)
    assert "cell_drivers=" in page.url and "level=user" in page.url
    assert page.locator(".story-list > li").count() == 12
    assert page.locator(".selection-note").count() == 1


def test_axe_on_the_threshold_page(live_server, page, world):
    _log_in(page, live_server, "anna@example.dk")
    url = live_server.url + reverse("explorer:threshold", kwargs={"org": world.org_a.slug})
    for size in SIZES:
        page.set_viewport_size(size)
        page.goto(url)
        violations = run_axe(page)
        assert not violations, (size, describe_violations(violations))
        page.fill("input[name=min_group]", "2")
        page.click("form[aria-labelledby=change-k] button[type=submit]")
        page.wait_for_selector(".error-summary")
        violations = run_axe(page)
        assert not violations, ("errors", size, describe_violations(violations))


def test_axe_on_the_filter_panel_with_a_cell_and_a_region(
    live_server, page, world, settings, tmp_path
):
    collection = _explored(world, settings, tmp_path)
    _log_in(page, live_server, "erik@example.dk")
    kwargs = {"org": world.org_a.slug, "pk": collection.pk}
    path = reverse("explorer:dashboard", kwargs=kwargs)
    for size in SIZES:
        page.set_viewport_size(size)
        for query in ("?cell_drivers=564", "?rmin_top_drivers=60&rmax_top_drivers=40"):
            page.goto(live_server.url + path + query)
            violations = run_axe(page)
            assert not violations, (query, size, describe_violations(violations))


def test_axe_while_a_large_store_is_prepared(live_server, page, world, settings, tmp_path):
    """Above the inline size the pages show the background build's progress (no worker runs
    here, so it stays queued); the polled partial replaces itself without breaking the page."""
    settings.EXPLORER_CACHE_DIR = tmp_path
    settings.EXPLORER_INLINE_BUILD_MAX = 5
    collection = make_collection(world.org_a)
    add_stories(collection, 8, level="employee")
    _log_in(page, live_server, "erik@example.dk")
    kwargs = {"org": world.org_a.slug, "pk": collection.pk}
    for size in SIZES:
        page.set_viewport_size(size)
        for name in ("dashboard", "patterns"):
            with page.expect_response(lambda r: "/preparing/" in r.url):  # one poll
                page.goto(live_server.url + reverse(f"explorer:{name}", kwargs=kwargs))
                assert page.locator("#store-build").count() == 1
            page.wait_for_load_state("networkidle")
            assert page.locator("#store-build").count() == 1
            violations = run_axe(page)
            assert not violations, (name, size, describe_violations(violations))


def test_axe_as_a_viewer_with_small_groups(live_server, page, world, settings, tmp_path):
    """The viewer's pages: perturbed figures, "fewer than k", the notes on what was left out
    and merged, and a refused exact filter, at desktop and phone sizes."""
    settings.EXPLORER_CACHE_DIR = tmp_path
    collection = make_collection(world.org_a)
    add_stories(collection, 20, level="employee")
    add_stories(collection, 20, level="volunteer_citizen", top=0.5, left=0.2, right=0.3)
    add_stories(collection, 3, level="organisation")  # a small group alone: left out
    _log_in(page, live_server, "bo@example.dk")
    kwargs = {"org": world.org_a.slug, "pk": collection.pk}
    dashboard = reverse("explorer:dashboard", kwargs=kwargs)
    pages = [
        dashboard,
        dashboard + "?rmin_top_drivers=60&date_from=2025-03-01",  # refused for a viewer
        reverse("explorer:compare", kwargs=kwargs) + "?a-level=employee&b-level=volunteer_citizen",
        reverse("explorer:patterns", kwargs=kwargs),
    ]
    _axe_everywhere(page, live_server, pages)
    page.goto(live_server.url + dashboard)
    text = page.inner_text("main")
    assert "fewer than 5" in text or "færre end 5" in text
