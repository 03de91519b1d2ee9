from __future__ import annotations

from django.urls import reverse

from samskab.actors.panel import actors_panel
from samskab.actors.tests.factories import make_actor


def test_panel_counts_per_sector(project):
    make_actor(project=project, sector="public")
    make_actor(project=project, sector="public")
    make_actor(project=project, sector="citizen")
    panel = actors_panel(project)
    assert panel["count"] == 3
    assert [(row["value"], row["count"]) for row in panel["by_sector"]] == [
        ("public", 2),
        ("citizen", 1),
    ]


def test_project_overview_shows_the_card_and_tabs(facilitator, world, project):
    make_actor(project=project)
    response = facilitator.get(
        reverse("projects:detail", kwargs={"org": world.org_a.slug, "pk": project.pk})
    )
    content = response.content.decode()
    assert 'id="actors-panel-heading"' in content
    assert "1 nøgleaktør" in content
    assert reverse("actors:map", kwargs={"org": world.org_a.slug, "project": project.pk}) in (
        content
    )
    assert "Interessentkort" in content
