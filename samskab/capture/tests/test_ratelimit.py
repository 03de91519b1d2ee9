"""Rate-limit keys: hashes of the client's network, never the address itself."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from samskab.capture import ratelimit

APP = Path(__file__).resolve().parents[1]
DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": settings.CACHE_TABLE,
    }
}


def _request(address, **meta):
    return RequestFactory().post("/", REMOTE_ADDR=address, **meta)


def test_the_key_is_a_keyed_hash_without_the_address():
    key = ratelimit.client_key(_request("203.0.113.9"), "story")
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert "203.0.113.9" not in key
    assert key != ratelimit.client_key(_request("203.0.113.9"), "withdraw")
    assert key != ratelimit.client_key(_request("203.0.113.10"), "story")


def test_the_key_depends_on_the_secret(settings):
    before = ratelimit.client_key(_request("203.0.113.9"), "story")
    settings.SECRET_KEY = "another-secret-key-for-this-test"
    assert ratelimit.client_key(_request("203.0.113.9"), "story") != before


def test_an_ipv6_client_is_counted_by_its_64_network():
    one = ratelimit.client_key(_request("2001:db8:1:2::1"), "story")
    other = ratelimit.client_key(_request("2001:db8:1:2:ffff::9"), "story")
    elsewhere = ratelimit.client_key(_request("2001:db8:1:3::1"), "story")
    assert one == other != elsewhere


def test_a_trusted_proxy_header_is_read_only_when_configured(settings):
    forwarded = {"HTTP_X_FORWARDED_FOR": "198.51.100.1, 192.0.2.44"}
    assert ratelimit.client_address(_request("10.0.0.1", **forwarded)) == "10.0.0.1"
    settings.CAPTURE_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert ratelimit.client_address(_request("10.0.0.1", **forwarded)) == "192.0.2.44"


def test_limits_come_from_settings_with_defaults(settings):
    assert ratelimit.limits_for("story") == "10/minute;100/hour"
    settings.CAPTURE_RATE_LIMITS = {"story": "1/minute"}
    request = _request("192.0.2.1")
    assert ratelimit.hit(request, "story").allowed
    refused = ratelimit.hit(request, "story")
    assert not refused.allowed and 1 <= refused.retry_after <= 60
    assert ratelimit.hit(request, "withdraw").allowed  # its own default limit


def test_the_longest_full_window_sets_the_wait(settings):
    settings.CAPTURE_RATE_LIMITS = {"story": "5/minute;2/hour"}
    request = _request("192.0.2.2")
    assert ratelimit.hit(request, "story").allowed
    assert ratelimit.hit(request, "story").allowed
    refused = ratelimit.hit(request, "story")
    assert not refused.allowed
    # The minute is not full, the hour is: the wait runs to the end of the hour's window.
    assert 1 <= refused.retry_after <= 3600


@override_settings(CACHES=DATABASE_CACHE, CAPTURE_RATE_LIMITS={"story": "2/minute"})
def test_every_worker_counts_in_the_same_store():
    """Two worker processes: the second starts with a fresh module and its own cache connection,
    and still sees the first one's attempts (the old memory:// storage forgot them)."""
    request = _request("192.0.2.3")
    assert ratelimit.hit(request, "story").allowed
    assert ratelimit.hit(request, "story").allowed
    other_worker = importlib.reload(ratelimit)
    del caches["default"]  # the next use opens a new backend instance
    assert not other_worker.hit(request, "story").allowed
    assert not other_worker.hit(_request("192.0.2.3"), "story").allowed
    assert other_worker.hit(_request("192.0.2.4"), "story").allowed


def test_templates_and_script_need_no_unsafe_inline():
    """The CSP forbids inline scripts and event handlers; keep them out of this app."""
    templates = list((APP / "templates").rglob("*.html"))
    assert templates
    for path in templates:
        html = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert not re.search(r"\son[a-z]+=", html), path
        assert "style=" not in html, path
    script = (APP.parents[0] / "static" / "js" / "capture.js").read_text()
    assert "innerHTML" not in script and "eval(" not in script
