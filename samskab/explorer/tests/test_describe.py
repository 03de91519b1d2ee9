"""The sentence rules: clear only with q < 0.05 and a non-negligible effect; else no claim."""

from __future__ import annotations

import numpy as np
import pytest

from samskab.analysis.compare import Centre, Comparison
from samskab.analysis.disclosure import Withheld
from samskab.analysis.effects import Effect
from samskab.analysis.stats import TestResult
from samskab.explorer.services.describe import Names, describe
from samskab.explorer.services.labels import labels_for
from samskab.instruments.definition import parse
from samskab.instruments.samples import SAMPLE


@pytest.fixture
def names():
    return Names(labels_for(parse(SAMPLE), "da"), "medarbejdere", "borgere", 5)


def _centre(p, q, magnitude):
    centre_a = Centre(np.array([0.2, 0.3, 0.5]), np.empty((0, 3)))
    centre_b = Centre(np.array([0.3, 0.4, 0.3]), np.empty((0, 3)))
    return Comparison(
        "drivers",
        "centre",
        1500,
        1496,
        TestResult("hotelling", 30.0, (2.0, 2900.0), p, q=q),
        Effect("aitchison_distance", 0.42, 0.3, 0.5, magnitude, "mahalanobis_d", 0.5),
        centres=(centre_a, centre_b),
    )


def test_clear_difference(names):
    text = describe(_centre(0.00001, 0.0004, "medium"), names, "da")
    assert text == (
        "Historierne fra medarbejdere ligger tydeligt nærmere “regler og procedurer” end "
        "historierne fra borgere (forskel 0,42 Aitchison, p < 0,001, q < 0,001, "
        "n = 1.500 og 1.496)."
    )


def test_english():
    names = Names(labels_for(parse(SAMPLE), "en"), "employees", "citizens", 5)
    text = describe(_centre(0.00001, 0.0004, "medium"), names, "en")
    assert "lie clearly closer to “rules and procedures”" in text
    assert "n = 1,500 and 1,496" in text


def test_no_evidence(names):
    text = describe(_centre(0.2, 0.31, "medium"), names, "da")
    assert text.startswith("Intet belæg for en forskel mellem medarbejdere og borgere")
    assert "q = 0,31" in text
    assert "tydeligt" not in text


def test_significant_but_negligible_is_not_called_clear(names):
    text = describe(_centre(0.0001, 0.001, "negligible"), names, "da")
    assert text.startswith("Ingen tydelig forskel")


def test_q_decides_over_p(names):
    text = describe(_centre(0.01, 0.08, "medium"), names, "da")
    assert text.startswith("Intet belæg")


def test_withheld(names):
    c = Comparison("drivers", "centre", 4, 300, withheld=(Withheld("group_a", "group_below_k"),))
    assert describe(c, names, "da") == (
        "Ikke sammenlignet: medarbejdere har færre end 5 svar her, og intet om så få "
        "historier vises."
    )


def _rate(p, q):
    return Comparison(
        "drivers",
        "not_applicable",
        1500,
        1496,
        TestResult("chi_square", 0.1, (1.0,), p, q=q),
        Effect("proportion_difference", 0.004, -0.01, 0.02, "negligible", "cohens_h", 0.01),
    )


def test_no_evidence_on_the_not_applicable_rate_says_what_was_compared(names):
    text = describe(_rate(0.9, 0.9), names, "da")
    assert text.startswith(
        "Intet belæg for, at medarbejdere og borgere er forskellige i, hvor ofte de svarer "
        "“ikke relevant”"
    )
    english = Names(labels_for(parse(SAMPLE), "en"), "employees", "citizens", 5)
    assert describe(_rate(0.9, 0.9), english, "en").startswith(
        "No evidence that employees and citizens differ in how often they answer "
        "“not applicable” on “"
    )
