"""Demo: "Fortællinger fra parken", about 3,000 synthetic Danish stories with a planted pattern.

Employees lean towards "rules and procedures" on the triad `drivers` compared with volunteers
and citizens (a moderate shift of the ilr centre); on the triad `difference` every level has
the same distribution, so the explorer must find the first and not claim the second.
Themes are found once after loading (synchronously, about a second for 3,000 stories), so the
page "Themes" and the theme filter have something to show.
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np

from samskab.analysis.synthetic import sample_dyads, sample_triads
from samskab.explorer.models import ThemeMethod, ThemeRun
from samskab.explorer.services.themes import create_run
from samskab.explorer.tasks import find_collection_themes
from samskab.instruments.answers import CleanStory
from samskab.instruments.definition import LEVELS, parse
from samskab.instruments.models import Collection, Instrument, InstrumentVersion, Story, StorySource
from samskab.instruments.samples import SAMPLE
from samskab.instruments.services import create_instrument, latest_version, story_row
from samskab.projects.models import Project

NAME = "Fortællinger fra parken"
INSTRUMENT = "Fortællinger om samskabelse (parken)"
STORIES = 3000
SEED = 20250601
LEVEL_WEIGHTS = (0.15, 0.35, 0.42, 0.08)
# ilr shift of the employees' `drivers` answers: z2 = ln(staff/rules)/sqrt 2 goes down, and z1
# (citizens against the rest) too: towards the "rules" corner.
EMPLOYEE_SHIFT = (-0.3, -0.4)
START = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
MINUTES = 200 * 24 * 60  # stories arrive over 200 days
# "Who decided?" drifts towards "we decided it together" over the collection period, so the
# effect-measurement demo has a computed indicator that moves.
DECIDED_DRIFT = 1.0

OPENINGS = [
    "Vi mødtes i parken en lørdag",
    "Gartnerne havde sat en dag af",
    "Foreningen inviterede til arbejdsdag",
    "Der kom en ny plan for legepladsen",
    "Vi skulle søge om lov til at plante",
    "Børnene fra skolen var med",
]
MIDDLES = [
    "og det tog lang tid at få svar fra kommunen",
    "og alle hjalp med at bære jord og planter",
    "men reglerne gjorde det svært at komme i gang",
    "og en medarbejder viste os, hvordan man beskærer",
    "og vi fik lov at bestemme, hvor bænkene skulle stå",
    "men der manglede penge til redskaber",
]
ENDINGS = [
    "Bagefter drak vi kaffe sammen.",
    "Nu bruger flere parken om aftenen.",
    "Jeg følte mig hørt.",
    "Det var lidt frustrerende, men det lykkedes.",
    "Næste gang vil vi gerne være med fra starten.",
    "Ring gerne til mig på 20 30 40 50, hvis I vil vide mere.",
]


def _instrument(project: Project) -> tuple[Instrument, InstrumentVersion]:
    organisation = project.organisation
    found = Instrument.objects.for_org(organisation).filter(name=INSTRUMENT).first()
    if found is None:
        found = create_instrument(organisation, INSTRUMENT, parse(SAMPLE), None, project)
    return found, latest_version(found)


def _triads(rng: np.random.Generator, levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`drivers` with the employees' shift (a logistic-normal cluster), `difference` without."""
    employees = levels == LEVELS.index("employee")
    drivers = sample_triads(rng, len(levels), "cluster")
    drivers[employees] = sample_triads(rng, int(employees.sum()), "cluster", EMPLOYEE_SHIFT)
    return drivers, sample_triads(rng, len(levels), "mixed")


