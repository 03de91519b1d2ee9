"""Most Significant Change rounds: the shortlist, members' and participants' choices, the result
with its disagreements, disclosure, closing, and the anonymous link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samskab.capture import ratelimit
from samskab.instruments.tests.test_views_support import make_story
from samskab.measurement.models import MscCandidate, MscRound, MscVote
from samskab.measurement.models.msc import VoteSource
from samskab.measurement.services import msc
from samskab.measurement.tests.perm_msc import make_round, make_stories
from samskab.organisations.models import AuditEntry
from samskab.projects.choices import ActorRole
from samskab.testing import make_project

pytestmark = pytest.mark.django_db
LINK = VoteSource.LINK


@pytest.fixture(autouse=True)
def _english_and_fresh_limits(settings):
    # Messages are compared in English (the msgids), so translations cannot break the tests.
    settings.LANGUAGE_CODE = "en"
    ratelimit.reset()
    yield
    ratelimit.reset()


@pytest.fixture
def project(world):
    return make_project(world.org_a)


def _kw(msc_round, **extra):
    return {
        "org": msc_round.organisation.slug,
        "project": msc_round.project_id,
        "pk": msc_round.pk,
        **extra,
    }


def _create_url(project):
    return reverse("measurement:msc_create", kwargs={"org": "aarby", "project": project.pk})


def _create_data(collection, stories, **extra):
    data = {
        "title": "Forårets vigtigste forandring",
        "question": "Hvilken historie viser den vigtigste forandring?",
        "picks": "1",
        "public_link": "on",
        "collection": str(collection.pk),
        "stories": [str(story.pk) for story in stories],
        "action": "create",
    }
    data.update(extra)
    return data


def _cands(msc_round):
    return list(MscCandidate.objects.filter(round=msc_round).order_by("position"))


def _choice(picks, group=None):
    """Form data picking ``picks`` ({candidate: reason})."""
    data = {}
    for candidate, reason in picks.items():
        data[f"pick_{candidate.pk}"] = "on"
        data[f"reason_{candidate.pk}"] = reason
    if group:
        data["actor_group"] = group
    return data


def _choose(client, user, msc_round, picks):
    client.force_login(user)
    return client.post(reverse("measurement:msc_choose", kwargs=_kw(msc_round)), _choice(picks))


def _public(msc_round, name="measurement:msc_public"):
    return reverse(name, kwargs={"token": msc_round.token})


# Creating a round and its shortlist ---------------------------------------------------------


def test_full_round_end_to_end(client, world, project):
    collection, stories = make_stories(project, 5)
    client.force_login(world.dina)
    page = client.get(_create_url(project))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Maskeret fortælling nummer 5" in content  # the only collection is preselected
    assert "Rå fortælling" not in content and "Jens Hansen" not in content

    response = client.post(_create_url(project), _create_data(collection, stories[:4]))
    assert response.status_code == 302
    msc_round = MscRound.objects.get()
    assert response["Location"] == reverse("measurement:msc", kwargs=_kw(msc_round))
    assert (msc_round.picks, msc_round.public_link, msc_round.is_open) == (1, True, True)
    s1, s2, s3, s4 = _cands(msc_round)
    assert [c.story_id for c in (s1, s2, s3, s4)] == [story.pk for story in stories[:4]]
    # created, shortlist (the picker's page view is logged too, as stories read)
    measurement = AuditEntry.objects.filter(action__startswith="measurement.")
    assert measurement.filter(organisation=world.org_a).count() == 2

    # Three panel members and two participants through the link choose.
    assert (
        _choose(client, world.anna, msc_round, {s2: "Bænken samlede hele kvarteret."}).status_code
        == 302
    )
    assert (
        _choose(client, world.dina, msc_round, {s2: "Naboerne tog selv initiativet."}).status_code
        == 302
    )
    assert (
        _choose(
            client, world.erik, msc_round, {s3: "Kommunen lyttede for første gang."}
        ).status_code
        == 302
    )
    client.logout()
    link = _public(msc_round)
    citizen = client.post(link, _choice({s2: "Jeg mødte mine naboer."}, ActorRole.CITIZEN))
    assert citizen.status_code == 302
    assert citizen["Location"] == _public(msc_round, "measurement:msc_thanks")
    employee = client.post(link, _choice({s1: "Vi arbejder anderledes nu."}, ActorRole.EMPLOYEE))
    assert employee.status_code == 302
    assert MscVote.objects.values("ballot").distinct().count() == 5

    result = msc.result(msc_round)
    assert [(item.number, item.picks) for item in result.ranking] == [
        (2, 3),
        (1, 1),
        (3, 1),
        (4, 0),
    ]
    assert (result.ballots, result.member_ballots, result.link_ballots) == (5, 3, 2)
    top = result.ranking[0]
    assert (top.member_picks, top.link_picks) == (2, 1)
    # Members disagreed: story 2 and story 3 were each picked by some and not by others.
    assert [item.number for item in result.disagreements.contested] == [2, 1, 3]
    assert not result.disagreements.divided  # 3 of 5 is more than half
    members = result.disagreements.groups[0]
    assert (members.group, members.ballots, members.favourites) == (msc.MEMBERS, 3, [2])

    client.force_login(world.anna)
    detail = client.get(reverse("measurement:msc", kwargs=_kw(msc_round))).content.decode()
    assert "Bænken samlede hele kvarteret." in detail and "Vi arbejder anderledes nu." in detail
    assert "Maskeret fortælling nummer 2" in detail
    assert "Jens Hansen" not in detail

    # Closing keeps the conclusion and stops the link and the members' form.
    close = client.post(
        reverse("measurement:msc_close", kwargs=_kw(msc_round)),
        {"conclusion": "Fællesskabet er den største forandring."},
    )
    assert close.status_code == 302
    msc_round.refresh_from_db()
    assert not msc_round.is_open and msc_round.closed_at is not None
    assert msc_round.conclusion == "Fællesskabet er den største forandring."
    late = _choose(client, world.anna, msc_round, {s1: "For sent."})
    assert late.status_code == 409
    assert "This round is closed" in late.content.decode()
    client.logout()
    refused = client.post(link, _choice({s1: "For sent."}, ActorRole.CITIZEN))
    assert refused.status_code == 409
    assert MscVote.objects.count() == 5
    assert [c.story.pk for c in msc.chosen_stories(msc_round)] == [
        stories[1].pk,
        stories[0].pk,
        stories[2].pk,
    ]

    client.force_login(world.dina)
    assert client.post(reverse("measurement:msc_open", kwargs=_kw(msc_round))).status_code == 302
    msc_round.refresh_from_db()
    assert msc_round.is_open and msc_round.conclusion


def test_shortlist_refuses_stories_of_another_collection_or_organisation(client, world, project):
    collection, stories = make_stories(project, 3)
    other_collection, other_stories = make_stories(project, 2)
    foreign_collection, foreign_stories = make_stories(make_project(world.org_b), 2)
    client.force_login(world.anna)
    for intruder in (other_stories[0], foreign_stories[0]):
        response = client.post(
            _create_url(project), _create_data(collection, [*stories[:2], intruder])
        )
        assert response.status_code == 422
        assert "Only stories of the chosen collection can be on the shortlist." in (
            response.content.decode()
        )
    # Another organisation's collection, or one outside the project, cannot be chosen at all.
    outside = make_stories(make_project(world.org_a, title="Et andet projekt"), 2)[0]
    for wrong in (foreign_collection, outside):
        response = client.post(_create_url(project), _create_data(wrong, stories))
        assert response.status_code == 422
        assert "Choose one of the collections of this project&#x27;s instruments." in (
            response.content.decode()
        )
    # Nonsense ids are a form error too, never a 500.
    response = client.post(_create_url(project), _create_data(collection, []) | {"stories": ["x"]})
    assert response.status_code == 422
    assert MscRound.objects.count() == 0


@pytest.mark.parametrize(
    ("count", "picks", "message"),
    [
        (1, "1", "Put at least 2 stories on the shortlist; you ticked 1."),
        (13, "1", "A shortlist holds at most 12 stories; you ticked 13."),
        (2, "2", "The shortlist must hold more stories than each panel member picks"),
        (0, "1", "Put from 2 to 12 stories on the shortlist."),
    ],
)
def test_shortlist_size_is_checked_and_nothing_typed_is_lost(
    client, world, project, count, picks, message
):
    collection, stories = make_stories(project, 13)
    client.force_login(world.dina)
    data = _create_data(collection, stories[:count], picks=picks, title="Min egen titel")
    response = client.post(_create_url(project), data)
    assert response.status_code == 422
    content = response.content.decode()
    assert message in content
    assert 'value="Min egen titel"' in content
    for story in stories[:count]:
        assert f'value="{story.pk}" id="story-{story.pk}" ' in content
        assert f'id="story-{story.pk}" aria-describedby="story-{story.pk}-text" checked' in content
    assert MscRound.objects.count() == 0


def test_paging_and_filtering_keep_what_was_typed_and_ticked(client, world, project):
    collection, stories = make_stories(project, 25)
    special = make_story(collection, title="Særlig", text="Om haven ved skolen.", level="employee")
    client.force_login(world.dina)
    newest = stories[-1]  # on page 1 (newest first)
    data = _create_data(collection, [newest], title="Halvfærdig", page="2")
    data.pop("action")
    response = client.post(_create_url(project), data)
    assert response.status_code == 200  # browsing is not an error
    content = response.content.decode()
    assert 'value="Halvfærdig"' in content
    assert "page 2 of 2" in content
    # The story ticked on page 1 is still ticked, now among "ticked on other pages".
    assert f'id="story-{newest.pk}" aria-describedby="story-{newest.pk}-text" checked' in content
    assert "error-summary" not in content

    data = _create_data(collection, [newest], page="1", **{"filter-q": "haven"})
    data.pop("action")
    content = client.post(_create_url(project), data).content.decode()
    assert "Om haven ved skolen." in content
    assert "Maskeret fortælling nummer 3 " not in content
    assert f'id="story-{special.pk}"' in content
    data = _create_data(collection, [], page="1", **{"filter-level": "user"})
    data.pop("action")
    content = client.post(_create_url(project), data).content.decode()
    assert f'id="story-{special.pk}"' not in content


# Choosing -----------------------------------------------------------------------------------


def test_wrong_number_of_picks_is_422_and_keeps_the_reasons(client, world, project):
    msc_round = make_round(project, world.anna)
    s1, s2, *_ = _cands(msc_round)
    response = _choose(client, world.erik, msc_round, {s1: "Første grund.", s2: "Anden grund."})
    assert response.status_code == 422
    content = response.content.decode()
    assert "Pick exactly 1 story; you picked 2." in content
    assert "Første grund." in content and "Anden grund." in content
    assert MscVote.objects.count() == 0

    response = client.post(
        reverse("measurement:msc_choose", kwargs=_kw(msc_round)), {f"pick_{s1.pk}": "on"}
    )
    assert response.status_code == 422
    assert "Say why you picked story 1." in response.content.decode()

    client.logout()
    response = client.post(
        _public(msc_round), {f"reason_{s2.pk}": "Uden kryds.", "actor_group": "citizen"}
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Pick exactly 1 story; you picked 0." in content
    assert "Uden kryds." in content
    assert 'value="citizen" checked' in content
    assert MscVote.objects.count() == 0


def test_a_members_ballot_is_replaced_not_added(client, world, project):
    msc_round = make_round(project, world.anna, picks=2)
    s1, s2, s3, _ = _cands(msc_round)
    assert _choose(client, world.erik, msc_round, {s1: "A.", s2: "B."}).status_code == 302
    page = client.get(reverse("measurement:msc_choose", kwargs=_kw(msc_round))).content.decode()
    assert "Sending again replaces your earlier choice." in page
    assert f'name="pick_{s1.pk}" id="id_pick_{s1.pk}" checked' in page
    assert _choose(client, world.erik, msc_round, {s2: "B igen.", s3: "C."}).status_code == 302
    votes = MscVote.objects.filter(round=msc_round)
    assert sorted(votes.values_list("candidate_id", "reason")) == [
        (s2.pk, "B igen."),
        (s3.pk, "C."),
    ]
    assert {vote.ballot for vote in votes} == {f"user-{world.erik.pk}"}


def test_public_choice_stores_nothing_about_the_participant(client, world, project):
    msc_round = make_round(project, world.anna)
    s1 = _cands(msc_round)[0]
    page = client.get(_public(msc_round))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Maskeret fortælling nummer 1" in content and "Jens Hansen" not in content
    assert "Aarby Kommune" in content  # the footer and title know the organisation
    response = client.post(
        _public(msc_round),
        _choice({s1: "Det gav mig mod."}, ActorRole.VOLUNTEER_ORGANISATION),
        HTTP_USER_AGENT="Mozilla/5.0 (Test)",
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    vote = MscVote.objects.get()
    assert (vote.source, vote.voter, vote.actor_group) == ("link", None, "volunteer_organisation")
    assert len(vote.ballot) == 32 and not vote.ballot.startswith("user-")
    stored = " ".join(str(value) for value in MscVote.objects.values().get().values())
    assert "203.0.113.7" not in stored and "Mozilla" not in stored
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you for your choice" in thanks.content.decode()


def test_public_page_of_a_closed_or_non_public_round_takes_no_ballot(client, world, project):
    closed = make_round(project, world.anna)
    msc.close_round(closed, world.anna)
    private = make_round(project, world.anna, public_link=False)
    for msc_round in (closed, private):
        page = client.get(_public(msc_round))
        assert page.status_code == 200
        assert "This round takes no choices" in page.content.decode()
        assert 'name="actor_group"' not in page.content.decode()
        assert "pick_" not in page.content.decode()
        s1 = _cands(msc_round)[0]
        response = client.post(_public(msc_round), _choice({s1: "Alligevel."}, "citizen"))
        assert response.status_code == 409
    assert MscVote.objects.count() == 0


def test_a_token_reaches_only_its_own_round(client, world, project):
    mine = make_round(project, world.anna)
    theirs = make_round(make_project(world.org_b), world.carl)
    foreign = _cands(theirs)[0]
    response = client.post(_public(mine), _choice({foreign: "Snyd."}, "citizen"))
    assert response.status_code == 422
    assert MscVote.objects.count() == 0
    assert (
        client.get(reverse("measurement:msc_public", kwargs={"token": "nope"})).status_code == 404
    )
    assert (
        client.post(reverse("measurement:msc_public", kwargs={"token": "nope"})).status_code == 404
    )
    assert (
        client.get(reverse("measurement:msc_thanks", kwargs={"token": "nope"})).status_code == 404
    )


def test_public_choices_are_rate_limited_and_keep_what_was_written(
    client, world, project, settings
):
    settings.CAPTURE_RATE_LIMITS = {"msc": "2/minute"}
    msc_round = make_round(project, world.anna)
    s1 = _cands(msc_round)[0]
    for _ in range(2):
        assert client.post(_public(msc_round), _choice({s1: "Ok."}, "citizen")).status_code == 302
    response = client.post(_public(msc_round), _choice({s1: "Min tredje grund."}, "citizen"))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Min tredje grund." in response.content.decode()
    assert MscVote.objects.count() == 2


def test_a_round_of_another_project_is_404(client, world, project):
    msc_round = make_round(project, world.anna)
    other = make_project(world.org_a, title="Andet")
    client.force_login(world.anna)
    url = reverse("measurement:msc", kwargs={**_kw(msc_round), "project": other.pk})
    assert client.get(url).status_code == 404


# The result and what it discloses -----------------------------------------------------------


def test_a_viewers_result_shows_counts_and_reasons_never_story_text(client, world, project):
    msc_round = make_round(project, world.anna)
    s1, s2, *_ = _cands(msc_round)
    _choose(client, world.anna, msc_round, {s2: "Den rører mig."})
    client.force_login(world.bo)
    response = client.get(reverse("measurement:msc", kwargs=_kw(msc_round)))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Den rører mig." in content
    assert "Story 2" in content and "Story 1" in content
    assert "fortælling" not in content  # neither the masked nor the raw text
    assert "Historie 2" not in content  # nor the story's title
    assert "Make your choice" not in content
    client.force_login(world.erik)
    assert (
        "Maskeret fortælling nummer 2"
        in client.get(reverse("measurement:msc", kwargs=_kw(msc_round))).content.decode()
    )


def test_link_groups_below_k_are_shown_only_as_fewer_than_k(client, world, project):
    msc_round = make_round(project, world.anna)
    s1, s2, *_ = _cands(msc_round)
    msc.record_ballot(msc_round, [(s1, "Borger.")], actor_group="citizen", source=LINK)
    msc.record_ballot(msc_round, [(s2, "Politiker.")], actor_group="politician", source=LINK)
    msc.record_ballot(msc_round, [(s2, "Medlem.")], voter=world.anna)
    result = msc.result(msc_round)
    assert not result.link_groups_shown and result.k == 5
    assert [(g.group, g.ballots) for g in result.disagreements.groups] == [
        (msc.MEMBERS, 1),
        ("", None),
    ]
    client.force_login(world.bo)
    content = client.get(reverse("measurement:msc", kwargs=_kw(msc_round))).content.decode()
    assert "fewer than 5" in content
    assert "Politician" not in content and "Citizen" not in content


def test_divided_panel_and_groups_that_chose_differently(client, world, project):
    msc_round = make_round(project, world.anna)
    s1, s2, s3, _ = _cands(msc_round)
    for _ in range(3):
        msc.record_ballot(msc_round, [(s1, "Borger.")], actor_group="citizen", source=LINK)
    for _ in range(2):
        msc.record_ballot(msc_round, [(s2, "Ansat.")], actor_group="employee", source=LINK)
    msc.record_ballot(msc_round, [(s3, "Medlem A.")], voter=world.anna)
    msc.record_ballot(msc_round, [(s2, "Medlem E.")], voter=world.erik)
    result = msc.result(msc_round)
    assert result.link_groups_shown
    assert [(item.number, item.picks) for item in result.chosen] == [(1, 3), (2, 3), (3, 1)]
    assert result.disagreements.divided  # 3 of 7 is less than half
    groups = {g.group: (g.ballots, g.favourites, g.differs) for g in result.disagreements.groups}
    assert groups == {
        msc.MEMBERS: (2, [2, 3], True),
        "employee": (2, [2], True),
        "citizen": (3, [1], False),
    }
    assert result.disagreements.groups_differ
    client.force_login(world.bo)
    content = client.get(reverse("measurement:msc", kwargs=_kw(msc_round))).content.decode()
    assert "The panel was divided." in content
    assert "Chose differently" in content
    assert "Why participants through the link chose it: Citizen" in content
    # Reasons never carry the member's name; they are "project members".
    assert "Why project members chose it" in content
    assert "Medlem A." in content and "Medlem E." in content
    for member in (world.anna, world.erik):
        assert member.username not in content.lower() and member.email not in content


def test_a_panel_that_agrees_is_not_divided(world, project):
    msc_round = make_round(project, world.anna)
    s1, s2, *_ = _cands(msc_round)
    msc.record_ballot(msc_round, [(s1, "Ja.")], voter=world.anna)
    msc.record_ballot(msc_round, [(s1, "Også.")], voter=world.erik)
    result = msc.result(msc_round)
    assert not result.disagreements.divided
    assert [item.number for item in result.disagreements.unanimous] == [1]
    assert result.disagreements.contested == []


def test_services_refuse_what_a_round_does_not_allow(world, project):
    msc_round = make_round(project, world.anna)
    other = make_round(project, world.anna)
    s1, s2, *_ = _cands(msc_round)
    with pytest.raises(msc.MscError) as error:
        msc.record_ballot(msc_round, [(s1, "A."), (s2, "B.")], voter=world.anna)
    assert error.value.code == "picks"
    with pytest.raises(msc.MscError) as error:
        msc.record_ballot(msc_round, [(_cands(other)[0], "A.")], voter=world.anna)
    assert error.value.code == "foreign_candidate"
    msc.record_ballot(msc_round, [(s1, "A.")], voter=world.anna)
    with pytest.raises(msc.MscError) as error:
        msc.set_shortlist(msc_round, [c.story for c in _cands(msc_round)], world.anna)
    assert error.value.code == "has_votes"
    with pytest.raises(msc.MscError) as error:
        msc.set_shortlist(other, [_cands(msc_round)[0].story, _cands(other)[0].story], world.anna)
    assert error.value.code == "foreign_story"
    msc.close_round(msc_round, world.anna)
    with pytest.raises(msc.RoundClosed):
        msc.record_ballot(msc_round, [(s2, "B.")], voter=world.erik)
    assert msc.ballot_of(msc_round, world.anna) == {s1.pk: "A."}


def test_reasons_are_masked_like_stories(world, project):
    msc_round = make_round(project, world.anna)
    s1 = _cands(msc_round)[0]
    msc.record_ballot(
        msc_round, [(s1, "Ring til mig på 12345678.")], actor_group="citizen", source=LINK
    )
    assert "12345678" not in MscVote.objects.get().reason


def test_closing_and_opening_are_audited(client, world, project):
    msc_round = make_round(project, world.anna)
    before = AuditEntry.objects.count()
    client.force_login(world.dina)
    too_long = client.post(
        reverse("measurement:msc_close", kwargs=_kw(msc_round)), {"conclusion": "x" * 5001}
    )
    assert too_long.status_code == 422
    assert "Keep the conclusion to at most 5000 characters" in too_long.content.decode()
    client.post(reverse("measurement:msc_close", kwargs=_kw(msc_round)), {"conclusion": ""})
    client.post(reverse("measurement:msc_open", kwargs=_kw(msc_round)))
    assert AuditEntry.objects.count() == before + 2
    assert AuditEntry.objects.latest("pk").actor == world.dina


def test_round_list_shows_status_choices_and_link(client, world, project):
    msc_round = make_round(project, world.anna)
    s1 = _cands(msc_round)[0]
    msc.record_ballot(msc_round, [(s1, "Ja.")], voter=world.anna)
    msc.record_ballot(msc_round, [(s1, "Ja.")], actor_group="citizen", source=LINK)
    client.force_login(world.bo)
    content = client.get(
        reverse("measurement:msc_list", kwargs={"org": "aarby", "project": project.pk})
    ).content.decode()
    assert "Forårets vigtigste forandring" in content
    assert "Open for choices" in content
    assert "2 choices so far (1 through the link)" in content
    assert msc_round.token in content


def test_large_story_numbers_are_not_written_with_a_thousands_separator(client, world, project):
    """Danish formats 31440 as "31.440": a checkbox value or a link written that way would
    pick no story (found when the ids passed 999 on PostgreSQL)."""
    collection, stories = make_stories(project, 2)
    big = make_story(collection, id=1_234_567, title="Stor", text="En historie med et højt nummer.")
    client.force_login(world.dina)
    data = _create_data(collection, [big], title="Tjek")  # one story: refused, shown again
    content = client.post(_create_url(project), data).content.decode()
    assert f'value="{big.pk}" id="story-{big.pk}" ' in content
    assert "1.234.567" not in content
