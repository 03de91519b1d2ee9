"""The collection the attacker (`attacker.py`) works on, and how its claims are scored.

`plant` builds about 3,000 stories in one organisation: 1,500 employees, 1,496 volunteers or
citizens and a planted small group of 4 stories at level "organisation" whose answers no one
else gives: dyad "decided" at 93.4 to 99.1 % while everyone else stays below 90 %; triad
"drivers" with a top share of 91.4 to 97.6 % while everyone else stays below 70 %; the
single choice "frequency" option "first", which no one else picks (one of the four picks
"rarely", like many others); the multiple choice option "surprised", which no one else
ticks; a word in the text that no one else writes; four days of their own (among ~107
other stories each). Titles and texts are distinct, the dates spread over 28 days.

`plant_indicators` adds what a facilitator would set up for the lab's effect measurement:
saved views over all stories, over the two large levels, and over the small level, each
with computed indicators per day (triad centre of "drivers", median of "decided", share of
"first"), which the JSON API serves to every member.

The planted values lie well inside a whole percent (93.4 %, not 93.0 %), so "at least v" and
"at most v" filters on float32 answers round the same way for the attacker and the truth.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from samskab.explorer.models import SavedView
from samskab.instruments.answers import CleanStory
from samskab.instruments.definition import parse
from samskab.instruments.models import Collection, Story, StorySource
from samskab.instruments.samples import SAMPLE
from samskab.instruments.services import create_instrument, latest_version, story_row

START = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)
DAYS = 28  # the stories are spread over 28 days from START
GROUP_LEVEL = "organisation"
LARGE_LEVELS = ("employee", "volunteer_citizen")
WORD = "solsikkemarken"  # only the small group writes it
GROUP_DYAD = (0.934, 0.952, 0.973, 0.991)
GROUP_TOP = (0.914, 0.932, 0.953, 0.974)
GROUP_FREQUENCY = ("first", "first", "first", "rarely")
GROUP_FEELINGS = (("surprised",), ("surprised", "hopeful"), ("surprised",), ("surprised", "glad"))
GROUP_DAYS = (3, 9, 16, 22)  # days after START, one story each
OTHER_FREQUENCY = ("always", "sometimes", "rarely")
OTHER_FEELINGS = ("glad", "proud", "frustrated", "worried", "hopeful")
WORDS = (
    "parken legepladsen bænken naboerne kaffen mødet planen haven stien træerne skraldet "
    "lyset foreningen kommunen budgettet frivillige weekenden sommeren ansøgningen tegningen"
).split()
VIEW_ALL = "Alle historier"
VIEW_LARGE = "Medarbejdere og borgere"
VIEW_GROUP = "Organisationen"
VIEWS = {
    VIEW_ALL: "",
    VIEW_LARGE: "level=employee&level=volunteer_citizen",
    VIEW_GROUP: "level=organisation",
}
# (measure, signifier, part) of the computed indicators on each view.
INDICATORS = (
    ("triad_centre", "drivers", "citizens"),
    ("triad_centre", "drivers", "staff"),
    ("triad_centre", "drivers", "rules"),
    ("dyad_median", "decided", ""),
    ("choice_share", "frequency", "first"),
)
TITLE_SEPARATOR = " · "


def percent(value: float) -> int:
    """A share in whole percent, as the explorer shows it (the planted ones round down)."""
    return int(np.floor(100 * value + 1e-9))


def study_days() -> list[datetime.date]:
    """The days the collection ran (the attacker knows when the lab collected stories)."""
    return [(START + datetime.timedelta(days=d)).date() for d in range(DAYS)]


@dataclass(frozen=True)
class Truth:
    """The small group's answers: what the attacker must not recover."""

    dyad: Counter[int]
    top: Counter[int]
    choice: Counter[str]
    size: int

    @property
    def answers(self) -> int:
        return sum(self.dyad.values()) + sum(self.top.values()) + sum(self.choice.values())


TRUTH = Truth(
    dyad=Counter(percent(v) for v in GROUP_DYAD),
    top=Counter(percent(v) for v in GROUP_TOP),
    choice=Counter(GROUP_FREQUENCY),
    size=len(GROUP_DYAD),
)


@dataclass
class Claims:
    """What a route claims about the small group's answers (whole percent, option codes)."""

    dyad: Counter[int] = field(default_factory=Counter)
    top: Counter[int] = field(default_factory=Counter)
    choice: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def merge(self, other: Claims) -> None:
        self.dyad |= other.dyad
        self.top |= other.top
        self.choice |= other.choice
        self.notes += [n for n in other.notes if n not in self.notes]

    def recovered(self, truth: Truth = TRUTH) -> int:
        """How many of the truth's answers the claims name exactly (a multiset overlap)."""
        return (
            sum((self.dyad & truth.dyad).values())
            + sum((self.top & truth.top).values())
            + sum((self.choice & truth.choice).values())
        )

    def __bool__(self) -> bool:
        return bool(self.dyad or self.top or self.choice)