def _answers(
    rng: np.random.Generator, drivers: np.ndarray, difference: np.ndarray, t: float = 0.0
) -> dict[str, dict[str, Any]]:
    decided = float(sample_dyads(rng, 1, shift=DECIDED_DRIFT * t)[0])
    answers: dict[str, dict[str, Any]] = {
        "drivers": {"state": "answered", "value": [float(v) for v in drivers]},
        "difference": {"state": "answered", "value": [float(v) for v in difference]},
        "decided": {"state": "answered", "value": decided},
        "felt": {"state": "answered", "value": float(sample_dyads(rng, 1)[0])},
        "frequency": {
            "state": "answered",
            "value": str(rng.choice(["always", "sometimes", "rarely", "first"])),
        },
        "feelings": {"state": "answered", "value": ["glad"] if rng.random() < 0.6 else ["proud"]},
    }
    for sid in ("drivers", "difference", "decided", "felt"):
        roll = rng.random()
        if roll < 0.05:
            answers[sid] = {"state": "na"}
        elif roll < 0.07:
            answers[sid] = {"state": "skipped"}
    return answers


# Two feelings few storytellers chose (2 and 4 stories): each below k = 5, together 6, so the
# explorer shows them merged as "small groups together" (docs/disclosure.md). Fixed story
# numbers, so the random answers of every other story stay as they were.
SMALL_FEELINGS = {10: "frustrated", 20: "frustrated", 30: "worried", 40: "worried"}
SMALL_FEELINGS.update({50: "worried", 60: "worried"})


def _plant_small_groups(i: int, answers: dict[str, dict[str, Any]]) -> None:
    if i in SMALL_FEELINGS:
        answers["feelings"]["value"] = [*answers["feelings"]["value"], SMALL_FEELINGS[i]]


def _text(rng: np.random.Generator) -> str:
    return f"{rng.choice(OPENINGS)}, {rng.choice(MIDDLES)}. {rng.choice(ENDINGS)}"


def load(project: Project) -> Collection:
    """Create the collection and its stories once (a second call changes nothing)."""
    organisation = project.organisation
    existing = Collection.objects.for_org(organisation).filter(name=NAME).first()
    if existing is not None:
        _themes(existing)  # a demo loaded before themes existed gets them now
        return existing
    instrument, version = _instrument(project)
    collection = Collection.objects.create(
        organisation=organisation,
        instrument=instrument,
        name=NAME,
        opens_at=START,
        consent_text={"da": "Din historie bruges anonymt i projektet.", "en": "Used anonymously."},
    )
    rng = np.random.default_rng(SEED)
    levels = rng.choice(len(LEVELS), size=STORIES, p=LEVEL_WEIGHTS)
    drivers, difference = _triads(rng, levels)
    offsets = np.random.default_rng(SEED + 1).integers(0, MINUTES, size=STORIES)
    rows = []
    for i, code in enumerate(levels):
        level = LEVELS[int(code)]
        story = CleanStory(
            prompt="moment" if rng.random() < 0.7 else "friend",
            title=f"Parken, historie {i + 1}",
            text=_text(rng),
            level=level,
            answers=_answers(rng, drivers[i], difference[i], float(offsets[i]) / MINUTES),
        )
        _plant_small_groups(i, story.answers)
        row = story_row(collection, version, story, StorySource.IMPORT, "da")
        row.created_at = START + datetime.timedelta(minutes=int(offsets[i]))
        rows.append(row)
    Story.objects.bulk_create(rows, batch_size=1000)
    InstrumentVersion.objects.filter(pk=version.pk).update(frozen_at=START)
    Collection.objects.filter(pk=collection.pk).update(change_counter=STORIES)
    collection.refresh_from_db()
    _themes(collection)
    return collection


def _themes(collection: Collection) -> None:
    """Find the themes once, here and now (the task's function, not the worker)."""
    if ThemeRun.objects.for_org(collection.organisation).filter(collection=collection).exists():
        return
    version = latest_version(collection.instrument)
    options: dict[str, int | str] = {"n_themes": 8, "seed": 0, "method": ThemeMethod.NMF}
    run = create_run(collection, version, options, None)
    find_collection_themes.call(run.organisation_id, run.pk)
