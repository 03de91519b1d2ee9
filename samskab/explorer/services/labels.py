"""Human labels for what the engine names by id: signifiers, their parts, levels, zones."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from samskab.analysis.density import cell_vertices, valid_slots
from samskab.analysis.release import SMALL, Release
from samskab.instruments.definition import Definition
from samskab.instruments.models import Level

ZONE_LABELS: dict[str, StrOrPromise] = {
    "top": pgettext_lazy("triad zone", "top corner"),
    "left": pgettext_lazy("triad zone", "left corner"),
    "right": pgettext_lazy("triad zone", "right corner"),
    "top_left": pgettext_lazy("triad zone", "between top and left"),
    "top_right": pgettext_lazy("triad zone", "between top and right"),
    "left_right": pgettext_lazy("triad zone", "between left and right"),
    "centre": pgettext_lazy("triad zone", "centre"),
}
BAND_LABELS: dict[str, str] = {
    "0-20": "0–20",
    "20-40": "20–40",
    "40-60": "40–60",
    "60-80": "60–80",
    "80-100": "80–100",
}
STATE_LABELS: dict[str, StrOrPromise] = {
    "answered": _("answered"),
    "not_applicable": _("not applicable"),
    "skipped": _("skipped"),
}
# Group names used in sentences ("stories from employees").
LEVEL_GROUPS: dict[str, StrOrPromise] = {
    "user": _("users"),
    "employee": _("employees"),
    "volunteer_citizen": _("volunteers and citizens"),
    "organisation": _("organisations"),
    SMALL: _("small groups together"),
}
SMALL_LABEL = _("small groups together")  # a category that merges those below k
SMALL_STORY_LABEL = _("small group")  # a story's answer in a small category


@dataclass
class SignifierLabels:
    id: str
    kind: str
    title: str
    parts: dict[str, str] = field(default_factory=dict)
    axes: tuple[str, str] = ("", "")


@dataclass
class Labels:
    """Every label of one instrument version in one language."""

    language: str
    signifiers: dict[str, SignifierLabels]
    prompts: dict[str, str]
    levels: dict[str, str]
    # Per attribute ("level", "prompt", a choice's id): the categories below k, which no
    # output shows on their own (`analysis.release`).
    small: dict[str, frozenset[str]] = field(default_factory=dict)

    def part(self, sid: str, part: str) -> str:
        return self.signifiers[sid].parts.get(part, part)

    def is_small(self, attribute: str, value: str) -> bool:
        return value in self.small.get(attribute, frozenset())

    def story_value(self, attribute: str, value: str) -> str:
        """An attribute of one story as a story list shows it: "small group" when small."""
        if self.is_small(attribute, value):
            return str(SMALL_STORY_LABEL)
        if attribute == "level":
            return self.levels.get(value, value)
        if attribute == "prompt":
            return self.prompts.get(value, value)
        return self.part(attribute, value)

    def title(self, sid: str) -> str:
        return self.signifiers[sid].title


def labels_for(definition: Definition, language: str) -> Labels:
    signifiers: dict[str, SignifierLabels] = {}
    for s in definition.signifiers:
        entry = SignifierLabels(s.id, s.type, s.title.get(language))
        for group in ("corners", "poles", "stones", "options"):
            for item in getattr(s, group, None) or ():
                entry.parts[item.id] = item.label.get(language)
        x, y = getattr(s, "x", None), getattr(s, "y", None)
        if x is not None and y is not None:
            entry.axes = (x.label.get(language), y.label.get(language))
        signifiers[s.id] = entry
    return Labels(
        language,
        signifiers,
        {p.id: p.text.get(language) for p in definition.prompts},
        {str(value): str(label) for value, label in Level.choices},
    )


def with_release(labels: Labels, release: Release) -> Labels:
    """The labels with the release's small categories and the merged category's name."""
    small = {r.attribute: r.small for r in release.recodings}
    signifiers = dict(labels.signifiers)
    for r in release.recodings:
        if r.merged and r.attribute in signifiers:
            entry = signifiers[r.attribute]
            parts = {**entry.parts, SMALL: str(SMALL_LABEL)}
            signifiers[r.attribute] = SignifierLabels(
                entry.id, entry.kind, entry.title, parts, entry.axes
            )
    levels = {**labels.levels, SMALL: str(SMALL_LABEL)}
    prompts = {**labels.prompts, SMALL: str(SMALL_LABEL)}
    return Labels(labels.language, signifiers, prompts, levels, small)


def zone_name(labels: Labels, sid: str, zone: str) -> str:
    """A triad zone named by the triad's own corner labels, e.g. near “rules and procedures”."""
    corners = list(labels.signifiers[sid].parts.values()) if sid in labels.signifiers else []
    if len(corners) != 3 or zone == "centre":
        return str(ZONE_LABELS.get(zone, zone))
    named = dict(zip(("top", "left", "right"), corners, strict=True))
    if zone in named:
        return gettext("near “%(corner)s”") % {"corner": named[zone]}
    first, second = zone.split("_")
    return gettext("between “%(a)s” and “%(b)s”") % {"a": named[first], "b": named[second]}


@functools.lru_cache(maxsize=8)
def _cell_ranges(resolution: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Per slot, each corner's (lowest, highest) share in whole percent; () for no cell."""
    corners = cell_vertices(resolution) * 100  # slots x 3 vertices x (top, left, right)
    low = np.rint(corners.min(axis=1)).astype(int).tolist()
    high = np.rint(corners.max(axis=1)).astype(int).tolist()
    valid = valid_slots(resolution).tolist()
    return tuple(
        tuple(zip(low[s], high[s], strict=True)) if valid[s] else () for s in range(len(valid))
    )


def cell_name(labels: Labels, sid: str, parts: tuple[str, ...], slot: int, resolution: int) -> str:
    """Where a density cell lies, as each corner's share, e.g. “rules 20–25 %, …”.

    Empty when `slot` is not a cell of the triangle.
    """
    ranges = _cell_ranges(resolution)
    if not (0 <= slot < len(ranges) and ranges[slot]):
        return ""
    return ", ".join(
        f"{labels.part(sid, p)} {lo}–{hi} %"
        for p, (lo, hi) in zip(parts, ranges[slot], strict=True)
    )
