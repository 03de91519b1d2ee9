"""One chart per signifier for a filtered set of stories, after disclosure control.

Triads: binned density (hidden cells grey), the seven zones, a sample of points; dyads: a
histogram of the five bands; stones: a 5 x 5 density per stone; choices: bars. Every chart
carries n, not applicable and skipped as data, a table alternative and what was withheld.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.analysis.density import cell_vertices, valid_slots
from samskab.analysis.disclosure import Guard, Withheld
from samskab.analysis.release import SMALL
from samskab.analysis.schema import Kind, Signifier
from samskab.analysis.store import ColumnarStore
from samskab.analysis.summaries import (
    Keys,
    answer_states,
    band_counts,
    choice_breakdown,
    guarded_breakdown,
    triad_density,
    zone_counts,
)
from samskab.analysis.types import BoolArray, IntArray
from samskab.analysis.zones import BAND_CODES, ZONE_CODES
from samskab.explorer.services import svg
from samskab.explorer.services.labels import BAND_LABELS, ZONE_LABELS, Labels, cell_name
from samskab.explorer.services.numbers import fmt_int

SAMPLE_CAP = 1500
GRID = 5

# The address of the stories in one density cell: (signifier id, cell slot) -> URL.
CellHref = Callable[[str, int], str]


@dataclass
class Row:
    label: str
    value: str
    select: dict[str, str] | None = None  # query parameters that select these stories


@dataclass
class Chart:
    sid: str
    kind: str
    title: str
    svg: SafeString | None
    head: tuple[str, str]
    rows: list[Row]
    states: str
    withheld: list[Withheld] = field(default_factory=list)
    sample: int = 0
    cell_links: int = 0  # density cells drawn as links to their stories


def count_text(value: int, language: str, guard: Guard | None = None) -> str:
    """A count as shown: "hidden" below k; for perturbed figures "fewer than k" (zero too)."""
    if value >= 0:
        return fmt_int(value, language)
    if guard is not None and guard.perturbs:
        return _("fewer than %(k)s") % {"k": guard.k}
    return _("hidden")


def states_line(
    store: ColumnarStore, sid: str, mask: BoolArray, guard: Guard, language: str
) -> str:
    counts = answer_states(store, sid, mask, guard)
    if counts.total < 0:
        return _("Fewer than %(k)s stories.") % {"k": guard.k}
    answered, na, skipped = (count_text(int(c), language, guard) for c in counts.counts)
    return _("n = %(answered)s answered · not applicable: %(na)s · skipped: %(skipped)s") % {
        "answered": answered,
        "na": na,
        "skipped": skipped,
    }


# Triangle geometry: top, left, right corners in SVG coordinates.
T_W, T_H = 400, 392
CORNERS = np.array([[200.0, 44.0], [40.0, 321.0], [360.0, 321.0]])


def to_xy(props: np.ndarray) -> np.ndarray:
    return np.asarray(np.asarray(props, dtype=np.float64) @ CORNERS, dtype=np.float64)


def _zone_lines() -> list[str]:
    out = []
    for i in range(3):
        j, m = [c for c in range(3) if c != i]
        for share, other in ((0.6, (0.4, 0.0)), (0.2, (0.6, 0.2))):
            a, b = np.zeros(3), np.zeros(3)
            a[i] = b[i] = share
            a[j], a[m] = other
            b[j], b[m] = other[1], other[0]
            pa, pb = to_xy(np.stack([a, b]))
            out.append(svg.line((pa[0], pa[1]), (pb[0], pb[1]), dashed=True))
    return out


@functools.lru_cache(maxsize=8)
def _cell_points(res: int) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Every slot's triangle in drawing coordinates (computed once per resolution)."""
    xy = to_xy(cell_vertices(res)).tolist()
    return tuple(tuple((x, y) for x, y in slot) for slot in xy)


