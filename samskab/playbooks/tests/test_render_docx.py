"""The Word document: opened again with python-docx and read back, structure first."""

from __future__ import annotations

import base64
import io
import sys
import zipfile

import cairocffi  # type: ignore[import-untyped]
import docx
import pytest
from django.utils import translation
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Cm, Mm

from samskab.playbooks.document import (
    Document,
    Facts,
    Figure,
    Heading,
    Markdown,
    Note,
    Paragraph,
    Quote,
    Section,
    Table,
)
from samskab.playbooks.render_docx import render_docx
from samskab.playbooks.svg_png import SvgError, svg_to_png

ALT = "Bars for 4 answers: Yes 12, No 7, Maybe 3, Don't know 1."
SPECIAL = "Børn & unge <under 18> sagde »æøå ÆØÅ« \x0bog\x00 mere"


def chart_svg(bars: int = 4, width: int = 640, height: int = 260) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img"><title>Answers</title>'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
    ]
    for i in range(bars):
        x, h = 40 + i * 30, 20 + (i * 37) % 200
        parts.append(f'<rect x="{x}" y="{230 - h}" width="20" height="{h}" fill="#1d4f91"/>')
        parts.append(f'<text x="{x + 10}" y="248" font-size="10" fill="#1a1a1a">{i}</text>')
    return "".join(parts) + "</svg>"


def figure(ident: str = "fig-1", svg: str | None = None) -> Figure:
    table = Table("Answers", ("Answer", "Stories"), (("Yes", "12"), ("No", "7")), numeric=(1,))
    return Figure(
        ident=ident,
        title="What people answered",
        alt=ALT,
        svg=chart_svg() if svg is None else svg,
        width=640,
        height=260,
        caption="Figure 1. What people answered.",
        table=table,
    )


MARKDOWN = """\
# What we did

We met **every week** and *wrote* it down, with `notes`.

- first point
- second point
  - a nested point

1. step one
2. step two

3) again from three
4) and four

> A remark worth quoting.

See [the guide](https://example.org/guide), [bad](javascript:alert(1)),
[relative](/o/demo/), [ftp](ftp://example.org/f) and [mail](mailto:lab@example.org).

| Group | Count |
|:------|------:|
| Children | 14 |
| **Parents** | 9 |
"""


def sample(**changes: object) -> Document:
    sections = (
        Section(
            "summary",
            "Summary",
            (
                Paragraph("The project ran for 14 months."),
                Markdown(MARKDOWN),
                Heading("Facts", 3),
                Facts((("Owner", "Park department"), ("Period", "2025–2026"))),
                Heading("Details", 4),
                Note("Counts are perturbed."),
            ),
            number=1,
        ),
        Section(
            "results",
            "Results",
            (
                Table("Scores", ("Item", "Before", "After"), (("Trust", "3.1", "3.9"),), (1, 2)),
                figure(),
                Quote("We were heard for once.", "A story from the park survey"),
                Paragraph(SPECIAL),
            ),
            number=2,
        ),
        Section("learning", "Learning", (), number=3, empty=True, prompt="Which experiences?"),
    )
    values: dict[str, object] = {
        "title": "Playbook: The park renewed",
        "subtitle": "How the lab worked",
        "organisation": "Demo Municipality",
        "project": "The park",
        "language": "da",
        "sections": sections,
        "version": "Version 2",
        "published": "3 December 2026",
    }
    values.update(changes)
    return Document(**values)  # type: ignore[arg-type]


def render(document: Document) -> WordDocument:
    with translation.override("en"):
        data = render_docx(document)
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def word() -> WordDocument:
    return render(sample())


def styled(word: WordDocument, prefix: str) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in word.paragraphs
        if p.style is not None and p.style.name is not None and p.style.name.startswith(prefix)
    ]


def test_headings_in_order_with_their_styles(word):
    assert styled(word, "Heading") == [
        ("Heading 1", "1. Summary"),
        ("Heading 2", "What we did"),
        ("Heading 2", "Facts"),
        ("Heading 3", "Details"),
        ("Heading 1", "2. Results"),
        ("Heading 1", "3. Learning"),
    ]
    assert styled(word, "Title") == [("Title", "Playbook: The park renewed")]


def test_markdown_lists_become_list_paragraphs(word):
    assert styled(word, "List") == [
        ("List Bullet", "first point"),
        ("List Bullet", "second point"),
        ("List Bullet 2", "a nested point"),
        ("List Number", "step one"),
        ("List Number", "step two"),
        ("List Number", "again from three"),
        ("List Number", "and four"),
    ]


