"""The record becomes a document: generated parts are structure and data only, people's texts
are the only interpretation, empty sections are marked or left out, and every figure from
stories is a published one (perturbed, nothing below k, gated quotes)."""

from __future__ import annotations

import re

import pytest

from samskab.explorer.models import Observation, SavedView
from samskab.instruments.models import Story
from samskab.playbooks import services
from samskab.playbooks.assemble import assemble
from samskab.playbooks.assemble.draft import draft_of
from samskab.playbooks.document import Figure, Markdown, Quote, section_text
from samskab.playbooks.models import EmptySections, PlaybookQuote, PlaybookSection
from samskab.playbooks.sections import ORDER, SectionKey

pytestmark = pytest.mark.django_db


def _build(playbook):
    playbook.refresh_from_db()
    return assemble(playbook, draft_of(playbook), language="da", version="Kladde")


def _number(pattern, text):
    found = re.search(pattern, text)
    assert found is not None, text
    return int(found.group(1))


def _by_key(document):
    return {s.key: s for s in document.sections}


def test_marked_empty_sections_carry_their_prompt_and_no_invented_text(playbook):
    document = _build(playbook)
    sections = _by_key(document)
    assert list(sections) == ORDER  # marking is the default: every section is there
    for section in document.sections:
        assert section.empty and section.prompt  # nobody has written anything yet
        assert not any(isinstance(b, Markdown) for b in section.blocks)
    assert sections["reflections"].blocks == ()  # nothing in the record to say for people
    assert [s.number for s in document.sections] == list(range(1, 11))


def test_left_out_empty_sections_keep_the_data_but_drop_sections_with_nothing(playbook):
    playbook.empty_sections = EmptySections.LEAVE_OUT
    playbook.save()
    sections = _by_key(_build(playbook))
    assert "reflections" not in sections and "alignment" not in sections  # nothing at all
    assert not any(s.empty or s.prompt for s in sections.values())
    assert "Opstartsworkshop i pavillonen" in section_text(sections["process"])


def test_a_written_section_comes_first_then_the_record(playbook, world):
    section = playbook.sections.get(key=SectionKey.PROCESS)
    services.save_section(
        section, text="### Sådan gør I\n\nBegynd i tide.", included=True, user=world.dina
    )
    process = _by_key(_build(playbook))["process"]
    assert not process.empty and not process.prompt
    assert process.blocks[0] == Markdown("### Sådan gør I\n\nBegynd i tide.")
    text = section_text(process)
    assert "Trin 1: Opstartsworkshop i pavillonen" in text or "Step 1: Opstartsworkshop" in text
    assert "Tre idéer valgt." in text


def test_sections_follow_the_facilitators_order_and_choice(playbook, world):
    results = playbook.sections.get(key=SectionKey.RESULTS)
    services.move_section(results, -1)
    services.move_section(results, -1)
    PlaybookSection.objects.filter(playbook=playbook, key=SectionKey.APPENDIX).update(
        included=False
    )
    keys = [s.key for s in _build(playbook).sections]
    assert "appendix" not in keys
    assert keys.index("results") == ORDER.index("results") - 2


def test_persons_are_named_only_by_role_and_organisations_by_name(playbook):
    participants = section_text(_by_key(_build(playbook))["participants"])
    assert "Foreningen Grønne Fingre" in participants
    assert "Hanne Gartner" not in participants


def test_every_figure_has_a_text_alternative_and_a_standalone_svg(playbook):
    figures = _build(playbook).figures()
    assert len(figures) >= 3  # stakeholder map, participation, the indicator
    for figure in figures:
        assert figure.alt.strip() and figure.title.strip()
        assert figure.svg.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in figure.svg
        assert "<script" not in figure.svg
    assert len({f.ident for f in figures}) == len(figures)


def test_story_counts_are_the_published_ones_never_exact(playbook, world, collection):
    view = SavedView.objects.create(
        organisation=world.org_a,
        collection=collection,
        title="Medarbejderne",
        query="level=employee",
        signifier="drivers",
    )
    Observation.objects.create(
        organisation=world.org_a, saved_view=view, text="De peger på reglerne."
    )
    services.set_saved_views(playbook, [view])
    document = _build(playbook)
    summary = section_text(_by_key(document)["summary"])
    total = _number(r"omkring (\d+) fortællinger", summary)
    assert abs(total - 70) <= 2  # 74 stories, 4 of them in a group too small: left out
    results = _by_key(document)["results"]
    text = section_text(results)
    shown = _number(r"omkring (\d+) fortællinger i udsnittet", text)
    assert abs(shown - 40) <= 2
    assert "flyttet en smule" in text or "moved slightly" in text  # the perturbation is said
    assert Quote("De peger på reglerne.", "Observation fra explorer") in results.blocks or any(
        isinstance(b, Quote) and b.text == "De peger på reglerne." for b in results.blocks
    )
    view_figures = [b for b in results.blocks if isinstance(b, Figure) and "view" in b.ident]
    assert len(view_figures) == 1 and view_figures[0].table is not None


def test_a_quote_the_gate_refuses_never_reaches_the_document(playbook, world, collection):
    small = Story.objects.filter(collection=collection, level="organisation").earliest("id")
    # Planted past the service (which would refuse it), as an old draft might hold it.
    PlaybookQuote.objects.create(
        organisation=world.org_a, playbook=playbook, story=small, text="Foreningen gav os frø."
    )
    ok = Story.objects.filter(collection=collection, level="employee").earliest("id")
    services.add_quote(
        playbook, ok, "plantede bede ved skolen", "Typisk for medarbejderne", world.dina
    )
    quotes = [b for s in _build(playbook).sections for b in s.blocks if isinstance(b, Quote)]
    assert [q.text for q in quotes] == ["plantede bede ved skolen"]
    assert "Typisk for medarbejderne" in quotes[0].source


@pytest.mark.parametrize("occasions", [2, 3])
def test_the_self_assessment_shows_first_against_latest_and_every_occasion(playbook, occasions):
    import datetime

    from samskab.assessments.content import RULES_OF_THUMB
    from samskab.assessments.services import AssessmentData, save_assessment

    code = RULES_OF_THUMB[0].code
    for i in range(occasions):
        data = AssessmentData(
            datetime.date(2026, 3 + 3 * i, 1), f"Gang {i + 1}", "", {code: (2 + i, "")}
        )
        save_assessment(playbook.project, data, None)
    rules = _by_key(_build(playbook))["rules"]
    figures = [b for b in rules.blocks if isinstance(b, Figure)]
    assert len(figures) == 1 and figures[0].table is not None
    assert figures[0].table.rows[0][1:3] == ("2", str(2 + occasions - 1))
    tables = [b for b in rules.blocks if type(b).__name__ == "Table"]
    # Two occasions: the chart's table already holds both; three: every occasion's scores.
    assert len(tables) == (0 if occasions == 2 else 1)
    assert "Teamet vurderede sig selv" in section_text(rules)