def _density_cells(counts: IntArray, hidden: BoolArray, res: int, perturbed: bool) -> list[str]:
    """Shaded cells; hidden ones grey. Perturbed figures hide empty cells too, so there a
    hidden cell is left blank like an empty one (zero and "fewer than k" look the same)."""
    cells = _cell_points(res)
    top = max(int(counts.max()), 1)
    out = []
    drawn = (counts > 0) & ~hidden if perturbed else (counts > 0) | hidden
    for slot in np.flatnonzero(valid_slots(res) & drawn):
        points = cells[slot]
        if hidden[slot]:
            out.append(svg.polygon(points, svg.HIDDEN, 0.35))
        else:
            out.append(svg.polygon(points, svg.ACCENT, 0.1 + 0.75 * counts[slot] / top))
    return out


def _cell_links(
    s: Signifier, labels: Labels, counts: IntArray, hidden: BoolArray, res: int, href: CellHref
) -> list[str]:
    """A transparent layer over the chart: every shown, non-empty cell links to its stories.

    Only the page gets it; the SVG file and its PNG are the same picture without links.
    """
    cells = _cell_points(res)
    templates: dict[int, str] = {}  # the plural form per count, looked up once
    out = []
    for slot in np.flatnonzero(valid_slots(res) & (counts > 0) & ~hidden).tolist():
        n = int(counts[slot])
        if n not in templates:
            templates[n] = ngettext(
                "%(n)s story in this cell (%(where)s)",
                "%(n)s stories in this cell (%(where)s)",
                n,
            )
        name = templates[n] % {
            "n": fmt_int(n, labels.language),
            "where": cell_name(labels, s.id, s.parts, slot, res),
        }
        polygon = svg.polygon(cells[slot], "#ffffff", 0.0)
        out.append(svg.link(href(s.id, slot), name, polygon))
    return out


def _sample(store: ColumnarStore, sid: str, rows: np.ndarray) -> np.ndarray:
    if rows.size > SAMPLE_CAP:
        rows = rows[np.linspace(0, rows.size - 1, SAMPLE_CAP).astype(np.int64)]
    props = np.stack([np.take(store.part(sid, f"p{j}"), rows) for j in range(3)], axis=1)
    return to_xy(props)


def _corner_labels(labels: Labels, s: Signifier) -> list[str]:
    names = [labels.part(s.id, p) for p in s.parts]
    stagger = 16 if len(names[1]) + len(names[2]) > 48 else 0
    return [
        svg.text(200, 28, names[0]),
        svg.text(34, 342, names[1], "start"),
        svg.text(366, 342 + stagger, names[2], "end"),
    ]