def test_each_ordered_list_counts_from_its_own_start(word):
    numbered = [p for p in word.paragraphs if p.style is not None and p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]
    numbering = word.part.numbering_part.element
    starts = [
        numbering.num_having_numId(n).xpath("w:lvlOverride/w:startOverride/@w:val")
        for n in (num_ids[0], num_ids[2])
    ]
    assert starts == [["1"], ["3"]]


def test_strong_emphasis_and_code_runs(word):
    paragraph = next(p for p in word.paragraphs if p.text.startswith("We met"))
    runs = {r.text: r for r in paragraph.runs}
    assert runs["every week"].bold is True
    assert runs["wrote"].italic is True and not runs["wrote"].bold
    assert runs["We met "].bold is None
    assert runs["notes"].font.name == "Consolas"


def test_only_http_https_and_mailto_links_become_hyperlinks(word):
    paragraph = next(p for p in word.paragraphs if p.text.startswith("See "))
    links = {h.text: h.address for h in paragraph.hyperlinks}
    assert links == {"the guide": "https://example.org/guide", "mail": "mailto:lab@example.org"}
    assert all(
        r.style is not None and r.style.name == "Hyperlink"
        for h in paragraph.hyperlinks
        for r in h.runs
    )
    # The others stay as plain text, and no relationship points at them.
    assert "relative" in paragraph.text and "ftp" in paragraph.text and "bad" in paragraph.text
    targets = [r.target_ref for r in word.part.rels.values() if r.is_external]
    assert sorted(targets) == ["https://example.org/guide", "mailto:lab@example.org"]


def test_blockquote_and_note_and_quote_styles(word):
    quotes = styled(word, "Quote")
    assert quotes[0] == ("Quote", "A remark worth quoting.")
    assert quotes[1] == ("Quote", "»We were heard for once.«\n– A story from the park survey")
    source = next(p for p in word.paragraphs if p.text.startswith("»We were")).runs[-1]
    assert source.italic is True
    assert styled(word, "Intense Quote") == [("Intense Quote", "Note: Counts are perturbed.")]


def table_texts(table):
    return [[c.text for c in row.cells] for row in table.rows]


def repeats(row) -> bool:
    return bool(row._tr.xpath("w:trPr/w:tblHeader"))


def test_markdown_table_has_a_repeating_header(word):
    table = word.tables[0]
    assert table_texts(table) == [["Group", "Count"], ["Children", "14"], ["Parents", "9"]]
    assert repeats(table.rows[0]) and not repeats(table.rows[1])
    assert table.style.name == "Table Grid"
    assert table.rows[2].cells[1].paragraphs[0].alignment == 2  # right
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold is True


def test_facts_are_a_borderless_two_column_table_with_bold_labels(word):
    table = word.tables[1]
    assert table_texts(table) == [["Owner", "Park department"], ["Period", "2025–2026"]]
    assert table._tbl.tblPr.xpath("w:tblStyle") == []
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold is True
    assert table.rows[0].cells[1].paragraphs[0].runs[0].bold is None


def test_data_table_caption_header_and_numeric_columns(word):
    table = word.tables[2]
    assert table_texts(table) == [["Item", "Before", "After"], ["Trust", "3.1", "3.9"]]
    assert repeats(table.rows[0])
    aligns = [c.paragraphs[0].alignment for c in table.rows[1].cells]
    assert aligns == [None, 2, 2]
    captions = [text for _, text in styled(word, "Caption")]
    assert captions == ["Scores", "What people answered Figure 1. What people answered.", "Answers"]
    caption = next(p for p in word.paragraphs if p.text == "Scores")
    assert caption._p.getnext() is table._tbl


def test_every_figure_is_an_inline_picture_with_its_alt_text(word):
    shapes = list(word.inline_shapes)
    assert len(shapes) == 1
    doc_pr = shapes[0]._inline.docPr
    assert doc_pr.get("descr") == ALT
    assert doc_pr.get("title") == "What people answered"
    assert shapes[0].width == Cm(16)  # 640 px is wider than the text: scaled down
    assert shapes[0].height == round(Cm(16) * 260 / 640)
    r_id = shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    blob = word.part.related_parts[r_id].blob
    assert cairocffi.ImageSurface.create_from_png(io.BytesIO(blob)).get_width() == 1280  # 2x


