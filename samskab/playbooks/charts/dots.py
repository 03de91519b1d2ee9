"""A Cleveland dot plot: a dot per group on a common scale, per row."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.utils import translation
from django.utils.translation import gettext as _

from samskab.playbooks.charts.common import (
    CHAR,
    MUTED,
    NONE,
    SIZE,
    SMALL,
    WIDTH,
    _cell,
    _clip,
    _decimals,
    _figure,
    _group_symbol,
    _legend,
    _legend_height,
    _line,
    _row_labels,
    _rows,
    _Scale,
    _scale_ticks,
    _text,
    _width,
    _x_axis,
    number,
)
from samskab.playbooks.document import Figure, Table


def dot_chart(
    ident: str,
    title: str,
    language: str,
    rows: Sequence[str],
    groups: Sequence[str],
    values: Sequence[Sequence[float | None]],
    scale: tuple[float, float],
    scale_labels: tuple[str, str],
    *,
    row_label: str = "",
    alt: str = "",
    caption: str = "",
) -> Figure:
    """Per row a dot per group on a common scale, a line from the lowest to the highest
    dot, and the spread written at the right. None: the group is not shown in that row."""
    if not rows or len(values) != len(rows) or any(len(v) != len(groups) for v in values):
        raise ValueError("A dot chart needs one value per group in every row.")
    places = _decimals([v for row in values for v in row if v is not None] or [0])
    with translation.override(language):
        body, height = _dots(language, rows, groups, values, scale, scale_labels, places)
        text = alt or _dot_alt(title, language, rows, values, places)
        table = _dot_table(title, language, rows, groups, values, places, row_label)
        return _figure(ident, title, text, body, height, caption, table)


def _spread(row: Sequence[float | None]) -> float | None:
    shown = [v for v in row if v is not None]
    return max(shown) - min(shown) if len(shown) > 1 else None


def _dots(
    language: str,
    labels: Sequence[str],
    groups: Sequence[str],
    values: Sequence[Sequence[float | None]],
    scale: tuple[float, float],
    scale_labels: tuple[str, str],
    places: int,
) -> tuple[str, float]:
    top = 12 + _legend_height(groups, 10, WIDTH - 8) + 24
    spread_w = max(_width(_("Spread"), SMALL), 40) + 8
    columns = _rows(labels, 0, top, spread_w)  # the row heights come from the slots below
    x = _Scale(scale[0], scale[1], columns.left + 8, columns.right - 8)
    slots = [_slots(row, x) for row in values]
    reach = max((abs(s) for row in slots for s in row.values()), default=0)
    rows = _rows(labels, (2 * reach + 1) * DODGE, top, spread_w)
    axis, height = _x_axis(rows, x, _scale_ticks(*scale), language)
    keys = [(_group_symbol(i), g) for i, g in enumerate(groups)]
    column = rows.right + spread_w - 8
    parts = [axis, _row_labels(rows), _legend(keys, 10, 18, WIDTH - 8)]
    parts.append(_text(column, top - 8, _("Spread"), size=SMALL, anchor="end", fill=MUTED))
    for i, row in enumerate(values):
        centre, spread = rows.centre(i), _spread(row)
        parts.append(_dot_row(row, slots[i], x, centre))
        shown = NONE if spread is None else number(spread, language, places)
        parts.append(_text(column, centre + SIZE * 0.35, shown, anchor="end"))
    ends = _scale_ends(scale_labels, x, height)
    return "".join(parts) + ends, height + (18 if any(scale_labels) else 0)


DODGE = 11.0  # a marker's size: dots closer than this share no line


def _slots(row: Sequence[float | None], x: _Scale) -> dict[int, int]:
    """For each shown group, a vertical slot (0, -1, 1, -2, …): on the row's line unless
    an earlier group's dot is already there, too close to tell apart."""
    taken: list[tuple[float, int]] = []
    slots: dict[int, int] = {}
    for group, value in enumerate(row):
        if value is None:
            continue
        at = x(value)
        slot = next(
            s
            for s in itertools.chain.from_iterable((k, -k) for k in itertools.count())
            if all(abs(px - at) >= DODGE for px, ps in taken if ps == s)
        )
        taken.append((at, slot))
        slots[group] = slot
    return slots


def _dot_row(row: Sequence[float | None], slots: dict[int, int], x: _Scale, centre: float) -> str:
    shown = [v for v in row if v is not None]
    parts = []
    if len(shown) > 1:
        parts.append(_line(x(min(shown)), centre, x(max(shown)), centre, "#9a9a9a", 2.5))
    for group, slot in slots.items():
        value = row[group]
        assert value is not None  # noqa: S101 (slots hold the shown groups only)
        parts.append(_group_symbol(group)(x(value), centre + slot * DODGE))
    return "".join(parts)


def _scale_ends(labels: tuple[str, str], x: _Scale, y: float) -> str:
    limit = int((x.end - x.start) / 2 / (CHAR * SIZE)) - 1
    left = _text(x.start - 8, y + 6, _clip(labels[0], limit), fill=MUTED)
    right = _text(x.end + 8, y + 6, _clip(labels[1], limit), anchor="end", fill=MUTED)
    return left + right


def _dot_alt(
    title: str,
    language: str,
    rows: Sequence[str],
    values: Sequence[Sequence[float | None]],
    places: int,
) -> str:
    spreads = [(s, i) for i, row in enumerate(values) if (s := _spread(row)) is not None]
    if not spreads:
        return _("%(title)s: too few groups are shown to compare them.") % {"title": title}
    widest, narrowest = max(spreads, key=lambda s: (s[0], -s[1])), min(spreads)
    if widest == narrowest:
        return _("%(title)s: the spread between the groups on %(row)s is %(spread)s.") % {
            "title": title,
            "row": rows[widest[1]],
            "spread": number(widest[0], language, places),
        }
    return _(
        "%(title)s: the groups are furthest apart on %(widest)s (a spread of %(wide)s) and "
        "closest on %(narrowest)s (%(narrow)s)."
    ) % {
        "title": title,
        "widest": rows[widest[1]],
        "wide": number(widest[0], language, places),
        "narrowest": rows[narrowest[1]],
        "narrow": number(narrowest[0], language, places),
    }


def _dot_table(
    title: str,
    language: str,
    rows: Sequence[str],
    groups: Sequence[str],
    values: Sequence[Sequence[float | None]],
    places: int,
    row_label: str,
) -> Table:
    head = (row_label or _("Item"), *groups, _("Spread"))
    body = tuple(
        (
            label,
            *(_cell(v, language, places) for v in row),
            _cell(_spread(row), language, places),
        )
        for label, row in zip(rows, values, strict=True)
    )
    return Table(title, head, body, tuple(range(1, len(head))))