def triad_chart(
    store: ColumnarStore,
    s: Signifier,
    mask: BoolArray,
    guard: Guard,
    labels: Labels,
    cell_href: CellHref | None = None,
) -> Chart:
    lang = labels.language
    density = triad_density(store, s.id, mask, guard)
    title = labels.title(s.id)
    states = states_line(store, s.id, mask, guard, lang)
    zones = _zone_rows(store, s.id, mask, guard, lang)
    withheld = [Withheld("cells", r, int(density.hidden.sum())) for r in density.reasons]
    if density.total < 0:
        return Chart(s.id, "triad", title, None, (_("Zone"), _("Stories")), [], states, withheld)
    answered = mask & (store.answered(s.id))
    rows = np.flatnonzero(answered)
    visible = ~density.hidden[np.take(store.part(s.id, "cell"), rows)]
    # Dots are single stories: only for readers of stories, never in perturbed figures.
    points = _sample(store, s.id, rows[visible]) if not guard.perturbs else np.empty((0, 2))
    body = [svg.polygon([tuple(c) for c in CORNERS], "#f4f6f8")]
    body += _density_cells(density.counts, density.hidden, density.resolution, guard.perturbs)
    body += _zone_lines()
    body += [
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.4" fill="{svg.INK}" fill-opacity="0.45"/>'
        for x, y in points
    ]
    body.append(svg.polygon([tuple(c) for c in CORNERS], "none"))
    body.append(
        f'<polygon points="{" ".join(f"{x},{y}" for x, y in CORNERS)}" fill="none" '
        f'stroke="{svg.INK}" stroke-width="1.5"/>'
    )
    body += _corner_labels(labels, s)
    body.append(svg.text(200, 384, states, size=11))
    links = []
    if cell_href is not None:
        res = density.resolution
        links = _cell_links(s, labels, density.counts, density.hidden, res, cell_href)
        body.append(f'<g class="cell-links">{"".join(links)}</g>')
    desc = _(
        "Triangle with the share of stories in each small cell (darker: more stories; grey: "
        "hidden), dashed lines between the seven zones and a sample of %(sample)s stories as "
        "dots. %(states)s. The table below gives the count per zone."
    ) % {"sample": fmt_int(len(points), lang), "states": states}
    chart_svg = svg.frame(
        f"chart-{s.id}", T_W, T_H, title, desc, "".join(body), role="group" if links else "img"
    )
    chart = Chart(s.id, "triad", title, chart_svg, (_("Zone"), _("Stories")), zones[0], states)
    chart.withheld = withheld + zones[1]
    chart.sample = len(points)
    chart.cell_links = len(links)
    return chart


def _zone_rows(
    store: ColumnarStore, sid: str, mask: BoolArray, guard: Guard, language: str
) -> tuple[list[Row], list[Withheld]]:
    def count(keys: Keys) -> IntArray:
        return zone_counts(store, sid, mask, keys)

    table = guarded_breakdown(guard, ZONE_CODES, count, guard.count(mask & store.answered(sid)))
    rows = [
        Row(str(ZONE_LABELS[z]), count_text(int(c), language, guard), _select(c, f"zone_{sid}", z))
        for z, c in zip(ZONE_CODES, table.counts, strict=True)
    ]
    return rows, list(table.withheld)


def _select(count: int | np.integer, name: str, value: str) -> dict[str, str] | None:
    return {name: value} if int(count) > 0 else None


def dyad_chart(
    store: ColumnarStore, s: Signifier, mask: BoolArray, guard: Guard, labels: Labels
) -> Chart:
    lang = labels.language
    answered = mask & (store.answered(s.id))

    def count(keys: Keys) -> IntArray:
        return band_counts(store, s.id, mask, keys)

    table = guarded_breakdown(guard, BAND_CODES, count, guard.count(answered))
    rows = [
        Row(
            BAND_LABELS[b],
            count_text(int(c), lang, guard),
            _band_select(s.id, i) if c > 0 else None,
        )
        for i, (b, c) in enumerate(zip(BAND_CODES, table.counts, strict=True))
    ]
    poles = [labels.part(s.id, p) for p in s.parts]
    return _bar_chart(
        s,
        labels,
        table.counts,
        [BAND_LABELS[b] for b in BAND_CODES],
        poles,
        rows,
        states_line(store, s.id, mask, guard, lang),
        list(table.withheld),
        table.total,
        guard,
    )


def _band_select(sid: str, band: int) -> dict[str, str]:
    high = 100 if band == 4 else band * 20 + 19
    return {f"min_{sid}": str(band * 20), f"max_{sid}": str(high)}


