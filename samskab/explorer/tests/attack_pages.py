"""Reading the explorer's pages as an attacker would: what is shown, and nothing else.

Numbers come from the response context where the template renders them (and only when the
same number appears in the HTML), else from the HTML. A count is a `Reading`: an exact number,
or only whether it is above zero (a "hidden" cell on a page that shows empty cells as 0), or
nothing (refused, withheld, "fewer than k", a form error).
"""

from __future__ import annotations

import csv
import functools
import html
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils import translation
from django.utils.translation import gettext

from samskab.analysis.density import DEFAULT_RESOLUTION, cell_vertices, valid_slots
from samskab.explorer.services.labels import Labels, labels_for
from samskab.instruments.definition import parse
from samskab.instruments.samples import SAMPLE

LANGUAGE = "da"
# The triangle's corners (top, left, right) in the charts' drawing coordinates.
CORNERS = np.array([[200.0, 44.0], [40.0, 321.0], [360.0, 321.0]])
HIDDEN_FILL = "#8a8f94"


@dataclass(frozen=True)
class Reading:
    exact: int | None = None
    presence: bool | None = None

    @staticmethod
    def of(value: int | None) -> Reading:
        return Reading(value, value > 0) if value is not None else UNKNOWN

    def __sub__(self, other: Reading) -> Reading:
        if self.exact is None or other.exact is None:
            return UNKNOWN
        return Reading.of(self.exact - other.exact)


UNKNOWN = Reading()


@dataclass
class Board:
    """What one dashboard (or chart) shows."""

    shown: bool = False
    n: int | None = None
    levels: dict[str, Reading] = field(default_factory=dict)
    cells: dict[int, int] = field(default_factory=dict)  # visible density cells of "drivers"
    hidden_cells: frozenset[int] = frozenset()
    dots: tuple[tuple[float, float], ...] = ()  # the "drivers" chart's dots

    def adds_up(self) -> bool | None:
        """Whether the level rows add up to n (None when a row or n is not a number): a page
        whose parts do not add up carries perturbed counts."""
        rows = [r.exact for r in self.levels.values()]
        if self.n is None or not rows or any(v is None for v in rows):
            return None
        return self.n == sum(v for v in rows if v is not None)

    def tracker(self, group: str) -> Reading:
        """n minus every other level's row: the group's count by subtraction."""
        others = [r.exact for code, r in self.levels.items() if code != group]
        if self.n is None or not others or any(v is None for v in others):
            return UNKNOWN
        return Reading.of(self.n - sum(v for v in others if v is not None))


@functools.cache
def labels() -> Labels:
    with translation.override(LANGUAGE):
        return labels_for(parse(SAMPLE), LANGUAGE)


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).strip()


def number(text: str) -> int | None:
    digits = re.sub(r"[.\s\u00a0\u202f]", "", text)
    return int(digits) if digits.isdigit() else None


def rendered(page: str, value: int) -> bool:
    """Whether `value` appears in the page as a number (with any thousands separator)."""
    groups = f"{value:,}".split(",")
    pattern = r"[.\s\u00a0\u202f]?".join(groups)
    return re.search(rf"(?<![\d.]){pattern}(?![\d])", page) is not None


def _hidden_words() -> frozenset[str]:
    with translation.override(LANGUAGE):
        return frozenset({gettext("hidden").casefold(), "hidden", "skjult"})


def cell_reading(value: str, zero_shown: bool) -> Reading:
    """A table cell's text: a number, or "hidden" (above zero only where 0 is shown as 0)."""
    found = number(value)
    if found is not None:
        return Reading.of(found)
    if zero_shown and value.strip().casefold() in _hidden_words():
        return Reading(None, True)
    return UNKNOWN


def level_code(label: str) -> str | None:
    for code, name in labels().levels.items():
        if name.casefold() == label.strip().casefold():
            return code
    return None


def _level_rows(context: Any, page: str) -> list[tuple[str, str]]:
    board = context.get("board") if context is not None else None
    if board is not None and getattr(board, "levels", None):
        return [(str(row.label), str(row.value)) for row in board.levels]
    table = re.search(r'id="levels-heading".*?</table>', page, re.S)
    if table is None:
        return []
    rows = re.findall(r"<tr><td>(.*?)</td><td[^>]*>(.*?)</td></tr>", table.group(0), re.S)
    return [(text_of(a), text_of(b)) for a, b in rows]


def _sentence(template: str, page: str) -> int | None:
    pattern = re.escape(template).replace(re.escape("%(n)s"), r"([\d.\s\u00a0]+)")
    found = re.search(pattern, text_of(page))
    return number(found.group(1)) if found else None


def _n(context: Any, page: str) -> int | None:
    board = context.get("board") if context is not None else None
    if board is not None:
        value = board.n if getattr(board, "filtered", False) else board.total
        if isinstance(value, int) and rendered(page, value):
            return value
        return None
    with translation.override(LANGUAGE):
        found = _sentence(gettext("%(n)s match the filters."), page)
        total = gettext("%(total)s stories in this version.").replace("%(total)s", "%(n)s")
    return found if found is not None else _sentence(total, page)


