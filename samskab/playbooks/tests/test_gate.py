"""Publishing is refused, with the reason, when a quote, a view or a text would disclose."""

from __future__ import annotations

import pytest

from samskab.explorer.models import SavedView
from samskab.instruments.models import Story
from samskab.playbooks import gate, services
from samskab.playbooks.models import PlaybookQuote, PlaybookVersion
from samskab.playbooks.sections import SectionKey

pytestmark = pytest.mark.django_db


def test_a_clean_draft_passes(playbook):
    assert gate.check(playbook, "da").problems == []


def test_quoting_a_small_group_or_an_unmasked_detail_is_refused_with_the_reason(
    playbook, world, collection
):
    small = Story.objects.filter(collection=collection, level="organisation").earliest("id")
    with pytest.raises(services.QuoteRefused) as refused:
        services.add_quote(playbook, small, "Foreningen gav os frø.", "", world.dina)
    assert refused.value.reasons == ["story_left_out"]
    assert "for lille" in str(refused.value.message) or "too small" in str(refused.value.message)
    story = Story.objects.filter(collection=collection, level="employee").earliest("id")
    with pytest.raises(services.QuoteRefused) as detail:
        services.add_quote(playbook, story, "Ring til Jens Hansen på 20 30 40 50", "", world.dina)
    assert detail.value.reasons == ["quote_not_in_story", "personal_data"]
    assert not playbook.quotes.exists()


def test_publishing_a_draft_that_quotes_a_small_group_and_a_personal_detail_is_refused(
    playbook, world, collection
):
    small = Story.objects.filter(collection=collection, level="organisation").earliest("id")
    # An old quote (rules may have tightened since it was added): the gate checks again.
    PlaybookQuote.objects.create(
        organisation=world.org_a, playbook=playbook, story=small, text="Foreningen gav os frø."
    )
    section = playbook.sections.get(key=SectionKey.LEARNING)
    services.save_section(
        section,
        text="Ring til Jens på 20 30 40 50 eller jens@example.dk.",
        included=True,
        user=None,
    )
    with pytest.raises(services.PublishRefused) as refused:
        services.request_build(playbook, world.dina, publish=True, language="da")
    problems = refused.value.check.blocking
    assert {(p.where, p.ident) for p in problems} == {
        ("quote", str(playbook.quotes.get().pk)),
        ("section", "learning"),
    }
    words = " ".join(r for p in problems for r in p.reasons)
    assert "telefonnummer" in words or "phone number" in words
    assert not PlaybookVersion.objects.exists()


def test_a_saved_view_with_an_exact_filter_blocks_publishing(playbook, world, collection):
    view = SavedView.objects.create(
        organisation=world.org_a, collection=collection, title="Præcist", query="min_decided=33"
    )
    services.set_saved_views(playbook, [view])
    check = gate.check(playbook, "da")
    assert [(p.where, p.label) for p in check.blocking] == [("view", "Præcist")]


def test_a_name_in_a_text_is_a_warning_not_a_refusal(playbook):
    section = playbook.sections.get(key=SectionKey.SUMMARY)
    services.save_section(
        section, text="Tak til Mette Hansen for et godt samarbejde.", included=True, user=None
    )
    check = gate.check(playbook, "da")
    assert check.ok and [p.ident for p in check.warnings] == ["summary"]
    assert "Mette Hansen" in check.warnings[0].reasons[0]


def test_a_left_out_section_is_not_checked(playbook):
    section = playbook.sections.get(key=SectionKey.SUMMARY)
    services.save_section(section, text="CPR 010203-1234", included=False, user=None)
    assert gate.check(playbook, "da").ok