def _triad(rng: np.random.Generator, top: float) -> list[float]:
    left = round((1 - top) * float(rng.uniform(0.1, 0.9)), 3)
    return [round(top, 3), left, round(1 - top - left, 3)]


def _answers(
    drivers: list[float], dyad: float, frequency: str, feelings: tuple[str, ...]
) -> dict[str, Any]:
    return {
        "drivers": {"state": "answered", "value": drivers},
        "difference": {"state": "na"},
        "decided": {"state": "answered", "value": dyad},
        "frequency": {"state": "answered", "value": frequency},
        "feelings": {"state": "answered", "value": list(feelings)},
    }


def _other(rng: np.random.Generator, i: int, level: str) -> tuple[CleanStory, datetime.datetime]:
    top = float(rng.uniform(0.05, 0.69))
    dyad = round(float(rng.uniform(0.0, 0.89)), 3)
    frequency = OTHER_FREQUENCY[int(rng.integers(len(OTHER_FREQUENCY)))]
    size = int(rng.integers(1, 4))
    feelings = tuple(str(f) for f in rng.choice(OTHER_FEELINGS, size=size, replace=False))
    words = " ".join(str(w) for w in rng.choice(WORDS, size=6))
    story = CleanStory(
        "moment" if i % 2 else "friend",
        f"Historie nummer {i}",
        f"Fortælling {i}: {words}.",
        level,
        _answers(_triad(rng, top), dyad, frequency, feelings),
    )
    return story, START + datetime.timedelta(days=i % DAYS, minutes=i % 480)


def _group(rng: np.random.Generator, j: int) -> tuple[CleanStory, datetime.datetime]:
    story = CleanStory(
        "moment" if j % 2 else "friend",
        f"Ledelsens oplevelse {j}",
        f"Vi mødtes ved {WORD} og talte om planen {j}.",
        GROUP_LEVEL,
        _answers(_triad(rng, GROUP_TOP[j]), GROUP_DYAD[j], GROUP_FREQUENCY[j], GROUP_FEELINGS[j]),
    )
    return story, START + datetime.timedelta(days=GROUP_DAYS[j], hours=3, minutes=7)


def plant(organisation: Any, project: Any = None, employees: int = 1500, citizens: int = 1496):
    """The collection with the planted group, written in one bulk insert."""
    instrument = create_instrument(organisation, "Fortællinger", parse(SAMPLE), None, project)
    collection = Collection.objects.create(
        organisation=organisation,
        instrument=instrument,
        name="Angrebet",
        consent_text={"da": "Samtykke", "en": "Consent"},
    )
    version = latest_version(instrument)
    rng = np.random.default_rng(16)
    made = [_other(rng, i, LARGE_LEVELS[0]) for i in range(employees)]
    made += [_other(rng, employees + i, LARGE_LEVELS[1]) for i in range(citizens)]
    made += [_group(rng, j) for j in range(len(GROUP_DYAD))]
    rows = []
    for story, when in made:
        row = story_row(collection, version, story, StorySource.IMPORT, "da")
        row.created_at = when
        rows.append(row)
    Story.objects.bulk_create(rows, batch_size=500)
    Collection.objects.filter(pk=collection.pk).update(change_counter=len(rows))
    collection.refresh_from_db()
    return collection


def find_themes(collection: Collection) -> None:
    """A finished theme run (8 topics), as an analyst would start it; run here directly."""
    from samskab.explorer.services.query import threshold
    from samskab.explorer.services.themes import create_run, run_themes

    options: dict[str, int | str] = {"n_themes": 8, "seed": 0, "method": "nmf"}
    run = create_run(collection, latest_version(collection.instrument), options, None)
    run_themes(run, threshold(collection.organisation))


def indicator_title(view: str, measure: str, part: str) -> str:
    return TITLE_SEPARATOR.join((view, measure, part))


def indicator_title_parts(title: str) -> tuple[str, str, str] | None:
    """(view, measure, part) of an indicator's title, as the attacker reads it."""
    parts = title.split(TITLE_SEPARATOR)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


def plant_indicators(project: Any, collection: Collection) -> None:
    """Saved views and daily computed indicators, as a facilitator would set them up."""
    from samskab.measurement.content import IndicatorSource, PeriodKind
    from samskab.measurement.tests.factories import make_goal, make_indicator

    goal = make_goal(project)
    periods = [[d.isoformat(), d.isoformat()] for d in study_days()]
    for title, query in VIEWS.items():
        view = SavedView.objects.create(
            organisation=project.organisation, collection=collection, title=title, query=query
        )
        for measure, signifier, part in INDICATORS:
            make_indicator(
                goal,
                title=indicator_title(title, measure, part),
                source=IndicatorSource.COMPUTED,
                saved_view=view,
                measure=measure,
                signifier=signifier,
                part=part,
                period_kind=PeriodKind.CUSTOM,
                periods=periods,
                baseline_value=None,
                baseline_date=None,
                target_value=None,
                target_date=None,
            )