def read_board(response: Any) -> Board:
    if response.status_code != 200:
        return Board()
    page = response.content.decode()
    context = response.context
    rows = _level_rows(context, page)
    zero_shown = any(number(value) == 0 for _label, value in rows)
    levels = {}
    for label, value in rows:
        code = level_code(label)
        if code is not None:
            levels[code] = cell_reading(value, zero_shown)
    n = _n(context, page)
    drivers = chart_block(page, "drivers")
    return Board(
        shown=n is not None,
        n=n,
        levels=levels,
        cells=cell_links(page),
        hidden_cells=hidden_cells(drivers),
        dots=dots(drivers),
    )


def chart_block(page: str, sid: str) -> str:
    found = re.search(rf'<svg[^>]*id="chart-{sid}".*?</svg>', page, re.S)
    return found.group(0) if found else ""


def cell_links(page: str) -> dict[int, int]:
    """Visible density cells of "drivers" with their counts, from the links' names."""
    out = {}
    for href, name in re.findall(r'<a href="([^"]*)" class="cell-link" aria-label="([^"]*)"', page):
        slot = re.search(r"cell_drivers=(\d+)", html.unescape(href))
        count = re.match(r"\s*([\d.]+)", html.unescape(name))
        if slot and count and number(count.group(1)) is not None:
            out[int(slot.group(1))] = number(count.group(1)) or 0
    return out


@functools.cache
def _centroids() -> Any:
    return np.asarray(cell_vertices(DEFAULT_RESOLUTION) @ CORNERS).mean(axis=1)


def outliers_first(slots: Iterable[int], counts: dict[int, int]) -> list[int]:
    """`slots` ordered by their distance from the centre of the counted cells, farthest first."""
    centroids = _centroids()
    if counts:
        weights = np.array(list(counts.values()), dtype=float)
        centre = (centroids[list(counts)] * weights[:, None]).sum(axis=0) / weights.sum()
    else:
        centre = centroids.mean(axis=0)
    return sorted(slots, key=lambda s: -float(np.linalg.norm(centroids[s] - centre)))


def hidden_cells(svg: str) -> frozenset[int]:
    """The grey (hidden) density cells of a triad chart, as slots."""
    centroids, valid = _centroids(), valid_slots(DEFAULT_RESOLUTION)
    out = set()
    for points in re.findall(rf'<polygon points="([^"]*)" fill="{HIDDEN_FILL}"', svg):
        xy = np.array([[float(v) for v in p.split(",")] for p in points.split()])
        if len(xy) != 3:
            continue
        distance = np.linalg.norm(centroids - xy.mean(axis=0), axis=1)
        distance[~valid] = np.inf
        slot = int(np.argmin(distance))
        if distance[slot] < 2.0:
            out.add(slot)
    return frozenset(out)


def dots(svg: str) -> tuple[tuple[float, float], ...]:
    found = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="1.4"', svg)
    return tuple(sorted((float(x), float(y)) for x, y in found))


def top_share(dot: tuple[float, float]) -> float:
    """A dot's top share, from its height in the triangle."""
    return float((CORNERS[1][1] - dot[1]) / (CORNERS[1][1] - CORNERS[0][1]))


def svg_answered(svg: str) -> int | None:
    """The "n = … answered" line of a chart."""
    found = re.search(r"n = ([\d.\u00a0]+)", text_of(svg))
    return number(found.group(1)) if found else None


# --- Story-level pages -------------------------------------------------------------------


@dataclass(frozen=True)
class StoryCard:
    title: str
    meta: str
    text: str
    answers: dict[str, str]


def story_cards(page: str) -> list[StoryCard]:
    """Every story card of a story list (the explorer's or the collection's)."""
    cards = []
    for block in re.split(r'<li class="story card">', page)[1:]:
        block = block.split("</li>", 1)[0]
        title = re.search(r'<h2 class="card-title">(.*?)</h2>', block, re.S)
        meta = re.search(r'<p class="[^"]*muted[^"]*">(.*?)</p>', block, re.S)
        body = re.search(r'<(?:p|div) class="story-text">(.*?)</(?:p|div)>', block, re.S)
        pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block, re.S)
        cards.append(
            StoryCard(
                text_of(title.group(1)) if title else "",
                text_of(meta.group(1)) if meta else "",
                text_of(body.group(1)) if body else "",
                {text_of(a): text_of(b) for a, b in pairs},
            )
        )
    return cards


def card_answers(card: StoryCard) -> tuple[int | None, int | None, str | None]:
    """(dyad "decided" in percent, triad "drivers" top share in percent, "frequency" code)."""
    names = labels()
    dyad = re.match(r"\s*(\d+)", card.answers.get(names.title("decided"), ""))
    top = re.search(r"(\d+)\s*%", card.answers.get(names.title("drivers"), ""))
    chosen = card.answers.get(names.title("frequency"), "")
    options = {names.part("frequency", p): p for p in names.signifiers["frequency"].parts}
    return (
        int(dyad.group(1)) if dyad else None,
        int(top.group(1)) if top else None,
        options.get(chosen),
    )


def csv_rows(response: Any) -> list[dict[str, str]]:
    if response.status_code != 200 or "text/csv" not in response.get("Content-Type", ""):
        return []
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode())))
