from __future__ import annotations

from samskab.actors.models import Actor, ActorInvolvement


def test_delete_removes_actor_and_involvements(facilitator, url, actor):
    response = facilitator.post(url("delete", pk=actor.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("list")
    assert "“Parkens Venner” blev fjernet fra projektet." in response.content.decode()
    assert not Actor.objects.exists()
    assert not ActorInvolvement.objects.exists()


def test_delete_needs_post(facilitator, url, actor):
    assert facilitator.get(url("delete", pk=actor.pk)).status_code == 405
    assert Actor.objects.exists()


def test_delete_of_missing_actor_is_404(facilitator, url):
    assert facilitator.post(url("delete", pk=999)).status_code == 404
