"""Results on the four levels: indicators with their charts, saved explorer views, the Most
Significant Change rounds and the quoted stories."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import gettext as _

from samskab.measurement.content import Direction, ValueLevel
from samskab.measurement.models import Indicator, Measurement, MscRound
from samskab.measurement.services.progress import STANDING_TEXT, progress
from samskab.playbooks import charts
from samskab.playbooks.assemble.context import Record
from samskab.playbooks.assemble.stories import msc_blocks, perturbed_note, quote_blocks, view_blocks
from samskab.playbooks.document import Block, Facts, Heading, Paragraph


def results(record: Record) -> list[Block]:
    indicators = list(
        Indicator.objects.for_org(record.organisation)
        .filter(project=record.project)
        .select_related("goal")
        .prefetch_related("measurements")
        .order_by("goal_id", "id")
    )
    blocks: list[Block] = []
    for level in ValueLevel:
        mine = [i for i in indicators if i.level == level.value]
        if mine:
            blocks.append(Heading(_("Level: %(level)s") % {"level": level.label}))
            for indicator in mine:
                blocks += _indicator(record, indicator)
    if any(i.is_computed for i in indicators) or record.views:
        blocks.append(perturbed_note(record))
    blocks += _stories(record)
    return blocks


def _measurements(indicator: Indicator) -> list[Measurement]:
    return sorted(indicator.measurements.all(), key=lambda m: (m.period_start, m.period_end, m.pk))


def _value(record: Record, indicator: Indicator, value: float | None) -> str:
    if value is None:
        return "–"
    suffix = indicator.unit_suffix
    return f"{record.number(value)} {suffix}".strip()


def _indicator(record: Record, indicator: Indicator) -> list[Block]:
    rows = _measurements(indicator)
    state = progress(indicator, rows)
    periods = [
        charts.PeriodValue(
            label=m.period_start.strftime("%m.%Y"),
            start=m.period_start,
            end=m.period_end,
            value=m.value,
            low=m.lower,
            high=m.upper,
            n=_n(record, m),
        )
        for m in rows
        if m.value is not None
    ]
    facts = [
        (_("Serves the goal"), indicator.goal.title),
        (_("Baseline"), _value(record, indicator, indicator.baseline_value)),
        (_("Target"), _value(record, indicator, indicator.target_value)),
        (_("Latest"), _value(record, indicator, state.latest.value if state.latest else None)),
        (_("Where it stands"), str(STANDING_TEXT[state.standing])),
        (_("Data source"), indicator.data_source),
    ]
    blocks: list[Block] = [Heading(indicator.title, 4), Facts(tuple(facts))]
    if periods:
        direction: Literal["up", "down"] = (
            "up" if indicator.direction == Direction.HIGHER else "down"
        )
        blocks.append(
            charts.indicator_chart(
                record.figure_id(f"indicator-{indicator.pk}"),
                indicator.title,
                indicator.unit_suffix,
                record.language,
                periods,
                indicator.baseline_value,
                indicator.target_value,
                direction,
            )
        )
    if state.change.sentence:
        blocks.append(Paragraph(state.change.sentence))
    if state.withheld_count:
        blocks.append(
            Paragraph(
                _("%(n)s periods had too few stories to be shown.")
                % {"n": record.integer(state.withheld_count)}
            )
        )
    return blocks


def _n(record: Record, m: Measurement) -> str | None:
    n = m.shown_n(exact=False, k=record.k)
    return None if n is None else record.integer(n)


def _stories(record: Record) -> list[Block]:
    blocks: list[Block] = []
    if record.views:
        blocks.append(Heading(_("What the stories show")))
        for view in record.views:
            blocks += view_blocks(record, view)
    rounds = list(
        MscRound.objects.for_org(record.organisation)
        .filter(project=record.project, is_open=False)
        .order_by("closed_at", "id")
    )
    if rounds:
        blocks.append(Heading(_("Most significant change")))
        for msc_round in rounds:
            blocks += msc_blocks(record, msc_round)
    quotes = quote_blocks(record)
    if quotes:
        blocks.append(Heading(_("In the storytellers' words")))
        blocks += quotes
    return blocks
