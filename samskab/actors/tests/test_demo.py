from __future__ import annotations

from samskab.actors import demo
from samskab.actors.models import Actor, ActorInvolvement
from samskab.projects.choices import Sector


def test_demo_loads_twice_without_duplicates(project):
    demo.load(project)
    counts = (Actor.objects.count(), ActorInvolvement.objects.count())
    demo.load(project)
    assert (Actor.objects.count(), ActorInvolvement.objects.count()) == counts
    assert 8 <= counts[0] <= 10
    assert set(Actor.objects.values_list("sector", flat=True)) == {s.value for s in Sector}
    assert not Actor.objects.exclude(organisation=project.organisation).exists()
    assert Actor.objects.get(name="Parkens Venner").involvements.filter(level="leading").exists()
