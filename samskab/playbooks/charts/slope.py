"""Before and after per item."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samskab.playbooks.charts.common import (
    MUTED,
    NONE,
    PALETTE,
    SIZE,
    SMALL,
    WIDTH,
    Symbol,
    _cell,
    _decimals,
    _figure,
    _legend,
    _legend_height,
    _line,
    _marker,
    _n,
    _row_labels,
    _rows,
    _Scale,
    _scale_ticks,
    _signed,
    _text,
    _width,
    _x_axis,
)
from samskab.playbooks.document import Figure, Table


def slope_chart(
    ident: str,
    title: str,
    language: str,
    items: Sequence[str],
    first_label: str,
    last_label: str,
    first: Sequence[float | None],
    last: Sequence[float | None],
    scale: tuple[float, float],
    *,
    item_label: str = "",
    alt: str = "",
    caption: str = "",
) -> Figure:
    """Before and after per item: a row each, an open dot for the first value, a filled dot
    for the last, an arrow between, and the change written at the right. Rows rather than
    two facing axes, so that equal scores on a short scale never put labels on each other."""
    if not items or len(first) != len(items) or len(last) != len(items):
        raise ValueError("A slope chart needs a first and a last value for every item.")
    pairs = list(zip(first, last, strict=True))
    places = _decimals([v for pair in pairs for v in pair if v is not None] or [0])
    with translation.override(language):
        body, height = _slopes(language, items, (first_label, last_label), pairs, scale, places)
        text = alt or _slope_alt(title, first_label, last_label, pairs)
        head = (item_label or _("Item"), first_label, last_label, _change_head())
        rows = tuple(
            (
                item,
                _cell(a, language, places),
                _cell(b, language, places),
                _change(a, b, language, places),
            )
            for item, (a, b) in zip(items, pairs, strict=True)
        )
        table = Table(title, head, rows, (1, 2, 3))
        return _figure(ident, title, text, body, height, caption, table)


def _change_head() -> str:
    return pgettext("difference between two values", "Change")


def _change(a: float | None, b: float | None, language: str, places: int) -> str:
    return NONE if a is None or b is None else _signed(b - a, language, places)


def _slopes(
    language: str,
    items: Sequence[str],
    labels: tuple[str, str],
    pairs: Sequence[tuple[float | None, float | None]],
    scale: tuple[float, float],
    places: int,
) -> tuple[str, float]:
    changes = [_change(a, b, language, places) for a, b in pairs]
    change_w = max(_width(c) for c in [*changes, _change_head()]) + 8
    top = 12 + _legend_height(labels, 10, WIDTH - 8) + 24
    rows = _rows(items, 16, top, change_w)
    ticks = _scale_ticks(*scale)
    x = _Scale(scale[0], scale[1], rows.left + 8, rows.right - 8)
    axis, height = _x_axis(rows, x, ticks, language)
    keys: list[tuple[Symbol, str]] = [
        (lambda cx, cy: _marker("circle", cx, cy, 4.5, "#ffffff", MUTED), labels[0]),
        (lambda cx, cy: _marker("circle", cx, cy, 4.5, PALETTE[0]), labels[1]),
    ]
    column = WIDTH - 8
    parts = [axis, _row_labels(rows), _legend(keys, 10, 18, WIDTH - 8)]
    parts.append(_text(column, top - 8, _change_head(), size=SMALL, anchor="end", fill=MUTED))
    for i, (pair, change) in enumerate(zip(pairs, changes, strict=True)):
        centre = rows.centre(i)
        parts.append(_slope_row(pair, x, centre))
        parts.append(_text(column, centre + SIZE * 0.35, change, anchor="end", weight="600"))
    return "".join(parts), height


def _slope_row(pair: tuple[float | None, float | None], x: _Scale, centre: float) -> str:
    a, b = pair
    parts = []
    if a is not None and b is not None and abs(x(b) - x(a)) > 10:
        colour = PALETTE[0] if b > a else PALETTE[3]
        tip = x(b) - (7 if b > a else -7)
        parts.append(_line(x(a), centre, tip, centre, colour, 2))
        back = tip - (5 if b > a else -5)
        head = f"{_n(tip)},{_n(centre)} {_n(back)},{_n(centre - 4)} {_n(back)},{_n(centre + 4)}"
        parts.append(f'<polygon points="{head}" fill="{colour}"/>')
    if a is not None:
        ring = 7.0 if b is not None and abs(x(b) - x(a)) < 1 else 4.5
        parts.append(_marker("circle", x(a), centre, ring, "#ffffff", MUTED))
    if b is not None:
        parts.append(_marker("circle", x(b), centre, 4.5, PALETTE[0]))
    return "".join(parts)


def _slope_alt(
    title: str,
    first_label: str,
    last_label: str,
    pairs: Sequence[tuple[float | None, float | None]],
) -> str:
    both = [(a, b) for a, b in pairs if a is not None and b is not None]
    up = sum(1 for a, b in both if b > a + 1e-9)
    down = sum(1 for a, b in both if b < a - 1e-9)
    return _(
        "%(title)s: between %(first)s and %(last)s, %(up)s of %(total)s items went up, "
        "%(down)s went down and %(same)s stayed the same."
    ) % {
        "title": title,
        "first": first_label,
        "last": last_label,
        "up": up,
        "down": down,
        "same": len(both) - up - down,
        "total": len(both),
    }
