"""The manifesto's eight potential gains of co-creation, in our own words.

Source: "Manifest for National Bevægelse for Samskabelse" (2017), section "Mulige gevinster ved
samskabelse". Stored ratings reference ``Gain.code``: never change a code, only add new ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

SOURCE = _("Source: Manifest for National Bevægelse for Samskabelse, 2017")


@dataclass(frozen=True)
class Gain:
    code: str
    label: str | _StrPromise
    explanation: str | _StrPromise


GAINS: list[Gain] = [
    Gain(
        "democratic_participation",
        _("Democratic participation"),
        _("More people join the conversation and help decide how shared problems are solved."),
    ),
    Gain(
        "faster_solutions",
        _("A shorter path to solutions"),
        _("Acting together replaces long studies, so something happens sooner."),
    ),
    Gain(
        "lasting_solutions",
        _("Solutions that fit and last"),
        _("What we make together matches the real need and keeps working."),
    ),
    Gain(
        "synergy",
        _("Synergy of resources"),
        _("Public, private and voluntary resources achieve more combined than apart."),
    ),
    Gain(
        "political_leadership",
        _("Input for political leadership"),
        _("Politicians learn from the people involved and can lead on better-informed policy."),
    ),
    Gain(
        "employee_wellbeing",
        _("Employee well-being"),
        _("Staff thrive when they work across departments and outside the town hall."),
    ),
    Gain(
        "citizen_satisfaction",
        _("Citizen satisfaction"),
        _("Citizens feel seen and heard and can leave their own mark on the result."),
    ),
    Gain(
        "stronger_community",
        _("A stronger community"),
        _("Trust in each other grows, and people, organisations and sectors grow closer."),
    ),
]

GAIN_CODES = [gain.code for gain in GAINS]
GAIN_BY_CODE = {gain.code: gain for gain in GAINS}

# The rating scale: how much a respondent hopes the project brings a gain. None = "don't know".
SCALE: list[tuple[int, str | _StrPromise]] = [
    (0, pgettext_lazy("how much one hopes", "Not at all")),
    (1, pgettext_lazy("how much one hopes", "A little")),
    (2, pgettext_lazy("how much one hopes", "Somewhat")),
    (3, pgettext_lazy("how much one hopes", "Much")),
    (4, pgettext_lazy("how much one hopes", "Very much")),
]
SCALE_LABELS = dict(SCALE)
DONT_KNOW = "dk"
DONT_KNOW_LABEL = pgettext_lazy("how much one hopes", "Don't know")
