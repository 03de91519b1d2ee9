"""Qualitative evidence: adding each kind, validation that keeps what was typed, stories only from
this project, what a viewer may see, filters, deleting, and the read helpers."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.assessments.content import INGREDIENT_CODES
from samskab.instruments.tests.test_views_support import (
    make_collection,
    make_instrument,
    make_story,
)
from samskab.measurement.models import Attachment, Evidence, MscRound
from samskab.measurement.services import evidence as services
from samskab.measurement.tests.browser import PHONE, log_in
from samskab.measurement.tests.factories import make_evidence, make_goal
from samskab.measurement.tests.test_attachments import HTML, PDF
from samskab.organisations.models import AuditEntry
from samskab.testing import make_project

pytestmark = pytest.mark.django_db

MASKED = "Jeg fik hjælp af [navn] til at plante bede, og nu kommer naboerne."
RAW = "Jeg fik hjælp af Grethe Nielsen til at plante bede, og nu kommer naboerne."


@pytest.fixture
def en(client):
    # Assertions on our own wording read the English msgids, whatever the Danish catalogue says.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _url(name, project, **kwargs):
    return reverse(name, kwargs={"org": project.organisation.slug, "project": project.pk, **kwargs})


def _project_story(world, project, org=None, **fields):
    instrument = make_instrument(world, org=org or project.organisation)
    instrument.project = project
    instrument.save()
    collection = make_collection(instrument, name="Haven om foråret")
    return make_story(collection, text=MASKED, text_raw=RAW, level="volunteer_citizen", **fields)


def _post(client, project, **data):
    payload = {"why": "Viser hvad der ændrede sig.", "title": "Bevis", **data}
    return client.post(_url("measurement:evidence_create", project), payload)


# --- Adding -----------------------------------------------------------------------------------


def test_add_a_quote_with_goal_and_tags_and_it_is_audited(client, world):
    project = make_project(world.org_a)
    goal = make_goal(project)
    client.force_login(world.erik)
    response = _post(
        client,
        project,
        kind="quote",
        title="Citat fra workshop 2",
        goal=goal.pk,
        text="Nu ved vi, hvem vi skal ringe til.",
        levels=["employee", "organisation"],
        value_kinds=["collective"],
        ingredients=[INGREDIENT_CODES[1]],
        why="Samarbejdet er blevet lettere.",
    )
    assert response.status_code == 302
    assert response["Location"] == _url("measurement:evidence", project)
    evidence = Evidence.objects.get()
    assert (evidence.kind, evidence.goal, evidence.added_by) == ("quote", goal, world.erik)
    assert evidence.text == "Nu ved vi, hvem vi skal ringe til."
    assert evidence.levels == ["employee", "organisation"]
    assert evidence.value_kinds == ["collective"] and evidence.ingredients == [INGREDIENT_CODES[1]]
    assert AuditEntry.objects.filter(
        organisation=world.org_a, action="measurement.created", target="Citat fra workshop 2"
    ).exists()


@pytest.mark.parametrize(
    ("kind", "field", "message"),
    [
        ("quote", "text", "Write the quote."),
        ("interview", "text", "Write the interview notes."),
        ("story", "story", "Give the number of the story."),
        ("document", "document", "Choose the document to upload."),
        ("msc", "msc_round", "Choose the Most Significant Change round."),
    ],
)
def test_each_kind_needs_its_part_and_what_was_typed_is_kept(en, world, kind, field, message):
    project = make_project(world.org_a)
    en.force_login(world.dina)
    response = _post(en, project, kind=kind, title="Min titel", why="Min begrundelse")
    assert response.status_code == 422
    content = response.content.decode()
    assert f'id="id_{field}_error"' in content and message in content
    assert 'value="Min titel"' in content and "Min begrundelse</textarea>" in content
    assert re.search(rf'<input type="radio" name="kind" value="{kind}"[^>]*checked', content)
    assert not Evidence.objects.exists()


def test_why_is_required(en, world):
    project = make_project(world.org_a)
    en.force_login(world.dina)
    response = _post(en, project, kind="quote", text="Et citat", why="")
    assert response.status_code == 422
    assert "Say why this evidence matters: what does it show?" in response.content.decode()
    assert "Et citat</textarea>" in response.content.decode()


def test_a_good_file_must_be_chosen_again_after_another_error(en, world):
    project = make_project(world.org_a)
    en.force_login(world.erik)
    document = SimpleUploadedFile("referat.pdf", PDF, content_type="application/pdf")
    response = _post(en, project, kind="document", title="", document=document)
    assert response.status_code == 422
    content = response.content.decode()
    assert "Give the evidence a short title." in content
    assert "Choose the file again" in content
    assert not Attachment.objects.exists() and not Evidence.objects.exists()


def test_a_refused_upload_is_shown_beside_the_field(en, world):
    project = make_project(world.org_a)
    en.force_login(world.erik)
    document = SimpleUploadedFile("rapport.pdf", HTML, content_type="application/pdf")
    response = _post(en, project, kind="document", document=document)
    assert response.status_code == 422
    content = response.content.decode()
    errors = content[content.index('id="id_document_error"') :][:600]
    assert "web page code" in errors and "PDF" in errors
    assert not Attachment.objects.exists() and not Evidence.objects.exists()


def test_an_empty_file_is_refused(en, world):
    project = make_project(world.org_a)
    en.force_login(world.erik)
    document = SimpleUploadedFile("tom.pdf", b"", content_type="application/pdf")
    response = _post(en, project, kind="document", document=document)
    assert response.status_code == 422
    assert "The file is empty. Choose a file with content." in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_stray_file_or_story_number_of_another_kind_is_ignored(client, world):
    project = make_project(world.org_a)
    client.force_login(world.erik)
    stray = SimpleUploadedFile("side.html", HTML, content_type="text/html")
    response = _post(client, project, kind="quote", text="Citat", document=stray, story=999999)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.attachment is None and evidence.story is None
    assert not Attachment.objects.exists()


def test_a_story_of_this_project_is_linked_and_gives_its_level(client, world):
    project = make_project(world.org_a)
    story = _project_story(world, project)
    client.force_login(world.erik)
    response = _post(client, project, kind="story", story=story.pk, text="ignored")
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.story == story and evidence.text == ""
    assert evidence.levels == ["volunteer_citizen"]


def test_a_story_of_another_organisation_or_project_is_refused(en, world):
    project = make_project(world.org_a)
    foreign = _project_story(world, make_project(world.org_b), org=world.org_b)
    other_project = _project_story(world, make_project(world.org_a, title="Anden"))
    unlinked = make_story(make_collection(make_instrument(world), name="Uden projekt"))
    en.force_login(world.anna)
    for story in (foreign, other_project, unlinked):
        response = _post(en, project, kind="story", story=story.pk)
        assert response.status_code == 422
        content = response.content.decode()
        assert "There is no story with this number in the collections of this project." in content
        assert RAW not in content and MASKED not in content
    assert not Evidence.objects.exists()
    with pytest.raises(services.EvidenceError):
        services.add_evidence(
            project, services.NewEvidence("story", "t", "w", story=other_project), world.anna
        )


def test_the_story_list_can_link_here_with_the_story_number(en, world):
    project = make_project(world.org_a)
    story = _project_story(world, project)
    goal = make_goal(project)
    en.force_login(world.erik)
    url = _url("measurement:evidence_create", project)
    response = en.get(f"{url}?story={story.pk}&goal={goal.pk}")
    assert response.status_code == 200
    content = response.content.decode()
    assert f'name="story" value="{story.pk}"' in content
    assert re.search(r'<input type="radio" name="kind" value="story"[^>]*checked', content)
    assert re.search(rf'<option value="{goal.pk}" selected>', content)
    assert MASKED in content and RAW not in content  # the masked preview
    # a story from elsewhere is not previewed
    foreign = _project_story(world, make_project(world.org_b), org=world.org_b)
    assert MASKED not in en.get(f"{url}?story={foreign.pk}").content.decode()


def test_an_msc_round_of_the_project_is_linked(client, world):
    project = make_project(world.org_a)
    story = _project_story(world, project)
    msc_round = MscRound.objects.create(
        organisation=world.org_a,
        project=project,
        collection=story.collection,
        title="Runde 1",
        question="Hvilken historie viser den vigtigste forandring?",
    )
    client.force_login(world.dina)
    assert _post(client, project, kind="msc", msc_round=msc_round.pk).status_code == 302
    assert Evidence.objects.get().msc_round == msc_round


# --- Reading ----------------------------------------------------------------------------------


def test_a_viewer_never_sees_a_story_text_but_an_analyst_sees_it_masked(en, world):
    project = make_project(world.org_a)
    story = _project_story(world, project)
    make_evidence(
        project, kind="story", title="Naboerne kommer", text="", story=story, why="Nye relationer."
    )
    make_evidence(project, kind="quote", title="Citat", text="Vi taler sammen nu.", why="Tillid.")
    url = _url("measurement:evidence", project)

    en.force_login(world.bo)
    viewer = en.get(url).content.decode()
    assert MASKED not in viewer and RAW not in viewer
    assert "A story from Haven om foråret." in viewer and "Nye relationer." in viewer
    assert "Vi taler sammen nu." in viewer  # quotes are written by staff, shown to every reader

    en.force_login(world.erik)
    analyst = en.get(url).content.decode()
    assert MASKED in analyst and RAW not in analyst
    assert "A story from Haven om foråret." not in analyst


def test_a_document_shows_a_download_link_with_name_type_and_size(en, world):
    project = make_project(world.org_a)
    en.force_login(world.erik)
    document = SimpleUploadedFile("Referat.pdf", PDF, content_type="application/pdf")
    assert _post(en, project, kind="document", document=document).status_code == 302
    attachment = Attachment.objects.get()
    content = en.get(_url("measurement:evidence", project)).content.decode()
    assert _url("measurement:attachment", project, pk=attachment.pk) in content
    assert "Referat.pdf" in content and "PDF document" in content and f"{len(PDF)}" in content


def _titles(client, project, query=""):
    content = client.get(_url("measurement:evidence", project) + query).content.decode()
    return set(re.findall(r'<h3 id="evidence-\d+" class="card-title">([^<]*)</h3>', content))


def test_filters_return_the_right_items(client, world):
    project = make_project(world.org_a)
    goal_a, goal_b = make_goal(project, title="Mål A"), make_goal(project, title="Mål B")
    first, second = INGREDIENT_CODES[0], INGREDIENT_CODES[4]
    make_evidence(
        project,
        title="E1",
        goal=goal_a,
        levels=["user"],
        value_kinds=["personal"],
        ingredients=[first],
    )
    make_evidence(
        project,
        title="E2",
        goal=goal_b,
        kind="interview",
        levels=["user", "employee"],
        value_kinds=["societal"],
        ingredients=[first, second],
    )
    make_evidence(project, title="E3", kind="interview", levels=["organisation"])
    make_evidence(make_project(world.org_a, title="Anden"), title="Fremmed", levels=["user"])
    client.force_login(world.bo)
    assert _titles(client, project) == {"E1", "E2", "E3"}
    assert _titles(client, project, f"?goal={goal_a.pk}") == {"E1"}
    assert _titles(client, project, "?level=user") == {"E1", "E2"}
    assert _titles(client, project, "?level=employee") == {"E2"}
    assert _titles(client, project, "?value_kind=societal") == {"E2"}
    assert _titles(client, project, f"?ingredient={first}") == {"E1", "E2"}
    assert _titles(client, project, f"?ingredient={second}") == {"E2"}
    assert _titles(client, project, "?kind=interview") == {"E2", "E3"}
    assert _titles(client, project, "?kind=interview&level=user") == {"E2"}
    assert _titles(client, project, "?level=volunteer_citizen") == set()
    # an unknown value is ignored rather than failing the page
    assert _titles(client, project, "?level=nonsense&kind=quote") == {"E1"}


# --- Deleting ---------------------------------------------------------------------------------


def test_delete_is_audited_and_removes_the_unused_document(client, world):
    project = make_project(world.org_a)
    client.force_login(world.erik)
    document = SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf")
    assert (
        _post(client, project, kind="document", title="Bilag", document=document).status_code == 302
    )
    evidence = Evidence.objects.get()
    response = client.post(_url("measurement:evidence_delete", project, pk=evidence.pk))
    assert response.status_code == 302
    assert response["Location"] == _url("measurement:evidence", project)
    assert not Evidence.objects.exists() and not Attachment.objects.exists()
    assert AuditEntry.objects.filter(
        organisation=world.org_a, action="measurement.deleted", target="Bilag", actor=world.erik
    ).exists()
    assert AuditEntry.objects.filter(action="measurement.deleted", target="r.pdf").exists()


def test_delete_only_by_post_and_only_in_this_project(client, world):
    project, other = make_project(world.org_a), make_project(world.org_a, title="Anden")
    evidence = make_evidence(other)
    client.force_login(world.anna)
    assert client.get(_url("measurement:evidence_delete", other, pk=evidence.pk)).status_code == 405
    assert (
        client.post(_url("measurement:evidence_delete", project, pk=evidence.pk)).status_code == 404
    )
    assert Evidence.objects.filter(pk=evidence.pk).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anna", 302), ("dina", 302), ("erik", 302), ("bo", 403), ("pia", 403), ("carl", 404)],
)
def test_delete_permissions_per_persona(client, world, persona, status):
    project = make_project(world.org_a)
    evidence = make_evidence(project)
    client.force_login(world.users[persona])
    assert (
        client.post(_url("measurement:evidence_delete", project, pk=evidence.pk)).status_code
        == status
    )
    assert Evidence.objects.filter(pk=evidence.pk).exists() == (status != 302)


# --- Read helpers -----------------------------------------------------------------------------


def test_grouping_helpers_give_every_key(world):
    project = make_project(world.org_a)
    both = make_evidence(
        project,
        title="Begge",
        levels=["user", "employee"],
        value_kinds=["personal"],
        ingredients=[INGREDIENT_CODES[2]],
    )
    make_evidence(make_project(world.org_a, title="Anden"), levels=["user"])
    levels = services.by_level(project)
    assert set(levels) == {"user", "employee", "volunteer_citizen", "organisation"}
    assert levels["user"] == [both] and levels["employee"] == [both]
    assert levels["organisation"] == []
    kinds = services.by_value_kind(project)
    assert set(kinds) == {"personal", "collective", "societal"} and kinds["personal"] == [both]
    ingredients = services.by_ingredient(project)
    assert list(ingredients) == INGREDIENT_CODES and ingredients[INGREDIENT_CODES[2]] == [both]


def test_evidence_for_needs_the_same_queries_for_few_and_many(world):
    project = make_project(world.org_a)
    goal = make_goal(project)

    def add(n):
        for i in range(n):
            story = _project_story(world, project)
            make_evidence(project, title=f"S{i}", kind="story", story=story, goal=goal)
            make_evidence(project, title=f"Q{i}", goal=goal, added_by=world.erik)

    def count():
        with CaptureQueriesContext(connection) as queries:
            for item in services.evidence_for(project):
                services.shown(item, True)
                str(item.goal) + str(item.added_by) + str(item.attachment)
        return len(queries)

    add(1)
    few = count()
    add(4)
    assert count() == few


def test_shown_hides_a_story_from_a_viewer_only(world):
    project = make_project(world.org_a)
    story = _project_story(world, project)
    evidence = make_evidence(project, kind="story", text="", story=story, levels=["user"])
    evidence = services.evidence_for(project)[0]
    assert not services.story_evidence_visible(evidence, may_read_stories=False)
    assert services.story_evidence_visible(evidence, may_read_stories=True)
    for_viewer = services.shown(evidence, may_read_stories=False)
    assert for_viewer.text == "" and for_viewer.story_hidden and for_viewer.story_level == ""
    assert for_viewer.collection == "Haven om foråret"
    for_analyst = services.shown(evidence, may_read_stories=True)
    assert for_analyst.text == MASKED and not for_analyst.story_hidden
    quote = make_evidence(project, text="Citat")
    assert services.story_evidence_visible(quote, may_read_stories=False)


# --- In a browser -----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_list_for_a_viewer_and_a_rejected_upload_pass_axe(page, live_server, world, viewport):
    from conftest import describe_violations, run_axe

    if viewport:
        page.set_viewport_size(viewport)
    project = make_project(world.org_a)
    story = _project_story(world, project)
    make_evidence(project, kind="story", title="Naboerne", text="", story=story, levels=["user"])
    stored = Attachment.objects.create(
        organisation=world.org_a,
        project=project,
        name="referat.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
        data=PDF,
    )
    make_evidence(project, kind="document", title="Referat", text="", attachment=stored)

    log_in(page, live_server, world.bo)
    page.goto(live_server.url + _url("measurement:evidence", project) + "?level=user")
    assert "Naboerne" in page.content() and MASKED not in page.content()
    violations = run_axe(page)
    assert not violations, describe_violations(violations)

    log_in(page, live_server, world.erik)
    page.goto(live_server.url + _url("measurement:evidence_create", project))
    page.check("#id_kind_3")  # a document
    page.set_input_files(
        "#id_document", files=[{"name": "r.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.fill("#id_why", "Aftalen står sort på hvidt.")
    page.locator("form.evidence-form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert page.input_value("#id_why") == "Aftalen står sort på hvidt."
    assert page.is_checked("#id_kind_3")
    assert page.locator("#id_document_error").count() == 1  # choose the file again
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