def test_figure_caption_follows_the_picture_then_its_table(word):
    picture = next(p for p in word.paragraphs if p._p.xpath(".//wp:docPr"))
    caption = picture._p.getnext()
    assert caption.xpath("string(.)") == "What people answered Figure 1. What people answered."
    assert caption.getnext().xpath("string(.)") == "Answers"  # the table's own caption
    assert caption.getnext().getnext().tag == qn("w:tbl")
    assert picture.paragraph_format.keep_with_next is True


def test_core_properties(word):
    props = word.core_properties
    assert props.title == "Playbook: The park renewed"
    assert props.subject == "How the lab worked"
    assert props.author == "Demo Municipality"
    assert props.language == "da-DK"


def test_danish_is_the_default_language(word):
    langs = word.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    assert langs == ["da-DK"]
    assert word.settings.element.xpath("w:proofState") == []


def test_footer_counts_pages_with_fields_and_header_shows_title(word):
    section = word.sections[0]
    footer = section.footer.paragraphs[0]
    codes = [t.strip() for t in footer._p.xpath(".//w:instrText/text()")]
    assert codes == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("Page ") and " of " in footer.text
    assert section.header.paragraphs[0].text == "Playbook: The park renewed"
    assert section.different_first_page_header_footer is True


def test_a4_page_with_25mm_margins(word):
    section = word.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    for margin in (section.left_margin, section.right_margin, section.top_margin):
        assert abs(margin - Cm(2.5)) < Mm(0.1)


def test_cover_then_contents_field(word):
    texts = [p.text for p in word.paragraphs[:6]]
    assert texts[:4] == ["Demo Municipality", "Playbook: The park renewed", "How the lab worked",
                         "Version 2 · 3 December 2026"]  # fmt: skip
    codes = [t.strip() for t in word.element.body.xpath(".//w:instrText/text()")]
    assert codes == [r'TOC \o "1-3" \h \z \u']
    hint = "Right-click and choose Update field to show the table of contents."
    assert any(p.text == hint for p in word.paragraphs)
    breaks = word.element.body.xpath('.//w:br[@w:type="page"]')
    assert len(breaks) == 2


def test_empty_section_says_so_and_shows_its_prompt(word):
    heading = next(i for i, p in enumerate(word.paragraphs) if p.text == "3. Learning")
    notice, prompt = word.paragraphs[heading + 1 : heading + 3]
    assert notice.text == "This section has not been written yet"
    assert prompt.text == "Which experiences?"
    assert prompt.runs[0].italic is True


def test_special_characters_survive():
    word = render(sample())
    assert any(p.text == "Børn & unge <under 18> sagde »æøå ÆØÅ« og mere" for p in word.paragraphs)
    markup = render(sample(sections=(Section("s", "<b>&amp;", (Markdown("a <i>b</i> & »c«"),)),)))
    assert [p.text for p in markup.paragraphs][-2:] == ["<b>&amp;", "a <i>b</i> & »c«"]


def test_a_malformed_chart_is_replaced_by_its_alt_text_and_table():
    broken = figure(svg="<svg xmlns='http://www.w3.org/2000/svg' width='640'><rect")
    word = render(sample(sections=(Section("r", "Results", (broken,), number=1),)))
    assert list(word.inline_shapes) == []
    texts = [p.text for p in word.paragraphs]
    assert f"The chart could not be drawn. What it shows: {ALT}" in texts
    assert "What people answered Figure 1. What people answered." in texts
    assert table_texts(word.tables[0]) == [["Answer", "Stories"], ["Yes", "12"], ["No", "7"]]


@pytest.mark.parametrize(
    "svg",
    [
        "",
        "not xml",
        "<html/>",
        chart_svg().replace('viewBox="0 0 640', 'viewBox="0 0 nan'),  # cairo: invalid matrix
        chart_svg().replace('viewBox="0 0 640', 'viewBox="0 0 inf'),  # division by zero
        chart_svg().replace("<title>", '<use href="#u" id="u"/><title>'),  # endless recursion
    ],
)
def test_svg_to_png_refuses_what_it_cannot_draw(svg):
    with pytest.raises(SvgError):
        svg_to_png(svg, 200, 100)


def test_svg_to_png_refuses_huge_pictures():
    with pytest.raises(SvgError):
        svg_to_png(chart_svg(), 10_000, 100)


