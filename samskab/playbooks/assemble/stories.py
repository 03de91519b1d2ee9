"""Everything in a playbook that comes from stories, through the disclosure gate.

A playbook is a published output (docs/disclosure.md, rule 3): saved views are drawn as the
explorer draws them for viewers (perturbed counts, coarse filters only, nothing below k), and
a story's words appear only if `quote_refusals` lets them (a story of the release, in no small
group, a passage of its masked text, nothing the masker would mask). What the gate refuses is
left out of the document and named in a note; the publish page lists it before anything is
published (`playbooks.gate`).
"""

from __future__ import annotations

import html
import re

import numpy as np
from django.http import QueryDict
from django.utils.translation import gettext as _

from samskab.analysis.disclosure import PERTURBED
from samskab.explorer.models import SavedView
from samskab.explorer.services.charts import Chart
from samskab.explorer.services.disclosure import reason_text
from samskab.explorer.services.publish import published_view, quote_refusals
from samskab.explorer.services.query import scope_for
from samskab.instruments.models import Collection, Story
from samskab.instruments.privacy import find_personal_data
from samskab.measurement.models import MscRound
from samskab.measurement.services.msc import result
from samskab.playbooks.assemble.context import Record
from samskab.playbooks.document import Block, Figure, Heading, Note, Paragraph, Quote, Table

_SIZE = re.compile(r'<svg[^>]*\bwidth="(\d+)"[^>]*\bheight="(\d+)"')
_DESC = re.compile(r"<desc[^>]*>(.*?)</desc>", re.S)


def published_total(collection: Collection, language: str) -> int:
    """The collection's stories as a published output counts them (perturbed; 0 below k)."""
    scope = scope_for(collection, QueryDict(), language, exact=False)
    if scope.store is None:
        return 0
    return max(scope.guard.count(np.ones(scope.store.n, dtype=bool)), 0)


def view_blocks(record: Record, view: SavedView) -> list[Block]:
    shown = published_view(view, record.language)
    blocks: list[Block] = [Heading(view.title, 4)]
    if not shown.ok or shown.board is None:
        reasons = "; ".join(reason_text(w.reason, record.k, w.count) for w in shown.refused)
        return [*blocks, Note(_("This view is not shown: %(why)s") % {"why": reasons})]
    board = shown.board
    chart = _chart_of(board.charts, view.signifier)
    n = record.integer(board.n) if board.n is not None else "–"
    blocks.append(
        Paragraph(
            _("%(collection)s, about %(n)s stories in the view.")
            % {"collection": view.collection.name, "n": n}
        )
    )
    if chart is not None and chart.svg is not None:
        blocks.append(_figure(record, view, chart))
    for observation in view.observations.all():
        blocks.append(Quote(observation.text, _("Observation noted in the explorer")))
    return blocks


def _chart_of(charts: list[Chart], signifier: str) -> Chart | None:
    drawn = [c for c in charts if c.svg is not None]
    return next((c for c in drawn if c.sid == signifier), drawn[0] if drawn else None)


def _figure(record: Record, view: SavedView, chart: Chart) -> Figure:
    ident = record.figure_id(f"view-{view.pk}")
    # The explorer names a chart's SVG elements after its signifier; two views of the same
    # signifier in one page would repeat those ids, so they take the figure's own.
    svg = str(chart.svg).replace(f"chart-{chart.sid}", ident)
    size = _SIZE.search(svg)
    width, height = (int(size.group(1)), int(size.group(2))) if size else (400, 400)
    desc = _DESC.search(svg)
    alt = html.unescape(desc.group(1)) if desc else chart.title
    return Figure(
        ident=ident,
        title=f"{view.title} – {chart.title}",
        alt=alt,
        svg=svg,
        width=width,
        height=height,
        caption=f"{chart.title}. {chart.states}",
        table=Table(
            chart.title,
            tuple(str(h) for h in chart.head),
            tuple((row.label, row.value) for row in chart.rows),
            numeric=(1,),
        ),
    )


def perturbed_note(record: Record) -> Note:
    return Note(reason_text(PERTURBED, record.k))


def quote_blocks(record: Record) -> list[Block]:
    blocks: list[Block] = []
    for quote in record.quotes:
        if quote_refusals(quote.story, quote.text, record.language):
            continue  # the gate lists it on the publish page; never published
        source = _("A story from %(collection)s") % {"collection": quote.story.collection.name}
        if quote.comment:
            source = f"{source}. {quote.comment}"
        blocks.append(Quote(" ".join(quote.text.split()), source))
    return blocks


def msc_blocks(record: Record, msc_round: MscRound) -> list[Block]:
    outcome = result(msc_round)
    blocks: list[Block] = [
        Heading(msc_round.title, 4),
        Paragraph(_("The question: %(q)s") % {"q": msc_round.question}),
    ]
    if outcome.ballots < record.k:
        return [
            *blocks,
            Note(
                _("Fewer than %(k)s choices were made; the result is not shown.") % {"k": record.k}
            ),
        ]
    blocks.append(
        Paragraph(
            _("%(ballots)s people chose among %(stories)s shortlisted stories.")
            % {
                "ballots": record.integer(outcome.ballots),
                "stories": record.integer(len(outcome.ranking)),
            }
        )
    )
    for item in outcome.chosen[:3]:
        blocks += _chosen(
            record, item.story, item.number, item.picks, [r.text for r in item.reasons]
        )
    if msc_round.conclusion:
        blocks.append(
            Paragraph(_("What the panel concluded: %(text)s") % {"text": msc_round.conclusion})
        )
    return blocks


def _chosen(
    record: Record, story: Story, number: int, picks: int, reasons: list[str]
) -> list[Block]:
    label = _("Story %(n)s, chosen %(picks)s times") % {"n": number, "picks": record.integer(picks)}
    if quote_refusals(story, story.text, record.language):
        return [
            Paragraph(
                _("%(label)s: not published, because the story cannot pass the disclosure rules.")
                % {"label": label}
            )
        ]
    blocks: list[Block] = [Quote(" ".join(story.text.split()), label)]
    clean = [r for r in reasons if r.strip() and not find_personal_data(r)]
    for reason in clean[:3]:
        blocks.append(Quote(" ".join(reason.split()), _("Why it was chosen")))
    return blocks
