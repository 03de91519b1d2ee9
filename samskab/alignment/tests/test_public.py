"""The public answer link: anonymous, mobile-first, and careful with what it stores."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.alignment.content import GAIN_CODES
from samskab.alignment.models import AlignmentResponse, GainRating
from samskab.alignment.tests.factories import form_data, make_round


@pytest.fixture
def alignment_round(world):
    return make_round(world.org_a, title="Opstartsworkshop")


def _url(alignment_round):
    return reverse("alignment:public", kwargs={"token": alignment_round.token})


def test_form_opens_without_login_in_danish(client, alignment_round):
    response = client.get(_url(alignment_round))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Opstartsworkshop" in content
    assert content.count("<fieldset") == 1 + len(GAIN_CODES)
    assert content.count("<legend>") == 1 + len(GAIN_CODES)
    assert "Kilde: Manifest for National Bevægelse for Samskabelse, 2017" in content
    assert "Tilgængelighedserklæring" in content  # the footer link from base.html
    assert 'name="language"' in content  # the language switcher


def test_anonymous_answer_is_stored_without_identifying_data(client, alignment_round):
    data = form_data(
        group="volunteer_organisation",
        rating="3",
        goals="  Et fællesskab omkring bedene.  ",
        gain_political_leadership="dk",
        gain_stronger_community="4",
    )
    response = client.post(
        _url(alignment_round),
        data,
        HTTP_USER_AGENT="Mozilla/5.0 (Test)",
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "alignment:thanks", kwargs={"token": alignment_round.token}
    )
    answer = AlignmentResponse.objects.get()
    assert answer.source == "link"
    assert answer.actor is None
    assert answer.actor_group == "volunteer_organisation"
    assert answer.own_goals == "Et fællesskab omkring bedene."
    ratings = dict(GainRating.objects.values_list("gain", "rating"))
    assert ratings["political_leadership"] is None
    assert ratings["stronger_community"] == 4
    assert ratings["synergy"] == 3
    assert len(ratings) == len(GAIN_CODES)
    # Nothing about the visitor is kept, in any column.
    stored = " ".join(str(value) for value in AlignmentResponse.objects.values().get().values())
    assert "203.0.113.7" not in stored and "Mozilla" not in stored
    assert {f.name for f in AlignmentResponse._meta.get_fields()} >= {"actor_group", "own_goals"}
    assert not any(
        name in {f.name for f in AlignmentResponse._meta.get_fields()}
        for name in ("ip", "ip_address", "user_agent", "user", "session")
    )
    thanks = client.get(response["Location"])
    assert "Tak for dit svar" in thanks.content.decode()


def test_invalid_answer_explains_in_danish_and_keeps_choices(client, alignment_round):
    data = form_data(group="", rating="3", goals="Mine mål")
    del data["gain_synergy"]
    data["gain_faster_solutions"] = "7"
    response = client.post(_url(alignment_round), data)
    assert response.status_code == 422
    content = response.content.decode()
    assert "Vælg den gruppe, du tilhører i projektet." in content
    assert "Vælg, hvor meget du håber på “Synergi mellem ressourcer”" in content
    assert "Vælg et af de viste svar for “En kortere vej til løsninger”." in content
    # What was chosen is still chosen, and the goals are still there.
    chosen = 'id="id_gain_democratic_participation_3" value="3" checked'
    assert chosen in content
    assert "Mine mål" in content
    assert 'role="alert"' in content
    assert 'aria-invalid="true"' in content
    assert AlignmentResponse.objects.count() == 0


def test_too_long_goals_are_refused(client, alignment_round):
    response = client.post(_url(alignment_round), form_data(goals="x" * 2001))
    assert response.status_code == 422
    assert "højst 2000 tegn" in response.content.decode()


def test_closed_round_shows_a_clear_page_and_stores_nothing(client, alignment_round):
    alignment_round.is_open = False
    alignment_round.save()
    response = client.get(_url(alignment_round))
    assert response.status_code == 200
    assert "Runden er lukket" in response.content.decode()
    assert '<form method="post" novalidate' not in response.content.decode()
    response = client.post(_url(alignment_round), form_data())
    assert response.status_code == 409
    assert "Runden er lukket" in response.content.decode()
    assert AlignmentResponse.objects.count() == 0


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("alignment:public", kwargs={"token": "nope"})).status_code == 404
    assert client.get(reverse("alignment:thanks", kwargs={"token": "nope"})).status_code == 404


def test_english_page(client, alignment_round):
    response = client.get(_url(alignment_round), HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    response = client.get(_url(alignment_round))
    assert "Your hopes for the project" in response.content.decode()


def test_tokens_are_unguessable_and_unique(world):
    first, second = make_round(world.org_a), make_round(world.org_a)
    assert first.token != second.token
    assert len(first.token) >= 32
