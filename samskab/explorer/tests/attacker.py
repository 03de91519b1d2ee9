"""An automated attacker against the explorer's disclosure control (issue #16).

`Attacker` is logged in (Django's test client) as one persona and tries every route it knows
to learn the answers of a small group (`attack_data`): the story lists (explorer and
collection, every page), the explorer CSV, the SVG charts, the overview's totals, level
table, density cells and dots, themes, the compare and patterns pages, and the JSON API's
computed indicators; each alone and combined with the others (partitions by prompt, text,
zone, option, dyad band, theme, day and density cell), stepping the numeric filters by
bisection and differencing pairs of shown totals (n(P) - n(P & the large categories)).

It reads what a page shows: the response context where the template renders it, else the
HTML. A route only claims what its evidence pins down: values from exact counts that rise
with the bound and add up, or the first "0" -> "hidden" step; a story's answers when the page
labels it with the group's level (or with a small-group label that fewer than k stories
carry). Claims of k or more answers of one kind are dropped (that is a large group). A
refusal (403, 404, 422, a withheld selection) teaches nothing. Counts that carry noise (the
parts of a table do not add up to its total) give no evidence by difference; averaging many
noisy differences is a known residual risk (docs/disclosure.md) and is not tried.
"""

from __future__ import annotations

import datetime
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from django.urls import reverse
from django.utils import translation

from samskab.explorer.tests import attack_inference as inference
from samskab.explorer.tests import attack_pages as pages
from samskab.explorer.tests.attack_data import (
    GROUP_LEVEL,
    LARGE_LEVELS,
    OTHER_FEELINGS,
    OTHER_FREQUENCY,
    WORD,
    Claims,
    indicator_title_parts,
)
from samskab.explorer.tests.attack_pages import UNKNOWN, Board, Reading

Params = tuple[tuple[str, str], ...]
Oracle = Callable[[Params, Params], Reading]
ZONES = ("top", "left", "right", "top_left", "top_right", "left_right", "centre")
FREQUENCY = (*OTHER_FREQUENCY, "first")
# The stories outside the group, selected by what they have in common: the large levels,
# the options of "frequency" and of "feelings" that many stories pick.
COMPLEMENTS: dict[str, Params] = {
    "level in {employee, volunteer_citizen}": tuple(("level", c) for c in LARGE_LEVELS),
    "frequency in {always, sometimes, rarely}": tuple(
        ("choice_frequency", o) for o in OTHER_FREQUENCY
    ),
    "feelings in {glad, proud, frustrated, worried, hopeful}": tuple(
        ("choice_feelings", o) for o in OTHER_FEELINGS
    ),
}
LARGE = COMPLEMENTS["level in {employee, volunteer_citizen}"]
# Filters that pick (part of) the small group alone, if a page lets them: side knowledge of
# the group's level, a word its members use, options they pick.
SELECTORS: dict[str, Params] = {
    "level=organisation": (("level", GROUP_LEVEL),),
    f"q={WORD}": (("q", WORD),),
    "choice_feelings=surprised": (("choice_feelings", "surprised"),),
    "choice_frequency=first": (("choice_frequency", "first"),),
}
# Every signifier with a chart (the free text has none).
SIGNIFIERS = ("drivers", "difference", "decided", "felt", "actors", "frequency", "feelings")
BANDS = ((0, 19), (20, 39), (40, 59), (60, 79), (80, 100))  # the dyad bands viewers may use
MAX_CELLS = 24  # density cells scanned one by one (of 400)
MAX_REQUESTS = 3000  # a safety net: the attacker gives up rather than run for minutes
SAMPLE_CAP = 1500  # a triad chart draws every story's dot up to this many


@dataclass(frozen=True)
class Family:
    """A numeric filter stepped over 0..100: an upper bound ("at most v") or a lower one."""

    name: str
    answer: str  # "dyad" or "top"
    param: str
    upper: bool


