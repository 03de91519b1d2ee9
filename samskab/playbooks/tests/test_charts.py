"""The playbook's SVG charts: valid standalone SVG, escaped, readable (no overlapping text),
Danish numbers, None shown as nothing, the numbers in the table."""

from __future__ import annotations

import datetime
import itertools
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import cairosvg  # type: ignore[import-untyped]
import pytest

from samskab.playbooks import charts
from samskab.playbooks.charts import PeriodValue
from samskab.playbooks.document import Figure, Table

NS = "{http://www.w3.org/2000/svg}"
EVIL = 'Borgerforeningen <script>alert(1)</script> & "venner"'
LONG = "Fase 3: Prototyper og afprøvning i lokalområdet sammen med borgere, foreninger og skoler"


def months(count: int, year: int = 2025) -> list[tuple[datetime.date, datetime.date]]:
    out = []
    for i in range(count):
        y, m = year + i // 12, i % 12 + 1
        start = datetime.date(y, m, 1)
        following = datetime.date(y + m // 12, m % 12 + 1, 1)
        out.append((start, following - datetime.timedelta(days=1)))
    return out


def periods(values: list[float], interval: float | None = 3.0) -> list[PeriodValue]:
    return [
        PeriodValue(
            f"{start:%m.%Y}",
            start,
            end,
            value,
            None if interval is None else value - interval,
            None if interval is None else value + interval,
            str(40 + i),
        )
        for i, ((start, end), value) in enumerate(zip(months(len(values)), values, strict=True))
    ]


def indicator(language: str = "en", values: list[float] | None = None, **kw: Any) -> Figure:
    args: dict[str, Any] = {
        "ident": "ind-1",
        "title": "Share who feel heard",
        "unit_label": "%",
        "language": language,
        "periods": periods(values or [22, 24.5, 23, 26, 28, 27.5, 31]),
        "baseline": 22,
        "target": 35,
        "direction": "up",
    }
    return charts.indicator_chart(**(args | kw))


def bars(stacked: bool = True, language: str = "en") -> Figure:
    return charts.bar_chart(
        "bar-1",
        "Participation per phase",
        language,
        ["Phase 1: Mapping", "Phase 2: Ideas", LONG, "Phase 4: Evaluation"],
        [
            ("Citizens", [34, 52, 41, None]),
            ("Associations and voluntary organisations", [8, 12, 15, 6]),
            ("Staff", [11, 9, 14, 7]),
        ],
        stacked,
        "Participants",
    )


def stakeholders() -> Figure:
    return charts.stakeholder_map(
        "sh-1",
        "Stakeholder map",
        "en",
        [
            ("Technical and Environmental Administration", "Administration", 5, 4),
            (EVIL, "Association", 3, 5),
            ("Youth school", "Institution", 2, 4),
            ("Local council", "Association", 3, 5),
            ("City council", "Politics", 5, 2),
            ("Residents of Parkvej-kvarteret", "Citizens", 1, 5),
            ("Library", "Institution", 3, 3),
            ("Nature society", "Association", 4, 4),
            ("Children and youth committee", "Politics", 4, 4),
        ],
    )


def dots() -> Figure:
    return charts.dot_chart(
        "dot-1",
        "Expected gains",
        "en",
        ["Better well-being", LONG, "More trust in the municipality"],
        ["Citizens", "Administration", "Politicians"],
        [[4, 3.5, 4], [5, 3, None], [3, None, None]],
        (1, 5),
        ("Not at all", "Very much"),
    )


def slopes() -> Figure:
    return charts.slope_chart(
        "sl-1",
        "Self-assessment",
        "en",
        ["Involve early", "Share power", LONG, "Close the loop"],
        "March 2026",
        "October 2026",
        [2, 3, 1, None],
        [4, 3, 3, 2],
        (1, 5),
    )


ALL: dict[str, Callable[[], Figure]] = {
    "indicator": indicator,
    "bars_stacked": bars,
    "bars_grouped": lambda: bars(stacked=False),
    "stakeholders": stakeholders,
    "dots": dots,
    "slopes": slopes,
}


def table(figure: Figure) -> Table:
    assert figure.table is not None
    return figure.table


def attr(element: ET.Element, name: str) -> str:
    value = element.get(name)
    assert value is not None, name
    return value


def title_and_desc(figure: Figure) -> tuple[str | None, str | None]:
    root = parse(figure)
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and desc is not None
    return title.text, desc.text


def parse(figure: Figure) -> ET.Element:
    return ET.fromstring(figure.svg)  # noqa: S314 (our own output)


def texts(figure: Figure) -> list[ET.Element]:
    return list(parse(figure).iter(f"{NS}text"))


def box(element: ET.Element) -> tuple[float, float, float, float]:
    """The estimated box of a <text>: 0.6 × font size per character, as the charts assume."""
    size = float(element.get("font-size", "11"))
    width = 0.6 * size * len(element.text or "")
    x, y = float(element.get("x", "0")), float(element.get("y", "0"))
    anchor = element.get("text-anchor", "start")
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, y - 0.8 * size, left + width, y + 0.2 * size


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("name", ALL)
def test_standalone_svg(name):
    figure = ALL[name]()
    root = parse(figure)
    assert root.tag == f"{NS}svg"
    assert figure.svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert root.get("viewBox") == f"0 0 {figure.width} {figure.height}"
    assert (root.get("width"), root.get("height")) == (str(figure.width), str(figure.height))
    assert title_and_desc(figure) == (figure.title, figure.alt)
    assert figure.alt.endswith("The numbers are in the table.")
    for forbidden in ("class=", "<script", "href", "style=", "url("):
        assert forbidden not in figure.svg
    assert all(e.get("font-family", "").startswith("Inter, ") for e in texts(figure))
    assert table(figure).rows


@pytest.mark.parametrize("name", ALL)
def test_renders_in_cairosvg(name):
    png = cairosvg.svg2png(bytestring=ALL[name]().svg.encode())
    assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize("name", ALL)
def test_no_text_overlaps_and_all_text_inside(name):
    figure = ALL[name]()
    boxes = [(e.text, box(e)) for e in texts(figure)]
    for (a_text, a), (b_text, b) in itertools.combinations(boxes, 2):
        assert not overlap(a, b), (a_text, b_text)
    for text, (left, top, right, bottom) in boxes:
        assert 0 <= left and right <= figure.width, text
        assert 0 <= top and bottom <= figure.height, text


@pytest.mark.parametrize("name", ALL)
def test_deterministic(name):
    assert ALL[name]().svg == ALL[name]().svg


def test_names_are_escaped():
    figure = stakeholders()
    assert "<script>" not in figure.svg
    assert "&lt;script&gt;" in figure.svg
    shown = " ".join(e.text or "" for e in texts(figure))
    assert "<script>" in shown  # the reader sees the text as written
    assert (EVIL, "Association", "3", "5") in table(figure).rows


def test_title_is_escaped():
    figure = indicator(title='Share <b>"heard"</b> & seen')
    assert "<b>" not in figure.svg
    assert title_and_desc(figure)[0] == 'Share <b>"heard"</b> & seen'


def test_long_labels_are_cut_in_the_svg_and_whole_in_the_table():
    for figure in (bars(), dots(), slopes()):
        shown = [e.text or "" for e in texts(figure)]
        assert LONG not in shown
        assert not any(LONG in line for line in shown)
        assert any(line.endswith("…") for line in shown)
        assert LONG in [row[0] for row in table(figure).rows]


def bar_rects(figure: Figure, colour: str) -> list[ET.Element]:
    return [r for r in parse(figure).iter(f"{NS}rect") if r.get("fill") == colour]


def test_none_draws_no_bar_and_a_dash_in_the_table():
    figure = bars(stacked=False)
    citizens = charts.PALETTE[0]
    assert len(bar_rects(figure, citizens)) == 1 + 3  # the legend swatch and three bars
    assert table(figure).rows[3][1] == "–"
    assert table(figure).rows[0][1] == "34"
    stacked = bars()
    assert len(bar_rects(stacked, citizens)) == 1 + 3
    assert table(stacked).head[-1] == "Total"
    assert table(stacked).rows[3][1:] == ("–", "6", "7", "13")


def test_none_draws_no_dot():
    figure = dots()
    markers = [e for e in parse(figure) if e.tag in (f"{NS}circle", f"{NS}polygon")]
    assert len(markers) == 3 + 3 + 2 + 1  # legend, then the values that are not None
    # One decimal throughout, since one value has one.
    assert table(figure).rows[2] == ("More trust in the municipality", "3.0", "–", "–", "–")
    assert table(figure).rows[0][-1] == "0.5"  # the spread, 4 - 3.5


def test_equal_values_in_a_row_are_dodged_others_stay_on_the_line():
    figure = dots()
    root = parse(figure)
    lines = [e for e in root.iter(f"{NS}line") if e.get("stroke") == "#9a9a9a"]
    centre = attr(lines[0], "y1")  # the first row: 4, 3.5 and 4
    circles = [e.get("cy") for e in root.iter(f"{NS}circle")][1:]  # after the legend key
    assert circles[0] == centre  # citizens' 4 on the line
    triangles = [e for e in root.iter(f"{NS}polygon") if e.get("fill") == charts.PALETTE[2]]
    ys = [sum(float(p.split(",")[1]) for p in attr(t, "points").split()) / 3 for t in triangles]
    assert abs(ys[1] - float(centre)) >= 10  # politicians' 4 moved off it


def test_slope_changes():
    figure = slopes()
    assert [row[3] for row in table(figure).rows] == ["+2", "unchanged", "+2", "–"]
    fell = charts.slope_chart("s", "T", "en", ["A"], "first", "last", [4], [2], (1, 5))
    assert table(fell).rows == (("A", "4", "2", "−2"),)
    assert "2 of 3 items went up, 0 went down and 1 stayed the same" in figure.alt


def test_single_period_still_draws():
    figure = indicator(values=[40.0], baseline=None, target=None)
    circles = list(parse(figure).iter(f"{NS}circle"))
    assert len(circles) == 2  # the point and its legend key
    assert "01.2025" in [e.text for e in texts(figure)]
    assert figure.alt.startswith("Share who feel heard was 40% in January 2025.")
    png = cairosvg.svg2png(bytestring=figure.svg.encode())
    assert png.startswith(b"\x89PNG")


def test_equal_values_do_not_divide_by_zero():
    figure = indicator(values=[50, 50, 50], baseline=50, target=50, direction="")
    ys = {c.get("cy") for c in parse(figure).iter(f"{NS}circle")}
    assert len(ys) == 2  # the three points on one line, and the legend key
    ticks = [
        e.text for e in texts(figure) if e.get("text-anchor") == "end" and (e.text or "").isdigit()
    ]
    assert len(set(ticks)) == len(ticks) > 1


def test_x_labels_of_24_periods_are_thinned_without_overlap():
    values = [100 + i * 3.7 for i in range(24)]
    figure = indicator(periods=periods(values, interval=None), baseline=100, target=180)
    labels = {p.label for p in periods(values)}
    shown = [e for e in texts(figure) if e.text in labels]
    assert 4 <= len(shown) < 24
    assert shown[-1].text == "12.2026"  # the latest period is always labelled
    boxes = sorted(box(e) for e in shown)
    for a, b in itertools.pairwise(boxes):
        assert a[2] <= b[0], "x labels overlap"


def test_thin_labels_keeps_all_that_fit():
    assert charts.thin_labels([0, 100, 200], [40, 40, 40]) == [0, 1, 2]
    assert charts.thin_labels([0, 30, 60, 90, 120], [40] * 5) == [0, 2, 4]
    assert charts.thin_labels([0, 30, 60, 90], [40] * 4) == [0, 3]


def test_danish_numbers():
    assert charts.number(31.5, "da", 1) == "31,5"
    assert charts.number(1234.5, "da", 1) == "1.234,5"
    assert charts.number(1234.5, "en", 1) == "1,234.5"
    assert charts.number(-2, "da") == "−2"
    figure = indicator("da", values=[22, 31.5])
    assert ("02.2025", "31,5", "28,5–34,5", "41") in table(figure).rows
    assert "31,5 %" in [e.text for e in texts(figure)]
    assert "31,5 %" in figure.alt
    assert "31.5" not in figure.svg.split("<desc")[1].split("</desc>")[0]


def test_indicator_alt_states_first_last_and_target():
    figure = indicator(values=[22, 26, 31])
    assert figure.alt == (
        "Share who feel heard rose from 22% in January 2025 to 31% in March 2025; "
        "the target is 35%. The numbers are in the table."
    )
    fell = indicator(values=[31, 22], target=None)
    assert fell.alt.startswith("Share who feel heard fell from 31% in January 2025 to 22%")
    assert ("Target", "35", "–", "–") in table(figure).rows
    assert table(figure).head == ("Period", "Value (%)", "95% interval", "Count")


def test_indicator_draws_baseline_and_target_lines_with_labels():
    figure = indicator()
    dashes = [e.get("stroke-dasharray") for e in parse(figure).iter(f"{NS}line")]
    assert dashes.count("7 4") == 1 and dashes.count("2 3") == 1
    shown = [e.text for e in texts(figure)]
    assert "Baseline" in shown and "Target" in shown
    assert "95% interval" in shown  # the whiskers have a legend key


def test_stakeholders_in_one_cell_are_stacked():
    figure = stakeholders()
    by_text = {e.text: float(attr(e, "y")) for e in texts(figure)}
    assert by_text["Local council"] != by_text["Nature society"]
    # Two actors share influence 3, interest 5: one under the other, same column.
    same = [
        e
        for e in texts(figure)
        if e.text in ("Local council", "Borgerforeningen <script>alert(1)</script>")
    ]
    assert len({e.get("x") for e in same}) <= 1
    assert table(figure).rows[0][2:] == ("5", "4")  # most influence first


def test_required_title_and_matching_lengths():
    with pytest.raises(ValueError):
        indicator(title=" ")
    with pytest.raises(ValueError):
        charts.bar_chart("b", "T", "en", ["a", "b"], [("s", [1])], False, "n")
    with pytest.raises(ValueError):
        indicator(periods=[])
