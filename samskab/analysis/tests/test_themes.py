from __future__ import annotations

import numpy as np

from samskab.analysis.themes import find_themes, theme_mask, tokenize

DANISH = [
    "Frivillige i foreningen hjalp borgerne med at komme ud i naturen og gå ture i skoven",
    "Naturen og skoven gav ro; vi gik ture med de frivillige fra foreningen",
    "Turen i skoven med frivillige var den bedste dag for borgerne",
    "Kommunens medarbejdere samarbejdede med foreningen om beskæftigelse og jobtræning",
    "Jobtræning og beskæftigelse: medarbejdere fra kommunen fandt praktikpladser",
    "Praktikpladser og job til ledige gennem samarbejde mellem kommunen og virksomheder",
]
ENGLISH = [
    "Volunteers took citizens for walks in the forest and nature",
    "The employment project found jobs and internships for unemployed citizens",
]


def _corpus() -> tuple[list[int], list[str], list[str]]:
    texts = DANISH * 3 + ENGLISH * 3
    languages = ["da"] * 18 + ["en"] * 6
    return list(range(100, 100 + len(texts))), texts, languages


def test_tokenize_removes_stop_words_and_stems_danish() -> None:
    docs, surfaces = tokenize(["Borgerne og de frivillige i kommunen"])
    assert docs == [["borg", "frivil", "kommun"]]
    assert surfaces["borg"]["borgerne"] == 1


def test_themes_are_deterministic_and_separate_topics() -> None:
    ids, texts, languages = _corpus()
    first = find_themes(ids, texts, languages, n_themes=2, seed=3)
    second = find_themes(ids, texts, languages, n_themes=2, seed=3)
    assert first.themes == second.themes
    assert np.array_equal(first.assignment, second.assignment)
    nature = [t for t in first.themes if "skoven" in t.terms or "naturen" in t.terms]
    assert len(nature) == 1 and nature[0].size >= 5 and len(nature[0].representative) == 5
    mask = theme_mask(first, nature[0].index, np.array(ids))
    assert mask.sum() == nature[0].size


def test_kmeans_and_small_theme_suppression() -> None:
    ids, texts, languages = _corpus()
    model = find_themes(ids, texts, languages, n_themes=2, seed=0, method="kmeans")
    assert sum(t.size for t in model.themes) == len(ids)
    small = find_themes(ids[:6], texts[:6], n_themes=2, seed=0, k=5)
    withheld = [t for t in small.themes if t.size < 5]
    assert withheld and all(t.terms == () and t.withheld for t in withheld)