FAMILIES = (
    Family("dyad ≤ v", "dyad", "max_decided", True),
    Family("dyad ≥ v", "dyad", "min_decided", False),
    Family("triad top ≤ v", "top", "rmax_top_drivers", True),
    Family("triad top ≥ v", "top", "rmin_top_drivers", False),
)


@dataclass
class Route:
    """What one route tried and learnt."""

    name: str
    claims: Claims = field(default_factory=Claims)
    requests: int = 0
    seconds: float = 0.0
    refused: int = 0
    shown: int = 0
    partitions: set[str] = field(default_factory=set)


def _params(*parts: Iterable[tuple[str, str]]) -> Params:
    return tuple(item for part in parts for item in part)


def _data(params: Params) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for name, value in params:
        out[name].append(value)
    return dict(out)


def _label(params: Params) -> str:
    return "&".join(f"{k}={v}" for k, v in params) or "all stories"


class Attacker:
    def __init__(
        self,
        client: Any,
        org: str,
        collection: int,
        project: int | None,
        days: list[datetime.date],
    ) -> None:
        self.client = client
        self.org = org
        self.collection = collection
        self.project = project
        self.days = days  # when the collection ran (side knowledge)
        self.routes: dict[str, Route] = {}
        self.seen: Counter[str] = Counter()  # what the attacker could read at all
        self.requests = 0
        self.k = 5
        self.perturbed = False  # counts carry noise: a difference of two is no evidence
        self._boards: dict[Params, Board] = {}
        self._route = "recon"

    # --- Requests -------------------------------------------------------------------------

    def url(self, name: str, namespace: str = "explorer") -> str:
        return reverse(f"{namespace}:{name}", kwargs={"org": self.org, "pk": self.collection})

    def get(self, url: str, params: Params = ()) -> Any:
        if self.requests >= MAX_REQUESTS:
            raise RuntimeError("The attacker ran out of requests.")
        self.requests += 1
        route = self.route(self._route)
        route.requests += 1
        started = time.perf_counter()
        response = self.client.get(url, _data(params))
        route.seconds += time.perf_counter() - started
        if response.status_code != 200:
            route.refused += 1
        return response

    def route(self, name: str) -> Route:
        if name not in self.routes:
            self.routes[name] = Route(name)
        return self.routes[name]

    def begin(self, name: str) -> None:
        self._route = name
        self.route(name)

    def board(self, params: Params) -> Board:
        key = tuple(sorted(params))
        if key not in self._boards:
            self._boards[key] = pages.read_board(self.get(self.url("dashboard"), key))
            if self._boards[key].shown:
                self.route(self._route).shown += 1
            if len(self._boards[key].levels) >= len(LARGE_LEVELS):
                self.seen["overviews with a level table"] += 1
            if self._boards[key].adds_up() is False:
                self.perturbed = True
        return self._boards[key]

    def claim(self, route: str, claims: Claims, partition: str = "") -> None:
        found = self.route(route)
        found.claims.merge(claims)
        if partition and claims:
            found.partitions.add(partition)

    def recovered(self, truth: Any) -> tuple[int, Claims]:
        every = Claims()
        for route in self.routes.values():
            every.merge(route.claims)
        return every.recovered(truth), every

    # --- The attack -----------------------------------------------------------------------

    def run(self) -> dict[str, Route]:
        with translation.override(pages.LANGUAGE):
            self.recon()
            self.story_routes()
            self.selector_routes()
            self.count_routes()
            self.compare_and_patterns()
            self.api_route()
        return self.routes

    def recon(self) -> None:
        self.begin("recon: the dashboard without filters (k, totals)")
        response = self.get(self.url("dashboard"))
        if response.status_code == 200 and response.context is not None:
            self.k = int(response.context.get("k") or self.k)

    # --- Story-level views ----------------------------------------------------------------

    def story_routes(self) -> None:
        titles = self.collection_list()
        cards = self.explorer_stories()
        self.begin("link: group titles from the collection list -> explorer story cards")
        linked = [card for card in cards if card.title in titles]
        self.note(len(linked), "stories linked")
        self.claim(self._route, inference.cards_claims(linked))
        self.begin(f"link: explorer story cards whose text has the group's word ({WORD})")
        worded = [card for card in cards if WORD in card.text]
        self.note(len(worded), "stories found")
        self.claim(self._route, inference.cards_claims(worded))
        self.export_csv()

    def note(self, count: int, what: str) -> None:
        if count:
            self.route(self._route).claims.notes.append(f"{count} {what}")

    def _page_through(self, url: str, params: Params, limit: int = 1000) -> list[pages.StoryCard]:
        cards: list[pages.StoryCard] = []
        for number in range(1, limit + 1):
            response = self.get(url, _params(params, (("page", str(number)),)))
            if response.status_code != 200:
                break
            page = response.content.decode()
            found = pages.story_cards(page)
            cards += found
            if not found or f"page={number + 1}" not in page.replace("&amp;", "&"):
                break
        return cards

    def collection_list(self) -> set[str]:
        """Titles of the group's stories from the collection's story list (level shown)."""
        self.begin("collection story list (instruments:stories), every page")
        every = self._page_through(self.url("stories", "instruments"), ())
        self.seen["collection list: story cards"] = len(every)
        cards = self._group_cards(every)
        self.note(len(cards), "stories labelled with the group's level")
        titles = {c.title for c in cards}
        self.begin("collection story list filtered level=organisation")
        selector = SELECTORS["level=organisation"]
        filtered = self._page_through(self.url("stories", "instruments"), selector, limit=1)
        if 0 < len(filtered) < self.k:
            self.note(len(filtered), "stories listed")
            titles |= {c.title for c in filtered}
        return titles

    def _group_cards(self, cards: list[pages.StoryCard]) -> list[pages.StoryCard]:
        """Cards labelled with the group's level, or with a small-group label when fewer than
        k cards carry it (then they are the small group)."""
        name = pages.labels().levels[GROUP_LEVEL]
        group = [c for c in cards if name in c.meta]
        small = [c for c in cards if inference.small_label(c.meta)]
        return group + (small if len(small) < self.k else [])

    def explorer_stories(self) -> list[pages.StoryCard]:
        self.begin("explorer stories, every page (level and answers per story)")
        cards = self._page_through(self.url("stories"), ())
        self.seen["explorer stories: cards"] = len(cards)
        answered = [c for c in cards if None not in pages.card_answers(c)]
        self.seen["explorer stories: cards with dyad, triad and choice read"] = len(answered)
        group = self._group_cards(cards)
        self.note(len(group), "stories labelled with the group's level")
        self.claim(self._route, inference.cards_claims(group))
        for name, selector in SELECTORS.items():
            self.begin(f"explorer stories filtered {name}")
            chosen = self._page_through(self.url("stories"), selector, limit=1)
            if len(chosen) < self.k:
                self.note(len(chosen), "stories listed")
                self.claim(self._route, inference.cards_claims(chosen))
        return cards

    def export_csv(self) -> None:
        self.begin("explorer CSV export, all stories (level column)")
        rows = pages.csv_rows(self.get(self.url("export")))
        self.seen["CSV rows"] = len(rows)
        group = [r for r in rows if r.get("level") == GROUP_LEVEL]
        small = [r for r in rows if r.get("level", "").startswith("__")]
        chosen = group + (small if len(small) < self.k else [])
        self.note(len(chosen), "rows of the group")
        self.claim(self._route, inference.rows_claims(chosen))
        for name, selector in SELECTORS.items():
            self.begin(f"explorer CSV filtered {name}")
            rows = pages.csv_rows(self.get(self.url("export"), selector))
            if len(rows) < self.k:
                self.note(len(rows), "rows")
                self.claim(self._route, inference.rows_claims(rows))

    # --- Filters that pick the group alone ------------------------------------------------

    def selector_routes(self) -> None:
        for name, selector in SELECTORS.items():
            self.begin(f"dashboard filtered {name} (n, dots, stepping)")
            board = self.board(selector)
            if board.shown and board.n is not None and board.n < self.k:
                self.claim(self._route, inference.dots_claims(board.dots, board.n))

                def direct(p: Params, c: Params, s: Params = selector) -> Reading:
                    return self._n(_params(s, c))

                self.sweep(self._route, direct, [()])
            self.begin(f"chart.svg filtered {name} (n answered, dots)")
            self.svg_selector(selector)

    def _n(self, params: Params) -> Reading:
        board = self.board(params)
        return Reading.of(board.n) if board.shown else UNKNOWN

    def svg(self, params: Params, sid: str) -> str:
        response = self.get(self.url("chart_svg"), _params(params, (("sig", sid),)))
        return response.content.decode() if response.status_code == 200 else ""

    def svg_selector(self, selector: Params) -> None:
        for sid in SIGNIFIERS:
            drawing = self.svg(selector, sid)
            answered = pages.svg_answered(drawing) if drawing else None
            if answered is None:
                continue
            self.route(self._route).shown += 1
            if sid == "drivers":
                self.claim(self._route, inference.dots_claims(pages.dots(drawing), answered))
            if sid == "decided" and 0 < answered < self.k:

                def direct(p: Params, c: Params, s: Params = selector) -> Reading:
                    return Reading.of(pages.svg_answered(self.svg(_params(s, c), "decided")))

                self.sweep(self._route, direct, [()], FAMILIES[:2], choices=False)

    # --- Counting the group by subtraction, stepping numeric filters ----------------------

    def count_routes(self) -> None:
        partitions = self.partitions()
        # The complements by option are tried on fewer partitions (each costs a page).
        few = [p for p in partitions if not p or p[0][0] in ("prompt", "min_decided", "date_from")]
        self.begin("level table: the group's row (exact, or 0 vs hidden)")
        self.sweep(self._route, self._levelrow, partitions)
        self.begin("level table: tracker n - the other levels' rows (one page)")
        self.sweep(self._route, self._tracker, partitions)
        for name, complement in COMPLEMENTS.items():
            self.begin(f"differencing n(P) - n(P & {name})")
            oracle = self._pair(complement)
            chosen = partitions if name.startswith("level") else few
            self.sweep(self._route, oracle, chosen, choices=not name.startswith("frequency"))
            if name.startswith("frequency"):
                self.picked_first(oracle, chosen)
        self.begin("triad dots: dots(P) - dots(P & large levels), P under the sample cap")
        for partition in partitions:
            self.dots_difference(partition)

    def _levelrow(self, partition: Params, condition: Params) -> Reading:
        return self.board(_params(partition, condition)).levels.get(GROUP_LEVEL, UNKNOWN)

    def _tracker(self, partition: Params, condition: Params) -> Reading:
        found = self.board(_params(partition, condition)).tracker(GROUP_LEVEL)
        return UNKNOWN if self.perturbed else found

    def _pair(self, complement: Params) -> Oracle:
        def oracle(partition: Params, condition: Params) -> Reading:
            both = self._n(_params(partition, condition))
            if both.exact is None:
                return UNKNOWN
            found = both - self._n(_params(partition, condition, complement))
            # Noisy counts of two different sets differ by noise as well: no exact evidence
            # (averaging many such pairs is a known residual risk, not tried here).
            return UNKNOWN if self.perturbed and found.exact != 0 else found

        return oracle

    def picked_first(self, oracle: Oracle, partitions: list[Params]) -> None:
        """Stories outside the three common options of "frequency" picked "first"."""
        for partition in partitions:
            if not oracle(partition, ()).presence:
                continue
            answered = oracle(partition, (("state_frequency", "answered"),))
            if answered.exact and answered.exact < self.k:
                found = Claims(choice=Counter(first=answered.exact))
                self.claim(self._route, found, _label(partition))

    def partitions(self) -> list[Params]:
        """Large sets of stories that may hold some of the group: the whole collection,
        prompts, text, zones, options, and the days and density cells where it was found."""
        themes = self.themes()
        self.begin("locating: whole collection, prompts, text, zones, options, bands, themes")
        found: list[Params] = [(), (("prompt", "moment"),), (("prompt", "friend"),)]
        found.append((("q", "planen"),))
        found += [(("zone_drivers", z),) for z in ZONES]
        found += [(("choice_feelings", o),) for o in OTHER_FEELINGS]
        found += [(("min_decided", str(a)), ("max_decided", str(b))) for a, b in BANDS]
        found += themes
        for partition in found:
            self.board(partition)
        self.begin("locating: dates, one day at a time")
        days: list[Params] = [
            (("date_from", d.isoformat()), ("date_to", d.isoformat())) for d in self.days
        ]
        found += self.scan(days)
        self.begin("locating: density cells, hidden ones and those whose count differs")
        found += self.scan([(("cell_drivers", str(s)),) for s in self.candidate_cells()])
        return found

    def themes(self) -> list[Params]:
        """Each shown theme as a partition; a theme's size against the overview filtered to
        it tells how many of its stories are in no figure."""
        self.begin("themes: size of each theme vs n of the overview filtered to it")
        response = self.get(self.url("themes"))
        context = response.context if response.status_code == 200 else None
        found: list[Params] = []
        for row in (context.get("rows") if context is not None else None) or []:
            value = re.search(r"theme=([\d%A]+)", str(row.get("dashboard_url", "")))
            size = pages.number(str(row.get("size", getattr(row.get("theme"), "size", ""))))
            if value is None or size is None:
                continue
            partition = (("theme", unquote(value.group(1))),)
            found.append(partition)
            gap = Reading.of(size) - self._n(partition)
            if gap.exact and 0 < gap.exact < self.k:
                self.note(gap.exact, f"stories of theme {row.get('number')} in no figure")
        return found

    def candidate_cells(self) -> list[int]:
        """Cells whose count differs between all stories and the large levels, then the
        hidden cells farthest from where the stories are (a small group stands apart)."""
        everyone, large = self.board(()), self.board(LARGE)
        differ = sorted(s for s, n in everyone.cells.items() if n != large.cells.get(s, 0))
        hidden = pages.outliers_first(everyone.hidden_cells - set(differ), everyone.cells)
        return (differ + hidden)[:MAX_CELLS]

    def scan(self, candidates: list[Params]) -> list[Params]:
        """The candidates where the group is present; stops at the first refusal (a filter
        the persona may not use)."""
        located = []
        route = self.route(self._route)
        for params in candidates:
            self.board(params)
            if route.refused >= 3 and not route.shown:
                break  # refused: a filter this persona may not use
            readings = [self._levelrow(params, ()), self._tracker(params, ())]
            if not any(r.exact is not None for r in readings):
                readings.append(self._pair(LARGE)(params, ()))
            if any(r.presence for r in readings):
                located.append(params)
        self.note(len(located), "located")
        return located

    def sweep(
        self,
        route: str,
        oracle: Oracle,
        partitions: list[Params],
        families: tuple[Family, ...] = FAMILIES,
        choices: bool = True,
    ) -> None:
        """Step every family in every partition where the oracle sees the group."""
        seen = [p for p in partitions if oracle(p, ()).presence]
        for family in families:
            for partition in seen:
                if self._enough(route, family.answer):
                    break
                if family.param in dict(partition):
                    continue  # a band already bounds this answer
                self.claim(route, self.step(oracle, partition, family), _label(partition))
        for partition in seen if choices else []:
            if self._enough(route, "choice"):
                break
            self.claim(route, self.choices(oracle, partition), _label(partition))

    def _enough(self, route: str, answer: str) -> bool:
        claims = self.route(route).claims
        found: Counter[Any] = getattr(claims, answer)
        return sum(found.values()) >= self.k - 1

    def step(self, oracle: Oracle, partition: Params, family: Family) -> Claims:
        """Bisect 0..100: exact counts give every value, else 0 -> hidden gives one."""

        def read(v: int) -> Reading:
            return oracle(partition, ((family.param, str(v)),))

        values = inference.exact_values(read, family.upper) or inference.first_presence(
            read, family.upper
        )
        claims = Claims()
        if 0 < sum(values.values()) < self.k:
            setattr(claims, family.answer, values)
        return claims

    def choices(self, oracle: Oracle, partition: Params) -> Claims:
        """Per option of "frequency" the group's count (one unknown option by complement),
        which must add up to the group's answers; else the options shown "hidden"."""
        counts = {o: oracle(partition, (("choice_frequency", o),)) for o in FREQUENCY}
        answered = oracle(partition, (("state_frequency", "answered"),))
        unknown = [o for o, r in counts.items() if r.exact is None]
        if len(unknown) == 1 and answered.exact is not None:
            rest = sum(r.exact or 0 for r in counts.values())
            counts[unknown[0]] = Reading.of(answered.exact - rest)
        if all(r.exact is not None for r in counts.values()):
            found = Counter({o: r.exact or 0 for o, r in counts.items()})
            total = sum(found.values())
            if answered.exact != total or min(found.values()) < 0 or not 0 < total < self.k:
                return Claims()
            return Claims(choice=+found)
        seen = Counter(o for o, r in counts.items() if r.exact is None and r.presence)
        return Claims(choice=seen) if 0 < sum(seen.values()) < self.k else Claims()

    def dots_difference(self, partition: Params) -> None:
        everyone = self.board(partition)
        if everyone.n is None or everyone.n > SAMPLE_CAP or not everyone.dots:
            return
        large = self.board(_params(partition, LARGE))
        gap = Reading.of(everyone.n) - Reading.of(large.n)
        if not gap.presence or gap.exact is None:
            return
        rest = Counter(everyone.dots) - Counter(large.dots)
        if sum(rest.values()) == gap.exact and not Counter(large.dots) - Counter(everyone.dots):
            found = inference.dots_claims(tuple(rest.elements()), gap.exact)
            self.claim(self._route, found, _label(partition))

    # --- Compare and patterns -------------------------------------------------------------

    def compare_and_patterns(self) -> None:
        for name, selector in SELECTORS.items():
            self.begin(f"compare a-{name} vs b-level=employee (n, stepping)")
            self.compare(selector)
        self.begin("patterns by level and by frequency (is the group a row?)")
        for by in ("level", "frequency"):
            response = self.get(self.url("patterns"), (("by", by),))
            if response.status_code == 200 and inference.mentions_group(response, by):
                self.route(self._route).shown += 1
                self.route(self._route).claims.notes.append(f"by {by}: the group is a row")

    def compare(self, selector: Params) -> None:
        def n_a(p: Params, c: Params, s: Params = selector) -> Reading:
            group_a = ((f"a-{k}", v) for k, v in _params(s, c))
            response = self.get(self.url("compare"), _params(group_a, (("b-level", "employee"),)))
            context = response.context if response.status_code == 200 else None
            report = context.get("report") if context is not None else None
            if context is None or report is None or not context.get("sections"):
                return UNKNOWN
            page = response.content.decode()
            return Reading.of(report.n_a) if pages.rendered(page, report.n_a) else UNKNOWN

        found = n_a((), ())
        if found.exact is not None and found.exact < self.k:
            self.route(self._route).shown += 1
            self.sweep(self._route, n_a, [()])

    # --- The JSON API: indicators computed from the stories -------------------------------

    def api_route(self) -> None:
        self.begin("API: computed indicators per day, view 'all' minus view 'large levels'")
        if self.project is None:
            return
        listing = self.get(f"/api/v1/orgs/{self.org}/projects/{self.project}/indicators")
        if listing.status_code != 200:
            return
        series: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for indicator in listing.json():
            parts = indicator_title_parts(indicator["title"])
            if parts is None:
                continue
            found = self.get(f"/api/v1/orgs/{self.org}/indicators/{indicator['id']}/measurements")
            if found.status_code == 200:
                series[parts] = found.json()
        self.claim(self._route, inference.api_claims(series))
