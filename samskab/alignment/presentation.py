"""Turning alignment statistics into what the results page shows: labels, tables and SVG bars.

The SVG geometry is computed here so the templates only place numbers; every chart also has an
HTML table with the same figures, and bars carry their count as text (readable without colour).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.alignment.content import DONT_KNOW_LABEL, GAIN_BY_CODE, SCALE_LABELS, Gain
from samskab.alignment.stats import Distribution, GainResult, RoundResults
from samskab.projects.choices import ActorRole

WIDTH = 360
PLOT_TOP = 22
PLOT_HEIGHT = 110
BAR_WIDTH = 34
SLOTS = 6  # five scale steps and "don't know"


@dataclass(frozen=True)
class Bar:
    lines: list[str]  # the step's label, one word per line
    count: int
    x: float
    y: float
    height: float
    centre: float
    dont_know: bool = False

    @property
    def count_y(self) -> float:
        return round(self.y - 5, 1)


@dataclass(frozen=True)
class Row:
    label: str
    responses: int
    dist: Distribution
    median: str


@dataclass
class GainView:
    gain: Gain
    result: GainResult
    bars: list[Bar]
    median: str
    description: str
    rows: list[Row] = field(default_factory=list)

    @property
    def gap(self) -> float | None:
        return self.result.group_gap


def group_label(code: str) -> str:
    return str(ActorRole(code).label) if code in ActorRole.values else code


def step_label(value: float | None) -> str:
    """A median or quartile in words: a scale step, or between two steps."""
    if value is None:
        return _("no ratings")
    if value == int(value):
        return str(SCALE_LABELS[int(value)])
    low, high = SCALE_LABELS[int(value)], SCALE_LABELS[int(value) + 1]
    return _("between “%(low)s” and “%(high)s”") % {"low": low, "high": high}


def wrap(label: str, width: int = 10) -> list[str]:
    """Break a label into lines of about ``width`` characters at spaces."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def bars(dist: Distribution) -> list[Bar]:
    counts = [*dist.counts, dist.dont_know]
    labels = [str(label) for label in SCALE_LABELS.values()] + [str(DONT_KNOW_LABEL)]
    tallest = max(counts) or 1
    slot = WIDTH / SLOTS
    result = []
    for index, (count, label) in enumerate(zip(counts, labels, strict=True)):
        height = round(PLOT_HEIGHT * count / tallest, 1)
        centre = round(slot * index + slot / 2, 1)
        result.append(
            Bar(
                lines=wrap(label),
                count=count,
                x=round(centre - BAR_WIDTH / 2, 1),
                y=round(PLOT_TOP + PLOT_HEIGHT - height, 1),
                height=height,
                centre=centre,
                dont_know=index == SLOTS - 1,
            )
        )
    return result


def describe(dist: Distribution) -> str:
    """The chart in one sentence, for its SVG ``desc``."""
    parts = [f"{bar.count} {' '.join(bar.lines).lower()}" for bar in bars(dist)]
    answers = ngettext("%(n)d answer", "%(n)d answers", dist.n) % {"n": dist.n}
    return _("%(answers)s: %(parts)s. Median: %(median)s.") % {
        "answers": answers,
        "parts": ", ".join(parts),
        "median": step_label(dist.median),
    }


def gain_view(result: GainResult) -> GainView:
    overall = result.overall
    rows = [Row(_("All answers"), overall.n, overall, step_label(overall.median))]
    rows += [
        Row(group_label(g.group), g.responses, g.distribution, step_label(g.distribution.median))
        for g in result.groups
    ]
    return GainView(
        gain=GAIN_BY_CODE[result.gain],
        result=result,
        bars=bars(overall),
        median=step_label(overall.median),
        description=describe(overall),
        rows=rows,
    )


def half_steps(value: float | None) -> str:
    """A gap or IQR measured in scale steps, e.g. "1.5 steps" (always a multiple of ½)."""
    if value is None:
        return "—"
    shown = number_format(value, decimal_pos=1 if value % 1 else 0)
    return ngettext("%(n)s step", "%(n)s steps", 1 if value == 1 else 2) % {"n": shown}


@dataclass(frozen=True)
class DivergenceRow:
    view: GainView
    gap: str
    between: str
    iqr: str


def divergence(views: dict[str, GainView], summary: RoundResults) -> list[DivergenceRow]:
    rows = []
    for result in summary.by_divergence():
        high, low = result.highest_group, result.lowest_group
        between = ""
        if high is not None and low is not None and result.group_gap:
            between = _("%(high)s highest, %(low)s lowest") % {
                "high": group_label(high.group),
                "low": group_label(low.group),
            }
        rows.append(
            DivergenceRow(
                view=views[result.gain],
                gap=half_steps(result.group_gap),
                between=between,
                iqr=half_steps(result.overall.iqr),
            )
        )
    return rows


def medians_table(summary: RoundResults) -> list[tuple[Gain, list[tuple[str, str]]]]:
    """Rows of gains, columns of shown groups: (group label, the group's median in words)."""
    return [
        (
            GAIN_BY_CODE[result.gain],
            [
                (group_label(group.group), step_label(group.distribution.median))
                for group in result.groups
            ],
        )
        for result in summary.gains
    ]
