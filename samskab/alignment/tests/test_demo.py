from __future__ import annotations

from samskab.actors.models import Actor
from samskab.alignment import demo
from samskab.alignment.models import AlignmentResponse, AlignmentRound
from samskab.alignment.services import results
from samskab.testing import make_project


def test_demo_is_idempotent_and_plausible(world):
    project = make_project(world.org_a)
    gardener = Actor.objects.create(
        organisation=world.org_a,
        project=project,
        name="Kommunens gartnere",
        kind="organisation",
        sector="public",
        role="employee",
        influence=4,
        interest=4,
    )
    demo.load(project)
    demo.load(project)
    assert AlignmentRound.objects.count() == 1
    assert AlignmentResponse.objects.count() == 25
    assert AlignmentResponse.objects.filter(actor=gardener).count() == 1
    summary = results(AlignmentRound.objects.get()).summary
    assert summary.hidden_groups  # politicians, managers and users are fewer than 5
    gains = {gain.gain: gain for gain in summary.gains}
    employees = {g.group: g for g in gains["employee_wellbeing"].groups}
    hoped, other = (employees[g].distribution.median for g in ("employee", "citizen"))
    assert hoped is not None and other is not None and hoped > other
    gap = summary.by_divergence()[0].group_gap
    assert gap is not None and gap >= 2
