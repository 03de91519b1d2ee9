from __future__ import annotations

import re

from samskab.actors.tests.factories import make_actor


def _find(pattern, content):
    match = re.search(pattern, content, re.S)
    assert match, pattern
    return match.group(0)


def test_map_draws_an_accessible_svg_and_a_table(client, world, url, project):
    make_actor(
        project=project,
        name="Udvalgsformanden",
        role="politician",
        sector="public",
        influence=5,
        interest=2,
    )
    make_actor(project=project, name="Parkens Venner", influence=3, interest=5)
    client.force_login(world.erik)  # analysts read the map
    response = client.get(url("map"))
    assert response.status_code == 200
    content = response.content.decode()
    svg = _find(r"<svg class=\"stakeholder-map\".*?</svg>", content)
    assert 'role="img"' in svg
    assert 'aria-labelledby="map-title"' in svg
    assert '<title id="map-title">' in svg
    assert '<desc id="map-desc">' in svg
    assert "viewBox=" in svg
    assert "Inddrag tæt: 1." in svg
    assert "Hold tilfreds: 1." in svg
    # No decimal commas from Danish number formatting inside coordinates.
    assert not re.search(r' (?:x|y|cx|cy|r|width|height)="[^"]*,', svg)
    for points in re.findall(r'points="([^"]*)"', svg):
        assert all(re.fullmatch(r"[\d.]+,[\d.]+", pair) for pair in points.split()), points
    # One marker per actor, colour and shape by sector.
    assert svg.count('<g class="marker ') == 2
    assert "marker-circle" in svg and "marker-triangle" in svg
    # The same data as a table.
    table = _find(r'<table class="stacked map-table">.*?</table>', content)
    assert "Udvalgsformanden" in table and "Parkens Venner" in table
    assert '<th scope="rowgroup" colspan="5">Hold tilfreds</th>' in table
    assert '<th scope="rowgroup" colspan="5">Inddrag tæt</th>' in table
    assert "Offentlig sektor" in content  # the legend


def test_map_without_actors_says_so(facilitator, url):
    content = facilitator.get(url("map")).content.decode()
    assert '<svg class="stakeholder-map"' not in content
    assert "Der er endnu ingen nøgleaktører at vise på kortet." in content


def test_map_marks_its_tab_current(facilitator, url, project):
    make_actor(project=project)
    content = facilitator.get(url("map")).content.decode()
    assert f'href="{url("map")}" aria-current="page"' in content


def test_map_query_count_does_not_grow(facilitator, url, project, django_assert_max_num_queries):
    for number in range(15):
        make_actor(project=project, name=f"Aktør {number}", influence=4, interest=4)
    with django_assert_max_num_queries(9):
        response = facilitator.get(url("map"))
    content = response.content.decode()
    assert '<g class="overflow">' in content  # 15 in one cell: 8 markers and "+7"
    assert "+7" in content