def _bar_chart(
    s: Signifier,
    labels: Labels,
    counts: IntArray,
    names: list[str],
    poles: list[str],
    rows: list[Row],
    states: str,
    withheld: list[Withheld],
    total: int,
    guard: Guard,
) -> Chart:
    """Vertical bars for dyad bands; pole labels under the axis."""
    title = labels.title(s.id)
    if total < 0:
        return Chart(s.id, "dyad", title, None, (_("Band"), _("Stories")), [], states, withheld)
    top = max(int(counts.max()), 1)
    body = []
    for i, (name, c) in enumerate(zip(names, counts, strict=True)):
        x = 44 + i * 64
        height = 0 if c < 0 else 130 * int(c) / top
        body.append(svg.rect(x, 170 - height, 52, height, svg.ACCENT, 0.85))
        if c < 0:
            body.append(svg.rect(x, 150, 52, 20, svg.HIDDEN, 0.35))
        shown = count_text(int(c), labels.language, guard)
        body.append(svg.text(x + 26, 164 - height, shown, size=11))
        body.append(svg.text(x + 26, 186, name, size=11))
    body.append(svg.line((40, 170), (364, 170)))
    body += [svg.text(40, 206, poles[0], "start"), svg.text(364, 224, poles[1], "end")]
    body.append(svg.text(200, 246, states, size=11))
    desc = _("Bars: stories per fifth of the scale from “%(left)s” to “%(right)s”. %(states)s.") % {
        "left": poles[0],
        "right": poles[1],
        "states": states,
    }
    chart_svg = svg.frame(f"chart-{s.id}", 400, 256, title, desc, "".join(body))
    return Chart(s.id, "dyad", title, chart_svg, (_("Band"), _("Stories")), rows, states, withheld)


def choice_chart(
    store: ColumnarStore, s: Signifier, mask: BoolArray, guard: Guard, labels: Labels
) -> Chart:
    lang = labels.language
    table = choice_breakdown(store, s.id, mask, guard)
    states = states_line(store, s.id, mask, guard, lang)
    title = labels.title(s.id)
    head = (_("Option"), _("Stories"))
    if table.total < 0:
        return Chart(s.id, s.kind.value, title, None, head, [], states, list(table.withheld))
    # Options below k in the whole version are not shown on their own (`analysis.release`).
    shown = [i for i, p in enumerate(s.parts) if not labels.is_small(s.id, p)]
    parts = [s.parts[i] for i in shown]
    counts = np.asarray(table.counts)[shown]
    names = [labels.part(s.id, p) for p in parts]
    top = max(int(counts.max()), 1) if counts.size else 1
    body = []
    for i, (name, c) in enumerate(zip(names, counts, strict=True)):
        y = 12 + i * 38
        width = 0 if c < 0 else 300 * int(c) / top
        body.append(svg.text(8, y + 12, name, "start"))
        body.append(svg.rect(8, y + 17, width, 14, svg.ACCENT, 0.85))
        if c < 0:
            body.append(svg.rect(8, y + 17, 30, 14, svg.HIDDEN, 0.35))
        text = count_text(int(c), lang, guard)
        body.append(svg.text(max(width, 30) + 14, y + 29, text, "start", 11))
    height = 30 + 38 * len(names)
    body.append(svg.text(200, height - 8, states, size=11))
    desc = _("Bars: stories per option. %(states)s.") % {"states": states}
    chart_svg = svg.frame(f"chart-{s.id}", 400, height, title, desc, "".join(body))
    rows = [
        Row(
            name,
            count_text(int(c), lang, guard),
            _select(c, f"choice_{s.id}", p) if p != SMALL else None,
        )
        for name, p, c in zip(names, parts, counts, strict=True)
    ]
    return Chart(s.id, s.kind.value, title, chart_svg, head, rows, states, list(table.withheld))


def _stone_counts(
    store: ColumnarStore, sid: str, j: int, mask: BoolArray, keys: Keys = None
) -> IntArray:
    x, y = store.part(sid, f"s{j}x")[mask], store.part(sid, f"s{j}y")[mask]
    placed = ~np.isnan(x)
    ix = np.clip((x[placed] * GRID).astype(np.intp), 0, GRID - 1)
    iy = np.clip((y[placed] * GRID).astype(np.intp), 0, GRID - 1)
    cells = ix * GRID + iy
    if keys is None:
        return np.bincount(cells, minlength=GRID * GRID).astype(np.int64)
    weights = keys[mask][placed].astype(np.float64)
    sums = np.bincount(cells, weights=weights, minlength=GRID * GRID).astype(np.int64)
    return np.stack([np.bincount(cells, minlength=GRID * GRID), sums % 256]).astype(np.int64)


