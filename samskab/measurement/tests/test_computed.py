"""Indicators computed from real stories: hand counts, refusal below k, and recomputation when
the collection changes (the value-creation page reloads and the indicator moves)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.analysis import indicators as engine
from samskab.analysis.disclosure import CELL_BELOW_K, GROUP_BELOW_K
from samskab.analysis.zones import ZONE_CODES
from samskab.explorer.models import ExplorerSettings, SavedView
from samskab.explorer.tests.helpers import answers
from samskab.instruments.answers import CleanStory
from samskab.instruments.definition import parse
from samskab.instruments.models import Collection, Story, StorySource
from samskab.instruments.samples import SAMPLE
from samskab.instruments.services import (
    bump_change_counter,
    create_instrument,
    latest_version,
    story_row,
)
from samskab.measurement.content import IndicatorSource, Measure, PeriodKind, Unit
from samskab.measurement.models import Indicator, Measurement
from samskab.measurement.services import computed
from samskab.measurement.tests.factories import make_goal, make_indicator
from samskab.testing import make_project

pytestmark = pytest.mark.django_db

D = datetime.date
TOP = (0.7, 0.2, 0.1)  # in the zone "top" (citizens' own ideas), 70 % citizens
ELSEWHERE = (0.2, 0.3, 0.5)
PERIODS = [["2025-01-01", "2025-01-31"], ["2025-02-01", "2025-02-28"], ["2025-03-01", "2025-03-31"]]


def _new_collection(project):
    organisation = project.organisation
    instrument = create_instrument(organisation, "Fortællinger", parse(SAMPLE), None, project)
    return Collection.objects.create(
        organisation=organisation,
        instrument=instrument,
        name="Parken",
        consent_text={"da": "Samtykke", "en": "Consent"},
    )


def _tell(collection, day, count, shares=TOP, level="employee", dyad=0.5):
    """`count` stories told on `day`, as an import writes them (and bumps the counter)."""
    version = latest_version(collection.instrument)
    rows = []
    for i in range(count):
        story = CleanStory(
            "moment",
            "Titel",
            "En historie om parken.",
            level,
            answers(top=shares[0], left=shares[1], right=shares[2], dyad=dyad),
        )
        row = story_row(collection, version, story, StorySource.IMPORT, "da")
        row.created_at = datetime.datetime.combine(
            day, datetime.time(12, i % 60), tzinfo=datetime.UTC
        )
        rows.append(row)
    Story.objects.bulk_create(rows)
    bump_change_counter(collection, len(rows))
    collection.refresh_from_db()


@pytest.fixture
def setup(world):
    project = make_project(world.org_a)
    collection = _new_collection(project)
    view = SavedView.objects.create(
        organisation=world.org_a,
        collection=collection,
        title="Medarbejdernes fortællinger",
        query="level=employee",
        signifier="drivers",
    )
    # January: 5 of 10 employees' stories in the top zone (users' stories are filtered out).
    _tell(collection, D(2025, 1, 10), 5, TOP)
    _tell(collection, D(2025, 1, 20), 5, ELSEWHERE)
    _tell(collection, D(2025, 1, 15), 6, TOP, level="user")
    # February: 7 of 12. March: 4 stories, fewer than k = 5.
    _tell(collection, D(2025, 2, 3), 7, TOP)
    _tell(collection, D(2025, 2, 25), 5, ELSEWHERE)
    _tell(collection, D(2025, 3, 5), 4, TOP)
    goal = make_goal(project)
    indicator = make_indicator(
        goal,
        title="Medarbejderfortællinger drevet af borgernes idéer",
        source=IndicatorSource.COMPUTED,
        saved_view=view,
        measure=Measure.ZONE_SHARE,
        signifier="drivers",
        part="top",
        period_kind=PeriodKind.CUSTOM,
        periods=PERIODS,
        baseline_value=None,
        baseline_date=None,
        target_value=80.0,
        target_date=None,
    )
    return project, collection, view, indicator


def _rows(indicator):
    return list(Measurement.objects.filter(indicator=indicator).order_by("period_start"))


def _pct(hits, n):
    low, high = engine.wilson_interval(hits, n)
    return 100 * hits / n, 100 * low, 100 * high


def test_refresh_matches_a_hand_count_and_moves_when_stories_are_added(setup):
    project, collection, _view, indicator = setup
    computed.refresh(indicator)
    january, february, march = _rows(indicator)
    assert (january.n, february.n) == (10, 12)
    assert (january.value, january.lower, january.upper) == pytest.approx(_pct(5, 10))
    assert (february.value, february.lower, february.upper) == pytest.approx(_pct(7, 12))
    assert {m.source for m in (january, february, march)} == {IndicatorSource.COMPUTED}
    indicator.refresh_from_db()
    assert indicator.baseline_value == pytest.approx(50.0)
    assert indicator.computed_counter == collection.change_counter
    assert not computed.is_stale(indicator)

    # Nine more stories in March: 8 of 13 in the top zone, now shown.
    _tell(collection, D(2025, 3, 20), 4, TOP)
    _tell(collection, D(2025, 3, 21), 5, ELSEWHERE)
    assert computed.is_stale(indicator)
    computed.refresh_project(project)
    march = _rows(indicator)[2]
    assert (march.n, march.value, march.withheld) == (13, pytest.approx(800 / 13), "")
    assert Measurement.objects.filter(indicator=indicator).count() == 3
    indicator.refresh_from_db()
    assert indicator.computed_counter == collection.change_counter


def test_reloading_the_value_page_moves_the_indicator(client, world, setup):
    project, collection, _view, indicator = setup
    url = reverse("measurement:value", kwargs={"org": world.org_a.slug, "project": project.pk})
    client.force_login(world.bo)  # a viewer: reading the page is enough to recompute
    assert client.get(url).status_code == 200
    before = _rows(indicator)[1].value
    _tell(collection, D(2025, 2, 26), 5, ELSEWHERE)  # February: 7 of 17
    assert client.get(url).status_code == 200
    after = _rows(indicator)[1]
    assert before == pytest.approx(100 * 7 / 12)
    assert (after.n, after.value) == (17, pytest.approx(100 * 7 / 17))


def test_a_period_below_k_is_stored_withheld_with_no_value_and_no_n(setup):
    _project, _collection, _view, indicator = setup
    computed.refresh(indicator)
    march = _rows(indicator)[2]
    assert march.withheld == GROUP_BELOW_K
    assert (march.value, march.lower, march.upper, march.n) == (None, None, None, None)


def test_a_share_whose_zone_holds_fewer_than_k_stories_is_withheld(setup):
    _project, collection, _view, indicator = setup
    _tell(collection, D(2025, 3, 6), 2, ELSEWHERE)  # March: 4 of 6 in top, 2 outside
    computed.refresh(indicator)
    march = _rows(indicator)[2]
    assert (march.withheld, march.n, march.value) == (CELL_BELOW_K, None, None)


def test_raising_k_withholds_periods_that_were_shown(setup):
    project, collection, _view, indicator = setup
    # Users' stories reach 11 too, so the view's level stays selectable at k = 11.
    _tell(collection, D(2025, 4, 1), 5, TOP, level="user")
    computed.refresh(indicator)
    assert _rows(indicator)[0].n == 10
    ExplorerSettings.objects.create(organisation=project.organisation, min_group=11)
    assert computed.stale_indicators(project).get() == indicator  # k alone made it stale
    computed.refresh_project(project)
    january, february, _march = _rows(indicator)
    assert (january.withheld, january.n) == (GROUP_BELOW_K, None)
    # February: 12 stories, but 7 in the zone and 5 outside are both below 11.
    assert (february.withheld, february.n, february.value) == (CELL_BELOW_K, None, None)
    assert not computed.stale_indicators(project).exists()


def test_refresh_project_costs_the_same_few_queries_with_one_or_three_fresh_indicators(setup):
    project, _collection, view, indicator = setup
    counts: list[int] = []
    for extra in (0, 2):
        for i in range(extra):
            make_indicator(
                indicator.goal,
                title=f"Median {len(counts)}-{i}",
                unit=Unit.SCALE_0_100,
                source=IndicatorSource.COMPUTED,
                saved_view=view,
                measure=Measure.DYAD_MEDIAN,
                signifier="decided",
                period_kind=PeriodKind.CUSTOM,
                periods=PERIODS,
            )
        computed.refresh_project(project)  # computes what is new
        with CaptureQueriesContext(connection) as queries:
            computed.refresh_project(project)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 2


def test_month_and_quarter_periods_start_at_the_first_story_or_the_baseline(setup):
    _project, collection, _view, indicator = setup
    indicator.period_kind = PeriodKind.MONTH
    assert computed.periods_for(indicator) == [
        (D(2025, 1, 1), D(2025, 1, 31)),
        (D(2025, 2, 1), D(2025, 2, 28)),
        (D(2025, 3, 1), D(2025, 3, 31)),
    ]
    indicator.period_kind = PeriodKind.QUARTER
    assert computed.periods_for(indicator) == [(D(2025, 1, 1), D(2025, 3, 31))]
    indicator.period_kind = PeriodKind.MONTH
    indicator.baseline_date = D(2025, 2, 14)
    assert computed.periods_for(indicator)[0] == (D(2025, 2, 1), D(2025, 2, 28))
    _tell(collection, D(2028, 6, 1), 1, TOP)  # 42 months: the first and the latest 23
    indicator.baseline_date = None
    months = computed.periods_for(indicator)
    assert len(months) == computed.MAX_PERIODS
    assert months[0] == (D(2025, 1, 1), D(2025, 1, 31))
    assert months[1] == (D(2026, 8, 1), D(2026, 8, 31))
    assert months[-1] == (D(2028, 6, 1), D(2028, 6, 30))


def test_change_since_baseline_compares_the_first_and_latest_shown_periods(setup):
    _project, _collection, _view, indicator = setup
    computed.refresh(indicator)
    test = computed.change_since_baseline(indicator)
    assert test is not None
    assert (test.n_baseline, test.n_latest) == (10, 12)
    assert test.estimate == pytest.approx(100 * (7 / 12 - 5 / 10))
    assert test.lower < 0 < test.upper  # 50 % against 58 % of a dozen stories: noise
    Measurement.objects.filter(indicator=indicator, period_start=D(2025, 2, 1)).update(
        value=None, n=None, withheld=GROUP_BELOW_K
    )
    assert computed.change_since_baseline(indicator) is None


def test_a_median_of_a_slider_by_hand(setup):
    _project, collection, view, indicator = setup
    median = make_indicator(
        indicator.goal,
        title="Hvem bestemte",
        unit=Unit.SCALE_0_100,
        source=IndicatorSource.COMPUTED,
        saved_view=view,
        measure=Measure.DYAD_MEDIAN,
        signifier="decided",
        period_kind=PeriodKind.CUSTOM,
        periods=[["2025-04-01", "2025-04-30"]],
    )
    for dyad in (0.1, 0.2, 0.3, 0.4, 0.9, 1.0):
        _tell(collection, D(2025, 4, 2), 1, dyad=dyad)
    computed.refresh(median)
    april = _rows(median)[0]
    assert (april.n, april.value, april.lower, april.upper) == (6, 35.0, 10.0, 100.0)


def test_invalid_view_filters_withhold_every_period(setup):
    _project, _collection, view, indicator = setup
    view.query = "level=employee&min_decided=500"  # a slider runs from 0 to 100
    view.save()
    computed.refresh(indicator, force=True)
    assert {m.withheld for m in _rows(indicator)} == {computed.FILTER_INVALID}


def test_a_store_being_built_leaves_the_rows_alone(setup, settings, tmp_path):
    _project, collection, _view, indicator = setup
    computed.refresh(indicator)
    before = [(m.value, m.n) for m in _rows(indicator)]
    settings.EXPLORER_INLINE_BUILD_MAX = 0
    settings.EXPLORER_CACHE_DIR = tmp_path / "empty"  # no cached store to update
    _tell(collection, D(2025, 1, 11), 5, TOP)
    computed.refresh(indicator)
    assert [(m.value, m.n) for m in _rows(indicator)] == before
    assert computed.is_stale(indicator)


def test_definition_errors(world, setup):
    project, _collection, view, _indicator = setup
    ok = computed.definition_errors(view, Measure.ZONE_SHARE, "drivers", "top", project=project)
    assert ok == {}
    assert computed.definition_errors(view, Measure.TRIAD_CENTRE, "drivers", "citizens") == {}
    assert computed.definition_errors(view, Measure.DYAD_MEDIAN, "decided", "") == {}
    assert computed.definition_errors(view, Measure.CHOICE_SHARE, "feelings", "glad") == {}
    assert set(computed.definition_errors(view, Measure.ZONE_SHARE, "nope", "top")) == {"signifier"}
    wrong_kind = computed.definition_errors(view, Measure.DYAD_MEDIAN, "drivers", "")
    assert set(wrong_kind) == {"signifier"} and "drivers" in wrong_kind["signifier"]
    bad_part = computed.definition_errors(view, Measure.ZONE_SHARE, "drivers", "citizens")
    assert set(bad_part) == {"part"} and "top_left" in bad_part["part"]
    assert set(computed.definition_errors(view, "mean", "drivers", "")) == {"measure"}

    other_project = make_project(world.org_b)
    foreign = SavedView.objects.create(
        organisation=world.org_b,
        collection=_new_collection(other_project),
        title="Fremmed",
        query="",
        signifier="drivers",
    )
    refused = computed.definition_errors(
        foreign, Measure.ZONE_SHARE, "drivers", "top", project=project
    )
    assert set(refused) == {"saved_view"}


def test_an_indicator_never_reads_another_organisations_view(world, setup):
    _project, _collection, _view, indicator = setup
    other_project = make_project(world.org_b)
    foreign = SavedView.objects.create(
        organisation=world.org_b, collection=_new_collection(other_project), title="Fremmed"
    )
    Indicator.objects.filter(pk=indicator.pk).update(saved_view=foreign)
    indicator.refresh_from_db()
    computed.refresh(indicator, force=True)
    assert not Measurement.objects.filter(indicator=indicator).exists()
    assert computed.change_since_baseline(indicator) is None


def test_signifier_options_list_readable_signifiers_with_labels(setup):
    _project, _collection, view, _indicator = setup
    options = {o.id: o for o in computed.signifier_options(view, "en")}
    assert {"drivers", "difference", "decided", "felt", "frequency", "feelings"} <= set(options)
    assert "actors" not in options  # stones: no measure reads them
    drivers = options["drivers"]
    assert drivers.kind == "triad"
    assert drivers.parts[0] == ("citizens", "citizens' own ideas and energy")
    assert [zone for zone, _label in drivers.zones] == list(ZONE_CODES)
    assert options["decided"].zones == []


def test_a_share_of_an_option_chosen_by_a_small_group_is_refused(setup):
    """An option below k in the version is merged or left out of the release: its share would
    be a false zero (or a small group's), so every period says why instead."""
    _project, collection, _view, indicator = setup
    version = latest_version(collection.instrument)
    rare = answers(frequency={"state": "answered", "value": "rarely"})
    rows = [
        story_row(
            collection,
            version,
            CleanStory("moment", "Titel", "Sjældent.", "employee", rare),
            StorySource.IMPORT,
            "da",
        )
        for _ in range(2)
    ]
    for row in rows:
        row.created_at = datetime.datetime(2025, 1, 12, 12, tzinfo=datetime.UTC)
    Story.objects.bulk_create(rows)
    bump_change_counter(collection, 2)
    Indicator.objects.filter(pk=indicator.pk).update(
        measure=Measure.CHOICE_SHARE, signifier="frequency", part="rarely"
    )
    indicator.refresh_from_db()
    computed.refresh(indicator, force=True)
    assert {m.withheld for m in _rows(indicator)} == {"small_category"}
    assert all(m.value is None for m in _rows(indicator))


def test_a_computed_n_is_exact_for_readers_of_stories_and_perturbed_for_viewers(
    client, world, setup
):
    """n is a count of stories: the cell key stored with it perturbs it for viewers, the
    same way every time, in the API, the exports and the indicator page."""
    project, _collection, _view, indicator = setup
    computed.refresh(indicator, force=True)
    january = _rows(indicator)[0]
    assert january.n == 10 and january.n_key is not None
    shown = january.shown_n(exact=False, k=5)
    assert shown is not None and abs(shown - 10) <= 2
    assert january.shown_n(exact=True, k=5) == 10
    url = f"/api/v1/orgs/{project.organisation.slug}/indicators/{indicator.pk}/measurements"
    for user, expected in ((world.erik, 10), (world.bo, shown)):
        client.force_login(user)
        first = client.get(url).json()[0]
        assert first["n"] == expected
        assert client.get(url).json()[0]["n"] == expected  # asked again: the same figure
    march = _rows(indicator)[2]
    assert march.shown_n(exact=False, k=5) is None  # below k: nothing to perturb


def test_the_indicator_page_says_when_its_numbers_are_perturbed(client, world, setup):
    project, _collection, _view, indicator = setup
    kwargs = {"org": project.organisation.slug, "project": project.pk, "pk": indicator.pk}
    url = reverse("measurement:indicator", kwargs=kwargs)
    note = "antallet af historier flyttet en smule tilfældigt"
    client.force_login(world.bo)
    assert note in client.get(url).content.decode()
    client.force_login(world.erik)
    assert note not in client.get(url).content.decode()
