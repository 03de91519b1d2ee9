"""Rate limits on the public capture endpoints, keyed by a hash of the client, never its address.

The key is HMAC-SHA256(SECRET_KEY, group + client network), so the limit storage (memory, or
Redis when several processes serve the site) only ever sees hashes. IPv6 clients are grouped by
their /64 network, which one household or phone usually owns whole. Nothing here logs.

Settings (all optional, read with defaults so the app works without them):

- ``CAPTURE_RATE_LIMIT_STORAGE``: a ``limits`` storage URI, default ``memory://`` (one
  process); use ``redis://host:6379/0`` when several processes or machines serve the form.
- ``CAPTURE_RATE_LIMITS``: ``{"story": "10/minute;100/hour", "withdraw": "10/10 minutes"}``.
- ``CAPTURE_CLIENT_IP_HEADER``: the request header a trusted reverse proxy puts the client
  address in (e.g. ``HTTP_X_FORWARDED_FOR``; its last entry is used). Empty: ``REMOTE_ADDR``.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from limits import parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

# "msc": ballots of a Most Significant Change round through its public link. A workshop room
# often shares one address, so it allows more than the story form.
DEFAULT_LIMITS = {
    "story": "10/minute;100/hour",
    "withdraw": "10/10 minutes",
    "msc": "30/minute;300/hour",
}
NAMESPACE = "samskab-capture"


def storage_uri() -> str:
    return str(getattr(settings, "CAPTURE_RATE_LIMIT_STORAGE", "") or "memory://")


def limits_for(group: str) -> str:
    configured = getattr(settings, "CAPTURE_RATE_LIMITS", None) or {}
    return str(configured.get(group) or DEFAULT_LIMITS[group])


@lru_cache(maxsize=4)
def _limiter(uri: str) -> MovingWindowRateLimiter:
    return MovingWindowRateLimiter(storage_from_string(uri))


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


def allow(request: HttpRequest, group: str) -> bool:
    """Count one attempt in ``group``; False when the client is over any of its limits."""
    limiter = _limiter(storage_uri())
    key = client_key(request, group)
    results = [limiter.hit(item, NAMESPACE, group, key) for item in parse_many(limits_for(group))]
    return all(results)


def reset() -> None:
    """Forget every count (tests, or an operator after a false alarm)."""
    _limiter(storage_uri()).storage.reset()