def stones_chart(
    store: ColumnarStore, s: Signifier, mask: BoolArray, guard: Guard, labels: Labels
) -> Chart:
    lang = labels.language
    k = guard.k
    states = states_line(store, s.id, mask, guard, lang)
    title = labels.title(s.id)
    body, rows, withheld = [], [], []
    for j, stone in enumerate(s.parts):
        counts = _stone_counts(store, s.id, j, mask)
        name = labels.part(s.id, stone)
        ox, oy = 14 + (j % 3) * 128, 24 + (j // 3) * 140
        body.append(svg.text(ox + 50, oy - 6, name))
        if 0 < counts.sum() < k:
            withheld.append(Withheld(stone, "group_below_k"))
            rows.append(Row(name, _("hidden")))
            continue
        sums = _stone_counts(store, s.id, j, mask, guard.keys)[1] if guard.perturbs else None
        table = guard.table(counts, sums)
        withheld += list(table.withheld)
        top = max(int(table.counts.max()), 1)
        for cell in range(GRID * GRID):
            cx, cy = divmod(cell, GRID)
            hidden = bool(table.hidden[cell])
            share = max(int(table.counts[cell]), 0) / top
            fill, opacity = (svg.HIDDEN, 0.35) if hidden else (svg.ACCENT, share)
            body.append(svg.rect(ox + cx * 20, oy + (GRID - 1 - cy) * 20, 20, 20, fill, opacity))
        body.append(
            f'<rect x="{ox}" y="{oy}" width="100" height="100" fill="none" stroke="{svg.LINE}"/>'
        )
        placed = guard.count(~np.isnan(store.part(s.id, f"s{j}x")) & mask)
        rows.append(Row(name, count_text(placed, lang, guard)))
    height = 24 + 140 * ((len(s.parts) + 2) // 3) + 10
    body.append(svg.text(200, height - 6, states, size=11))
    x_label, y_label = labels.signifiers[s.id].axes
    desc = _(
        "For each stone a 5 by 5 grid: across %(x)s, up %(y)s; darker squares hold more "
        "stones, grey ones are hidden. %(states)s."
    ) % {"x": x_label, "y": y_label, "states": states}
    chart_svg = svg.frame(f"chart-{s.id}", 400, height, title, desc, "".join(body))
    head = (_("Stone"), _("Placed"))
    return Chart(s.id, "stones", title, chart_svg, head, rows, states, withheld)


def freetext_chart(
    store: ColumnarStore, s: Signifier, mask: BoolArray, guard: Guard, labels: Labels
) -> Chart:
    states = states_line(store, s.id, mask, guard, labels.language)
    return Chart(s.id, "freetext", labels.title(s.id), None, ("", ""), [], states)


Builder = Callable[[ColumnarStore, Signifier, BoolArray, Guard, Labels], Chart]

BUILDERS: dict[Kind, Builder] = {
    Kind.TRIAD: triad_chart,
    Kind.DYAD: dyad_chart,
    Kind.STONES: stones_chart,
    Kind.SINGLE: choice_chart,
    Kind.MULTI: choice_chart,
    Kind.FREETEXT: freetext_chart,
}


def chart_for(
    store: ColumnarStore,
    s: Signifier,
    mask: BoolArray,
    guard: Guard,
    labels: Labels,
    cell_href: CellHref | None = None,
) -> Chart:
    """One signifier's chart; with `cell_href`, a triad's cells link to their stories."""
    if s.kind is Kind.TRIAD:
        return triad_chart(store, s, mask, guard, labels, cell_href)
    return BUILDERS[s.kind](store, s, mask, guard, labels)
