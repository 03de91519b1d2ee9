"""A read-only picture of what the storyteller will see, built from a draft or a stored version.

It is tolerant: half-filled drafts still preview, with the parts that exist. The template is
``instruments/partials/_preview.html``; once the capture app's story form exists, that template
can include ``capture/partials/_story_form.html`` for a valid definition instead (see
docs/instrument-editor.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from samskab.instruments.editor import Draft, text_of
from samskab.instruments.editor_layout import type_labels
from samskab.instruments.models import Level


@dataclass
class Axis:
    label: str
    start: str
    end: str


@dataclass
class PreviewSignifier:
    kind: str
    type_label: str
    title: str
    help: str
    required: bool
    allow_na: bool
    labels: list[str] = field(default_factory=list)  # corners, poles, stones or options
    axes: list[Axis] = field(default_factory=list)
    rule: str = ""  # "choose up to 3", "up to 500 characters"


@dataclass
class Preview:
    language: str
    title: str
    intro: str
    prompts: list[str]
    story_title: str
    story_text: str
    story_max_length: Any
    level_question: str
    level_required: bool
    levels: list[str]
    signifiers: list[PreviewSignifier]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def build_preview(draft: Draft, language: str) -> Preview:
    def text(value: object) -> str:
        return text_of(value, language)

    return Preview(
        language=language,
        title=text(draft.get("title")),
        intro=text(draft.get("intro")),
        prompts=[text(prompt.get("text")) for prompt in _dicts(draft.get("prompts"))],
        story_title=text(draft.get("story_title")),
        story_text=text(draft.get("story_text")),
        story_max_length=draft.get("story_max_length"),
        level_question=text(draft.get("level_question")),
        level_required=draft.get("level_required") is True,
        levels=_levels(language),
        signifiers=[_signifier(s, language) for s in _dicts(draft.get("signifiers"))],
    )


def _levels(language: str) -> list[str]:
    with translation.override(language):
        return [str(label) for label in Level.labels]


def _signifier(signifier: Mapping[str, Any], language: str) -> PreviewSignifier:
    kind = str(signifier.get("type", ""))
    group = {"triad": "corners", "dyad": "poles", "stones": "stones"}.get(kind, "options")
    preview = PreviewSignifier(
        kind=kind,
        type_label=type_labels().get(kind, ""),
        title=text_of(signifier.get("title"), language),
        help=text_of(signifier.get("help"), language),
        required=signifier.get("required") is True,
        allow_na=signifier.get("allow_na") is True,
        labels=[text_of(item.get("label"), language) for item in _dicts(signifier.get(group))],
    )
    if kind == "stones":
        preview.axes = [_axis(signifier.get(key), language) for key in ("x", "y")]
    preview.rule = _rule(signifier, kind)
    return preview


def _axis(axis: Any, language: str) -> Axis:
    axis = axis if isinstance(axis, Mapping) else {}
    return Axis(*(text_of(axis.get(key), language) for key in ("label", "start", "end")))


def _rule(signifier: Mapping[str, Any], kind: str) -> str:
    if kind == "multi":
        low, high = signifier.get("min_choices") or 0, signifier.get("max_choices")
        if high:
            return _("Choose between %(low)s and %(high)s.") % {"low": low, "high": high}
        return _("Choose at least %(low)s.") % {"low": low} if low else _("Choose any number.")
    if kind == "freetext":
        return _("Up to %(count)s characters.") % {"count": signifier.get("max_length")}
    return ""
