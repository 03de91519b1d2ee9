"""Rate limits on the public endpoints, keyed by a hash of the client, never its address.

The counters live in Django's default cache (the database cache or Redis, see
docs/configuration.md), so every worker process and machine that serves the site counts in the
same place: five gunicorn workers do not give a client five times the attempts. The key is
HMAC-SHA256(SECRET_KEY, group + client network), so the cache only ever sees hashes. IPv6
clients are grouped by their /64 network, which one household or phone usually owns whole.
Nothing here logs.

Each limit is a fixed window aligned to the clock (a "10/minute" window starts on every whole
minute), counted with ``cache.add`` and ``cache.incr``. Redis and the memory cache increment
atomically; the database cache reads and writes, so two requests of one client in the very same
instant may be counted once. A refused client is told how long to wait (``Retry-After``).

Settings (all optional, read with defaults so the app works without them):

- ``CAPTURE_RATE_LIMITS``: e.g. ``{"story": "10/minute;100/hour", "withdraw": "10/10 minutes"}``.
- ``CAPTURE_CLIENT_IP_HEADER``: the request header a trusted reverse proxy puts the client
  address in (e.g. ``HTTP_X_FORWARDED_FOR``; its last entry is used). Empty: ``REMOTE_ADDR``.
"""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac
from limits import RateLimitItem, parse_many

# "msc": ballots of a Most Significant Change round through its public link. A workshop room
# often shares one address, so it allows more than the story form. "api_story": stories sent
# through the JSON API, often by a tablet that sends a day's stories at once.
DEFAULT_LIMITS = {
    "story": "10/minute;100/hour",
    "withdraw": "10/10 minutes",
    "msc": "30/minute;300/hour",
    "api_story": "30/minute;300/hour",
}
NAMESPACE = "samskab-capture"


@dataclass(frozen=True)
class Verdict:
    """One counted attempt: allowed, or refused for ``retry_after`` more seconds."""

    allowed: bool
    retry_after: int = 0


def limits_for(group: str) -> str:
    configured = getattr(settings, "CAPTURE_RATE_LIMITS", None) or {}
    return str(configured.get(group) or DEFAULT_LIMITS[group])


def _network(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_address(request: HttpRequest) -> str:
    header = str(getattr(settings, "CAPTURE_CLIENT_IP_HEADER", "") or "")
    forwarded = str(request.META.get(header, "")) if header else ""
    address = forwarded.split(",")[-1].strip() or str(request.META.get("REMOTE_ADDR", ""))
    return _network(address)


def client_key(request: HttpRequest, group: str) -> str:
    value = f"{group}:{client_address(request)}"
    return salted_hmac(NAMESPACE, value, algorithm="sha256").hexdigest()


def _count(key: str, item: RateLimitItem, now: float) -> Verdict:
    """Count one attempt in the current window of ``item``."""
    length = item.get_expiry()
    window = int(now // length)
    left = max(1, math.ceil((window + 1) * length - now))
    counter = f"{NAMESPACE}:{key}:{item.amount}-{length}:{window}"
    cache.add(counter, 0, timeout=left + 1)
    try:
        count = cache.incr(counter)
    except ValueError:  # culled between add and incr: this attempt starts the count again
        cache.set(counter, 1, timeout=left + 1)
        count = 1
    # The database cache's incr writes with the default timeout: keep the window's own end.
    cache.touch(counter, timeout=left + 1)
    return Verdict(True) if count <= item.amount else Verdict(False, left)


def hit(request: HttpRequest, group: str) -> Verdict:
    """Count one attempt in ``group`` against each of its limits; refused when over any."""
    key = client_key(request, group)
    now = time.time()
    refused = [
        verdict
        for verdict in (_count(key, item, now) for item in parse_many(limits_for(group)))
        if not verdict.allowed
    ]
    if not refused:
        return Verdict(True)
    return Verdict(False, max(verdict.retry_after for verdict in refused))


def with_retry_after(response: HttpResponse, verdict: Verdict) -> HttpResponse:
    """The 429 ``response`` with the seconds until the client may send again."""
    response["Retry-After"] = str(verdict.retry_after)
    return response


def reset() -> None:
    """Forget every count (tests). This clears the whole default cache, login lockouts too."""
    cache.clear()
