"""What the attacker (`attacker.py`) concludes from what it read: the claims of a story card,
a CSV row, a chart's dots, stepped counts (bisection) and the API's daily indicators."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from samskab.explorer.tests import attack_pages as pages
from samskab.explorer.tests.attack_data import VIEW_ALL, VIEW_GROUP, VIEW_LARGE, Claims
from samskab.explorer.tests.attack_pages import Reading

CORNERS = ("citizens", "staff", "rules")  # the triad "drivers", top first


def small_label(meta: str) -> bool:
    names = {"lille gruppe", "små grupper", "small group", "small groups together"}
    return any(name in meta.casefold() for name in names)


def cards_claims(cards: Iterable[pages.StoryCard]) -> Claims:
    claims = Claims()
    for card in cards:
        dyad, top, choice = pages.card_answers(card)
        if dyad is not None:
            claims.dyad[dyad] += 1
        if top is not None:
            claims.top[top] += 1
        if choice is not None:
            claims.choice[choice] += 1
    return claims


def rows_claims(rows: list[dict[str, str]]) -> Claims:
    claims = Claims()
    for row in rows:
        if row.get("decided.x"):
            claims.dyad[_percent(float(row["decided.x"]))] += 1
        if row.get("drivers.citizens"):
            claims.top[_percent(float(row["drivers.citizens"]))] += 1
        if row.get("frequency"):
            claims.choice[row["frequency"]] += 1
    return claims


def _percent(value: float) -> int:
    return int(math.floor(100 * value + 1e-6))


def dots_claims(found: tuple[tuple[float, float], ...], expected: int | None) -> Claims:
    """Every dot is one of the group's stories when there are as many as the group has."""
    claims = Claims()
    if found and expected is not None and len(found) == expected:
        for dot in found:
            claims.top[int(math.floor(100 * pages.top_share(dot)))] += 1
    return claims


class Inconsistent(Exception):
    """Counts that do not rise with the bound: noise or perturbation, not a small group."""


def _bisect(
    cumulative: Callable[[int], Reading],
    low: int,
    high: int,
    at_low: int,
    at_high: int,
    out: Counter[int],
) -> None:
    """Count the values v with low < v <= high at v (the first bound that includes them);
    a branch with an unknown count stays unresolved."""
    if at_high == at_low:
        return
    if at_high < at_low:
        raise Inconsistent
    if high - low == 1:
        out[high] += at_high - at_low
        return
    middle = (low + high) // 2
    found = cumulative(middle).exact
    if found is None:
        return
    if not at_low <= found <= at_high:
        raise Inconsistent
    _bisect(cumulative, low, middle, at_low, found, out)
    _bisect(cumulative, middle, high, found, at_high, out)


def exact_values(read: Callable[[int], Reading], upper: bool) -> Counter[int]:
    """Every value pinned by exact counts, in whole percent.

    "At most v" (upper): C(v) = read(v) counts the values <= v, so a value first counted at
    v lies in (v - 1, v] and is v - 1 in whole percent. "At least v": C(v) = read(0) -
    read(v + 1) counts the values below v + 1, so one first counted at v lies in [v, v + 1).
    """
    every = read(100) if upper else read(0)
    if every.exact is None:
        return Counter()

    def cumulative(v: int) -> Reading:
        if upper:
            return read(v)
        return every - (Reading.of(0) if v >= 100 else read(v + 1))

    out: Counter[int] = Counter()
    try:
        _bisect(cumulative, -1, 100, 0, every.exact, out)
    except Inconsistent:
        return Counter()
    if sum(out.values()) != every.exact:
        return Counter()  # some values stayed between two unknown counts: claim none
    if upper:
        return Counter({max(v - 1, 0): n for v, n in out.items()})
    return out


