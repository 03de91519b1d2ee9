"""Helpers for alignment tests: rounds and answers with given ratings."""

from __future__ import annotations

from samskab.alignment.content import GAIN_CODES
from samskab.alignment.models import AlignmentRound, ResponseSource
from samskab.alignment.services import record_response
from samskab.testing import make_project


def make_round(organisation, project=None, **fields):
    project = project or make_project(organisation)
    defaults = {"title": "Opstart", **fields}
    return AlignmentRound.objects.create(organisation=organisation, project=project, **defaults)


def answer(alignment_round, group="citizen", rating=2, goals="", **ratings):
    values = dict.fromkeys(GAIN_CODES, rating)
    values.update(ratings)
    return record_response(
        alignment_round,
        actor_group=group,
        ratings=values,
        own_goals=goals,
        source=ResponseSource.LINK,
    )


def form_data(group="citizen", rating="2", goals="", **overrides):
    data = {"actor_group": group, "own_goals": goals}
    data.update({f"gain_{code}": rating for code in GAIN_CODES})
    data.update(overrides)
    return data
