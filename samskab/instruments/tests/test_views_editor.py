"""The instrument editor: a structured form, add/remove/move without JavaScript, live preview."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.instruments import services
from samskab.instruments.answers import CleanStory
from samskab.instruments.definition import SingleChoice, Triad
from samskab.instruments.models import InstrumentVersion, StorySource
from samskab.instruments.samples import sample_definition
from samskab.instruments.tests.test_views_support import form_data, make_collection, make_instrument

pytestmark = pytest.mark.django_db


@pytest.fixture
def dina(client, world):
    client.force_login(world.dina)
    return client


@pytest.fixture
def instrument(world):
    return make_instrument(world)


def _edit(instrument):
    return reverse("instruments:edit", kwargs={"org": "aarby", "pk": instrument.pk})


def _post(client, instrument, data, action):
    return client.post(_edit(instrument), {**data, "action": action})


def test_saving_the_form_unchanged_keeps_the_definition(dina, instrument):
    before = services.latest_version(instrument).definition
    response = _post(dina, instrument, form_data(dina.get(_edit(instrument))), "save")
    assert response.status_code == 302
    assert services.latest_version(instrument).definition == before
    assert InstrumentVersion.objects.filter(instrument=instrument).count() == 1


def test_round_trip_add_a_triad_move_it_remove_an_option_and_save(dina, instrument):
    page = _post(dina, instrument, form_data(dina.get(_edit(instrument))), "add-signifier:triad")
    assert page.status_code == 200
    content = page.content.decode()
    assert 'id="f-signifiers-8-title-da"' in content
    assert 'id="f-signifiers-8-title-da" rows="2"' not in content  # a one-line input
    assert "autofocus" in content.split('id="f-signifiers-8-title-da"')[1].split(">")[0]
    data = form_data(page)
    assert data["signifiers.8.id"] == "triad_9" and data["signifiers.8.type"] == "triad"
    data.update(
        {
            "signifiers.8.title.da": "Hvad bar samarbejdet?",
            "signifiers.8.title.en": "What carried the collaboration?",
            "signifiers.8.corners.0.label.da": "tillid",
            "signifiers.8.corners.1.label.da": "tid",
            "signifiers.8.corners.2.label.da": "penge",
        }
    )
    page = _post(dina, instrument, data, "up:signifiers.8")
    data = form_data(page)
    assert data["signifiers.7.id"] == "triad_9" and data["signifiers.8.id"] == "lesson"
    assert (
        'id="b-up-signifiers-7" class="button-small secondary" autofocus' in page.content.decode()
    )
    assert data["signifiers.5.options.3.id"] == "first"
    page = _post(dina, instrument, data, "remove:signifiers.5.options.3")
    data = form_data(page)
    assert "signifiers.5.options.3.id" not in data
    response = _post(dina, instrument, data, "save")
    assert response.status_code == 302
    definition = services.latest_version(instrument).parsed
    assert [s.id for s in definition.signifiers][-2:] == ["triad_9", "lesson"]
    triad = definition.signifier("triad_9")
    assert triad.title.en == "What carried the collaboration?"
    assert isinstance(triad, Triad)
    assert [c.label.da for c in triad.corners] == ["tillid", "tid", "penge"]
    frequency = definition.signifier("frequency")
    assert isinstance(frequency, SingleChoice)
    assert [o.id for o in frequency.options] == ["always", "sometimes", "rarely"]


def test_every_signifier_type_can_be_added_and_saved(dina, instrument):
    data = form_data(dina.get(_edit(instrument)))
    for kind in ("triad", "dyad", "stones", "single", "multi", "freetext"):
        data = form_data(_post(dina, instrument, data, f"add-signifier:{kind}"))
    for name in list(data):
        if name.startswith("signifiers.") and name.endswith(".da") and not data[name]:
            data[name] = "udfyldt"
    page = _post(dina, instrument, data, "add-item:signifiers.10.stones")
    data = form_data(page)
    data["signifiers.10.stones.1.label.da"] = "ny sten"
    assert _post(dina, instrument, data, "save").status_code == 302
    kinds = [s.type for s in services.latest_version(instrument).parsed.signifiers]
    assert kinds[-6:] == ["triad", "dyad", "stones", "single", "multi", "freetext"]


def test_problems_are_shown_at_their_inputs_and_nothing_is_lost(dina, instrument):
    data = form_data(dina.get(_edit(instrument)))
    data.update(
        {
            "title.da": "",
            "title.en": "Only English",
            "story_max_length": "tre tusind",
            "signifiers.1.id": "drivers",
            "signifiers.6.max_choices": "9",
        }
    )
    response = _post(dina, instrument, data, "save")
    content = response.content.decode()
    assert response.status_code == 422
    assert 'id="editor-problems" tabindex="-1" autofocus' in content
    title = content.split('id="f-title-da"')[1].split(">")[0]
    assert 'aria-invalid="true"' in title and 'aria-describedby="f-title-da-error"' in title
    assert '<ul class="field-errors" id="f-title-da-error"><li>Skal udfyldes.</li></ul>' in content
    assert 'value="tre tusind"' in content and "Skriv et helt tal." in content
    assert 'value="Only English"' in content
    assert "Mindsteantallet kan ikke være større end højesteantallet" in content
    assert '<a href="#f-title-da">Titel (dansk)</a>: Skal udfyldes.' in content
    assert services.latest_version(instrument).parsed == sample_definition()


def test_duplicate_ids_point_at_the_second_use(dina, instrument):
    data = form_data(dina.get(_edit(instrument)))
    data["signifiers.1.id"] = "drivers"
    content = _post(dina, instrument, data, "save").content.decode()
    assert 'id="f-signifiers-1-id-error"><li>Id’et “drivers” er brugt to gange' in content
    assert (
        '<a href="#f-signifiers-1-id">2. Triade: Det, der gjorde en forskel, var … › Id</a>'
        in content
    )


def test_empty_post_is_shown_with_problems_not_a_crash(dina, instrument):
    response = dina.post(_edit(instrument))
    assert response.status_code == 422
    assert "Skal udfyldes." in response.content.decode()


@pytest.mark.parametrize(
    "action",
    [
        "remove:signifiers.99",
        "up:prompts.0",
        "down:signifiers.7",
        "add-signifier:slider",
        "remove:title",
        "add-item:signifiers.0.corners",
        "move:signifiers.1",
        "add-item:nowhere",
    ],
)
def test_odd_actions_change_nothing(dina, instrument, action):
    data = form_data(dina.get(_edit(instrument)))
    response = _post(dina, instrument, data, action)
    assert response.status_code == 200
    assert form_data(response) == data


def test_prompts_can_be_added_and_removed_but_not_the_last(dina, world):
    instrument = make_instrument(world)
    data = form_data(dina.get(_edit(instrument)))
    data = form_data(_post(dina, instrument, data, "add-item:prompts"))
    assert data["prompts.2.id"] == "prompt_3"
    for index in (2, 1):
        data = form_data(_post(dina, instrument, data, f"remove:prompts.{index}"))
    page = _post(dina, instrument, data, "preview")
    assert 'value="remove:prompts.0"' not in page.content.decode()


def test_preview_button_renders_the_typed_text_without_javascript(dina, instrument):
    data = form_data(dina.get(_edit(instrument)))
    data["title.da"] = "Historier fra havnen"
    response = _post(dina, instrument, data, "preview")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h3 class="pv-title">Historier fra havnen</h3>' in content
    assert services.latest_version(instrument).parsed.title.da == "Fortællinger om samskabelse"


def test_preview_endpoint_returns_the_region_in_the_chosen_language(dina, instrument):
    data = form_data(dina.get(_edit(instrument)))
    data.update(
        {"title.en": "Stories from the harbour", "preview_language": "en", "prompts.0.text.da": ""}
    )
    url = reverse("instruments:preview", kwargs={"org": "aarby", "pk": instrument.pk})
    response = dina.post(url, data, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert '<div class="pv" lang="en">' in content and "Stories from the harbour" in content
    assert "Not applicable" in content  # the storyteller's words in the preview language
    assert "1 problem skal rettes" in content and 'href="#f-prompts-0-text-da"' in content


def test_editing_an_unfrozen_version_changes_it_in_place(dina, instrument):
    data = form_data(dina.get(_edit(instrument)))
    assert (
        "Ingen historie har besvaret version 1 endnu"
        in dina.get(_edit(instrument)).content.decode()
    )
    data["title.da"] = "Ny titel"
    response = _post(dina, instrument, data, "save")
    assert response.status_code == 302
    versions = InstrumentVersion.objects.filter(instrument=instrument)
    assert versions.count() == 1 and versions.get().parsed.title.da == "Ny titel"


def test_a_story_freezes_the_version_and_editing_makes_version_two(dina, instrument):
    collection = make_collection(instrument)
    version = services.latest_version(instrument)
    story, _code = services.submit_story(
        collection,
        version,
        CleanStory(
            prompt="moment", title="Bænken", text="Vi byggede en bænk.", level="user", answers={}
        ),
        StorySource.PUBLIC,
        "da",
    )
    page = dina.get(_edit(instrument))
    content = page.content.decode()
    assert "Version 1 har 1 historie; når du gemmer, oprettes version 2." in content
    assert "Gem som version 2" in content
    data = form_data(page)
    data["title.da"] = "Anden udgave"
    response = _post(dina, instrument, data, "save")
    assert response.status_code == 302
    follow = dina.get(response["Location"]).content.decode()
    assert "Gemt som version 2; version 1 beholder sine historier uændret." in follow
    story.refresh_from_db()
    assert (
        story.version.number == 1 and story.version.parsed.title.da == "Fortællinger om samskabelse"
    )
    assert services.latest_version(instrument).number == 2
    assert services.latest_version(instrument).parsed.title.da == "Anden udgave"