def first_presence(read: Callable[[int], Reading], upper: bool) -> Counter[int]:
    """From "0" against "hidden" alone: the lowest value (upper bounds) or the highest."""
    low, high = -1, (100 if upper else 101)
    if not read(100 if upper else 0).presence:
        return Counter()
    while high - low > 1:
        middle = (low + high) // 2
        seen = read(max(middle, 0)).presence
        if seen is None:
            return Counter()
        if seen == upper:
            high = middle
        else:
            low = middle
    if upper:
        return Counter({max(low, 0): 1})
    return Counter({low: 1}) if low >= 0 else Counter()


def mentions_group(response: Any, by: str) -> bool:
    context = response.context
    rows = context.get("rows") if context is not None else None
    if by == "level":
        wanted = {"organisationer", "organisations"}
    else:
        wanted = {pages.labels().part("frequency", "first").casefold()}
    groups = set()
    for row in rows or []:
        group = row.get("group") if isinstance(row, dict) else getattr(row, "group", "")
        groups.add(str(group).casefold())
    return bool(wanted & groups)


def api_claims(series: dict[tuple[str, str, str], list[dict[str, Any]]]) -> Claims:
    """Per period, "all stories" minus "the large levels": the group's stories that day.

    With one story more, the difference of the triad centres (n times the mean clr) is that
    story's composition; the difference of the "first" shares times n is how many picked it.
    """
    claims = Claims()
    views = (VIEW_ALL, VIEW_LARGE)
    centres = {view: [series.get((view, "triad_centre", c)) for c in CORNERS] for view in views}
    shares = [series.get((view, "choice_share", "first")) for view in views]
    for period in range(len(series.get((VIEW_ALL, "triad_centre", CORNERS[0])) or [])):
        top = _one_story_top(centres, period)
        if top is not None:
            claims.top[top] += 1
        claims.choice["first"] += _picked(shares, period)
    claims.choice = +claims.choice
    claims.merge(_group_view_claims(series))
    return claims


def _group_view_claims(series: dict[tuple[str, str, str], list[dict[str, Any]]]) -> Claims:
    """The group's own view: a period shown with one story gives that story's answers."""
    claims = Claims()
    for (view, measure, part), rows in series.items():
        for row in rows if view == VIEW_GROUP else []:
            if row["value"] is None or row["n"] is None or row["n"] >= 5:
                continue
            if measure == "dyad_median" and row["n"] == 1:
                claims.dyad[int(math.floor(row["value"] + 1e-6))] += 1
            if measure == "triad_centre" and part == CORNERS[0] and row["n"] == 1:
                claims.top[int(math.floor(row["value"] + 1e-6))] += 1
            if measure == "choice_share":
                claims.choice[part] += round(row["value"] * row["n"] / 100)
    claims.choice = +claims.choice
    return claims


def _at(series: list[dict[str, Any]] | None, period: int) -> dict[str, Any] | None:
    if series is None or len(series) <= period:
        return None
    row = series[period]
    return row if row["value"] is not None and row["n"] is not None else None


def _one_story_top(centres: dict[str, list[Any]], period: int) -> int | None:
    rows = {view: [_at(s, period) for s in found] for view, found in centres.items()}
    if any(r is None for found in rows.values() for r in found):
        return None
    n_all, n_large = rows[VIEW_ALL][0]["n"], rows[VIEW_LARGE][0]["n"]  # type: ignore[index]
    if n_all - n_large != 1:
        return None

    def clr(view: str) -> Any:
        logs = np.log([r["value"] / 100 for r in rows[view] if r is not None])
        return logs - logs.mean()

    story = n_all * clr(VIEW_ALL) - n_large * clr(VIEW_LARGE)
    composition = np.exp(story) / np.exp(story).sum()
    return int(math.floor(100 * composition[0] + 1e-6))


def _picked(shares: list[Any], period: int) -> int:
    rows = [_at(s, period) for s in shares]
    if rows[0] is None or rows[1] is None or rows[0]["n"] <= rows[1]["n"]:
        return 0
    hits = [int(round(r["value"] * r["n"] / 100)) for r in (rows[0], rows[1])]
    return max(hits[0] - hits[1], 0)