def test_svg_to_png_reads_no_files(tmp_path):
    red = cairocffi.ImageSurface(cairocffi.FORMAT_ARGB32, 10, 10)
    context = cairocffi.Context(red)
    context.set_source_rgb(1, 0, 0)
    context.paint()
    red.write_to_png(str(tmp_path / "red.png"))
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10" fill="#ffffff"/>'
        f'<image href="file://{tmp_path}/red.png" width="10" height="10"/></svg>'
    )
    drawn = cairocffi.ImageSurface.create_from_png(io.BytesIO(svg_to_png(svg, 10, 10)))
    assert bytes(drawn.get_data())[:4] == b"\xff\xff\xff\xff"  # white, not red


def test_svg_to_png_draws_the_colours_where_they_are():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10" width="20" height="10">'
        '<rect width="10" height="10" fill="#ff0000"/>'
        '<rect x="10" width="10" height="10" fill="#1d4f91"/></svg>'
    )
    drawn = cairocffi.ImageSurface.create_from_png(io.BytesIO(svg_to_png(svg, 40, 20)))
    assert (drawn.get_width(), drawn.get_height()) == (40, 20)
    stride = drawn.get_stride()
    pixels = bytes(drawn.get_data())

    def pixel(x: int, y: int) -> int:
        return int.from_bytes(pixels[y * stride + 4 * x : y * stride + 4 * x + 4], sys.byteorder)

    assert [pixel(5, 5), pixel(5, 19), pixel(35, 0), pixel(35, 19)] == [
        0xFFFF0000,
        0xFFFF0000,
        0xFF1D4F91,
        0xFF1D4F91,
    ]


def logo_uri() -> str:
    return "data:image/png;base64," + base64.b64encode(svg_to_png(chart_svg(), 200, 80)).decode()


def test_cover_logo_from_a_data_uri():
    word = render(sample(logo=logo_uri()))
    shapes = list(word.inline_shapes)
    assert len(shapes) == 2
    assert shapes[0]._inline.docPr.get("descr") == "Demo Municipality"
    assert shapes[0].width <= Cm(6) and shapes[0].height <= Cm(2.5)


@pytest.mark.parametrize(
    "logo",
    [
        "https://example.org/logo.png",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "data:image/png;base64,not base64!",
        "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\ntruncated").decode(),
    ],
)
def test_a_logo_that_is_not_a_png_or_jpeg_is_left_out(logo):
    word = render(sample(logo=logo))
    assert len(list(word.inline_shapes)) == 1  # the chart only


def test_large_documents_still_render():
    rows = "\n".join(f"| row {i} | {i * 7} |" for i in range(1500))
    big_table = Markdown("| Name | Value |\n|---|---:|\n" + rows)
    paragraphs = tuple(Paragraph(f"Paragraph {i} with some words & more.") for i in range(500))
    word = render(sample(sections=(Section("big", "Big", (big_table, *paragraphs), number=1),)))
    assert len(word.tables[0].rows) == 1501
    assert word.tables[0].rows[1500].cells[1].text == str(1499 * 7)
    assert sum(p.text.startswith("Paragraph ") for p in word.paragraphs) == 500


def test_the_file_is_a_valid_docx_package():
    with translation.override("en"):
        data = render_docx(sample())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        names = set(package.namelist())
    assert {"word/document.xml", "word/styles.xml", "docProps/core.xml"} <= names
    assert any(name.startswith("word/media/") and name.endswith(".png") for name in names)


def test_deep_lists_code_and_small_headings():
    source = (
        "##### Small\n\n- one\n  - two\n    - three\n      - four\n\n"
        "  more of one\n\n```\nline 1\nline 2\n```\n"
    )
    word = render(sample(sections=(Section("s", "S", (Markdown(source),), number=1),)))
    assert styled(word, "Heading 4") == [("Heading 4", "Small")]
    assert styled(word, "List") == [
        ("List Bullet", "one"),
        ("List Bullet 2", "two"),
        ("List Bullet 3", "three"),
        ("List Bullet 3", "four"),
        ("List Continue", "more of one"),
    ]
    code = next(p for p in word.paragraphs if p.text == "line 1\nline 2")
    assert {r.font.name for r in code.runs} == {"Consolas"}


def test_each_figure_carries_its_own_alt_text():
    figures = tuple(
        Figure(f"f{i}", f"Title {i}", f"Alt {i}", chart_svg(i + 2), 640, 260, f"Caption {i}")
        for i in range(3)
    )
    word = render(sample(sections=(Section("s", "S", figures, number=1),)))
    described = [
        (s._inline.docPr.get("descr"), s._inline.docPr.get("title")) for s in word.inline_shapes
    ]
    assert described == [(f"Alt {i}", f"Title {i}") for i in range(3)]
