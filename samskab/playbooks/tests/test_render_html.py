"""The playbook's HTML body (web page and PDF) and the standalone page the PDF is made from."""

from __future__ import annotations

import base64
import dataclasses
import re
import typing
from xml.etree.ElementTree import Element

import pytest
import tinyhtml5  # type: ignore[import-untyped]
from django.template.loader import get_template
from django.utils import translation
from django.utils.translation import gettext

from samskab.playbooks.document import Block, Document, Markdown, Quote, Section
from samskab.playbooks.render import body_html, counter_content, css_string, print_html

from .test_render_pdf import sample_document

SVG = "{http://www.w3.org/2000/svg}svg"


def parse(html: str) -> Element:
    root: Element = tinyhtml5.parse(html, namespace_html_elements=False)
    return root


def text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def with_blocks(*blocks: Block) -> Document:
    section = Section(key="summary", title="Resumé", blocks=blocks, number=1)
    return dataclasses.replace(sample_document(), sections=(section,))


def test_every_block_kind_has_a_template() -> None:
    kinds = [cls.__dataclass_fields__["kind"].default for cls in typing.get_args(Block)]
    assert len(kinds) == 8
    for kind in kinds:
        get_template(f"playbooks/document/blocks/{kind}.html")  # raises when missing


def test_web_figure_is_inline_svg_labelled_by_its_alt() -> None:
    document = sample_document()
    root = parse(body_html(document, for_print=False))
    figures = root.findall(".//figure[@class='playbook-figure']")
    assert len(figures) == len(document.figures()) == 2
    for element, figure in zip(figures, document.figures(), strict=True):
        image = element.find("div[@role='img']")
        assert image is not None
        assert image.get("aria-label") == figure.alt
        assert image.find(SVG) is not None
        assert element.find(".//img") is None
        # The figures behind the chart: a table, folded away.
        details = element.find("details")
        assert details is not None
        assert details.find(".//table/caption") is not None


def test_print_figure_is_an_img_with_alt_and_a_plain_table() -> None:
    document = sample_document()
    root = parse(body_html(document, for_print=True))
    assert root.find(f".//{SVG}") is None
    assert root.find(".//details") is None
    images = root.findall(".//img[@class='figure-image']")
    assert [img.get("alt") for img in images] == [f.alt for f in document.figures()]
    for img, figure in zip(images, document.figures(), strict=True):
        src = img.get("src") or ""
        prefix = "data:image/svg+xml;base64,"
        assert src.startswith(prefix)
        assert base64.b64decode(src.removeprefix(prefix)).decode() == figure.svg
    captions = [text(c) for c in root.findall(".//table/caption")]
    for figure in document.figures():
        assert figure.table is not None
        assert figure.table.caption in captions


def test_markdown_cannot_inject_markup() -> None:
    document = with_blocks(Markdown('<script>alert("x")</script>\n\n<b onclick="x()">fed</b>'))
    html = body_html(document, for_print=False)
    root = parse(html)
    assert root.find(".//script") is None
    assert root.find(".//b") is None
    assert all("onclick" not in element.attrib for element in root.iter())
    markdown = root.find(".//div[@class='playbook-markdown']")
    assert markdown is not None
    assert '<script>alert("x")</script>' in text(markdown)


def test_quotes_and_attributes_are_escaped() -> None:
    hostile = 'Hun sagde "nej" & <b>gik</b>'
    document = with_blocks(Quote(hostile, '<i>Borger</i> "A"'))
    document = dataclasses.replace(document, organisation='Kommune "<x>"')
    html = body_html(document, for_print=False)
    root = parse(html)
    assert root.find(".//b") is None
    assert root.find(".//i") is None
    quote = root.find(".//figure[@class='playbook-quote']")
    assert quote is not None
    blockquote = quote.find("blockquote")
    source = quote.find("figcaption")
    assert blockquote is not None and source is not None
    assert text(blockquote) == hostile
    assert text(source) == '<i>Borger</i> "A"'
    logo = root.find(".//img[@class='cover-logo']")
    assert logo is not None
    assert logo.get("alt") == 'Kommune "<x>"'


def test_section_anchors_and_contents_links_match() -> None:
    document = sample_document()
    root = parse(body_html(document, for_print=False))
    links = [a.get("href") for a in root.findall(".//nav[@class='playbook-toc']//a")]
    assert links == [f"#{s.anchor}" for s in document.sections]
    for section in document.sections:
        element = root.find(f".//section[@id='{section.anchor}']")
        assert element is not None
        heading = element.find("h2")
        assert heading is not None
        assert element.get("aria-labelledby") == heading.get("id")
        assert text(heading) == f"{section.number}. {section.title}"


def test_empty_section_shows_its_prompt_in_a_marked_box() -> None:
    document = sample_document()
    root = parse(body_html(document, for_print=False))
    boxes = root.findall(".//div[@class='section-empty']")
    assert len(boxes) == 1
    with translation.override("da"):
        label = gettext("This section has not been written yet")
    assert text(boxes[0]) == f"{label} {document.sections[-1].prompt}"


def test_table_has_caption_column_headers_and_numeric_columns() -> None:
    root = parse(body_html(sample_document(), for_print=True))
    table = next(t for t in root.findall(".//table") if t.findtext("caption") == "Aktiviteter")
    headers = table.findall("thead/tr/th")
    assert [h.get("scope") for h in headers] == ["col", "col", "col"]
    assert [h.get("class") for h in headers] == [None, None, "number"]
    cells = table.findall("tbody/tr")[0].findall("td")
    assert [c.get("class") for c in cells] == [None, None, "number"]


def test_logo_only_from_a_data_uri() -> None:
    document = dataclasses.replace(sample_document(), logo="http://example.invalid/logo.png")
    root = parse(body_html(document, for_print=True))
    assert root.find(".//img[@class='cover-logo']") is None
    assert "example.invalid" not in body_html(document, for_print=True)


def test_print_page_carries_language_title_and_metadata() -> None:
    document = sample_document()
    root = parse(print_html(document))
    assert root.get("lang") == "da"
    title = root.find("head/title")
    assert title is not None and title.text == document.title
    meta = {m.get("name"): m.get("content") for m in root.findall("head/meta[@name]")}
    assert meta["author"] == document.organisation
    assert meta["description"] == document.subtitle
    styles = "".join(text(s) for s in root.findall("head/style"))
    assert "@page cover" in styles
    assert "counter(pages)" in styles


def test_footer_words_become_css_strings_and_counters() -> None:
    assert counter_content("Side %(page)s af %(pages)s") == (
        '"Side " counter(page) " af " counter(pages)'
    )
    # The escape's own terminating space, then the real one.
    assert counter_content("%(page)s | %(pages)s") == r'counter(page) " \7c  " counter(pages)'
    assert counter_content("p. %(page)s %(other)s") == '"p. " counter(page) " "'


@pytest.mark.parametrize("hostile", ['"; } body { display: none', "</style><script>", "a\\b\nc"])
def test_a_translation_cannot_leave_its_css_string(hostile: str) -> None:
    quoted = css_string(hostile)
    inner = quoted[1:-1]
    assert quoted.startswith('"') and quoted.endswith('"')
    assert not re.search(r'["<>{}\n]', inner)
    assert re.sub(r"\\[0-9a-f]+ ", "", inner).count("\\") == 0
