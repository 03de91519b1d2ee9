"""Strict readers for configuration from environment variables.

Every setting Samskab reads comes through these helpers so that a typo such as ``DEBUG=yes``
fails loudly at start-up instead of silently meaning something else. Each variable is documented
in ``docs/configuration.md``.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Accept only ``True``/``False`` (any case), like healthchecks' ``envbool``."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() == "true":
        return True
    if raw.lower() == "false":
        return False
    raise ImproperlyConfigured(f"{name} must be True or False, not {raw!r}.")


def env_is_set(name: str) -> bool:
    """Whether the variable was given at all (even as ``False``): some choices must be explicit."""
    return os.environ.get(name, "") != ""


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """Read ``NAME`` or, if that is unset, the contents of the file named by ``NAME_FILE``.

    The ``_FILE`` form lets container and systemd secrets stay out of the environment.
    """
    value = os.environ.get(name)
    if value:
        return value
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return default
