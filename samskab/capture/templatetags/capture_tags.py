"""Template helpers for the story form."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def in_language(text: Any, language: str) -> str:
    """A definition ``Text`` (or a ``{"da": …, "en": …}`` mapping) in ``language``."""
    if text is None:
        return ""
    if isinstance(text, dict):
        return str(text.get(language) or text.get("da") or "")
    return str(text.get(language))
