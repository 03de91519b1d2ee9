"""The playbook's PDF: tagged PDF/UA-1, metadata, outline, page furniture, and nothing fetched.

No database: the document is built here. `pdftotext` (Debian's poppler-utils) reads the pages'
text.
"""

from __future__ import annotations

import base64
import logging
import re
import shutil
import socket
import subprocess
from functools import cache
from io import BytesIO
from typing import Any

import pikepdf
import pytest
import weasyprint  # type: ignore[import-untyped]
from django.utils import translation
from django.utils.translation import gettext

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
from samskab.playbooks.render import LocalOnlyFetcher, RefusedURL, pdf_bytes

LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">'
    '<rect width="120" height="40" fill="#0b5d5b"/></svg>'
)
LOGO = "data:image/svg+xml;base64," + base64.b64encode(LOGO_SVG.encode()).decode()


def chart_svg(values: list[int], width: int = 640, height: int = 260) -> str:
    """A bar chart like the chart code makes: presentation attributes only, text escaped."""
    bar = (width - 80) // max(1, len(values))
    top = max(values) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        f'<line x1="60" y1="{height - 30}" x2="{width - 10}" y2="{height - 30}" '
        'stroke="#4a5360" stroke-width="1"/>',
    ]
    for index, value in enumerate(values):
        h = int((height - 60) * value / top)
        x = 60 + index * bar
        parts.append(
            f'<rect x="{x + 4}" y="{height - 30 - h}" width="{bar - 8}" height="{h}" '
            'fill="#0b5d5b"/>'
        )
        parts.append(
            f'<text x="{x + bar // 2}" y="{height - 12}" font-size="12" fill="#1b1f24" '
            f'text-anchor="middle">Periode {index + 1}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def figure(ident: str, alt: str) -> Figure:
    values = [12, 18, 25, 31]
    table = Table(
        caption=f"Tallene bag {ident}",
        head=("Periode", "Antal", "Andel"),
        rows=tuple((f"Periode {i + 1}", str(v), f"{v * 2} %") for i, v in enumerate(values)),
        numeric=(1, 2),
    )
    return Figure(
        ident=ident,
        title=f"Deltagere pr. periode ({ident})",
        alt=alt,
        svg=chart_svg(values),
        width=640,
        height=260,
        caption="Kilde: fortællingerne, 95 % interval.",
        table=table,
    )


MARKDOWN = """Vi startede med at **spørge borgerne**, før vi tegnede noget. Det tog længere tid
end planlagt, men gav et samarbejde, som holdt hele vejen igennem projektet.

# Hvad vi lærte

- Mød folk, hvor de er
- Aftal roller tidligt

Læs mere i [kommunens rapport](https://example.org/rapport).
"""


def sample_document(
    *,
    sections: int = 3,
    figures_per_section: tuple[int, ...] = (0, 2, 0),
    markdown: str = MARKDOWN,
    logo: str = LOGO,
) -> Document:
    """A small playbook with every block kind, the given number of figures per section, and
    the last section marked empty."""
    built = []
    figure_count = 0
    for number in range(1, sections + 1):
        blocks: list[Any] = [
            Paragraph(f"Projektet kørte fra marts til oktober (afsnit {number})."),
            Markdown(markdown),
            Facts((("Ejer", "Park og Vej"), ("Metode", "Fortællinger og afstemninger"))),
        ]
        count = figures_per_section[number - 1] if number <= len(figures_per_section) else 0
        for _ in range(count):
            figure_count += 1
            ident = f"fig{figure_count}"
            blocks.append(
                figure(ident, f"Søjlediagram {figure_count}: deltagerne steg fra 12 til 31.")
            )
        blocks += [
            Heading("Undervejs"),
            Table(
                caption="Aktiviteter",
                head=("Aktivitet", "Dato", "Deltagere"),
                rows=(("Workshop", "4. marts", "23"), ("Byvandring", "12. april", "41")),
                numeric=(2,),
            ),
            Quote(
                'Det var første gang, nogen spurgte os "før" og ikke efter.', "Borger, workshop 2"
            ),
            Note("Tal under 5 er afrundet, så ingen kan genkendes."),
        ]
        last = number == sections
        built.append(
            Section(
                key=f"part{number}",
                title=f"Afsnit nummer {number}",
                blocks=tuple(blocks),
                number=number,
                empty=last,
                prompt="Hvad vil I anbefale den næste afdeling?" if last else "",
            )
        )
    return Document(
        title="Drejebog: Parken der blev fornyet",
        subtitle="Sådan inddrog vi borgerne i fornyelsen af Byparken",
        organisation="Demo Kommune",
        project="Parken der blev fornyet",
        language="da",
        sections=tuple(built),
        version="Version 2",
        published="12. marts 2026",
        colophon=(("Udgivet af", "Demo Kommune"), ("Kontakt", "park@demo.dk")),
        logo=logo,
    )


@cache
def rendered() -> tuple[bytes, int]:
    return pdf_bytes(sample_document())


def struct_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, walking /K from the root."""
    found: list[pikepdf.Dictionary] = []
    stack: list[Any] = [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append(node)
            if "/K" in node:
                stack.append(node.K)
    return found


def outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    titles: list[str] = []
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            titles.append(item.title)
            stack.extend(item.children)
    return titles


def page_text(pdf: bytes, page: int) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install Debian's poppler-utils (make system-deps)")
    result = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), "-", "-"],  # noqa: S607
        input=pdf,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def test_pdf_is_tagged_pdf_ua_with_metadata() -> None:
    data, _ = rendered()
    document = sample_document()
    with pikepdf.open(BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == "da"
        for flag in (pdf.Root.MarkInfo.Marked, pdf.Root.ViewerPreferences.DisplayDocTitle):
            assert isinstance(flag, bool) and flag
        assert str(pdf.docinfo["/Title"]) == document.title
        assert str(pdf.docinfo["/Author"]) == document.organisation
        assert str(pdf.docinfo["/Subject"]) == document.subtitle
        meta = pdf.open_metadata()
        assert meta["dc:title"] == document.title
        assert meta.get("{http://www.aiim.org/pdfua/ns/id/}part") == "1"


def test_structure_tree_has_headings_tables_and_figures_with_alt() -> None:
    data, _ = rendered()
    document = sample_document()
    with pikepdf.open(BytesIO(data)) as pdf:
        elements = struct_elements(pdf)
        tags = {str(e.S) for e in elements}
        assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Caption"} <= tags
        alts = sorted(str(e.get("/Alt", "")) for e in elements if e.S == "/Figure")
    expected = sorted([f.alt for f in document.figures()] + [document.organisation])
    assert len(document.figures()) == 2
    assert alts == expected


def test_outline_lists_every_section() -> None:
    data, _ = rendered()
    with pikepdf.open(BytesIO(data)) as pdf:
        titles = outline_titles(pdf)
    document = sample_document()
    assert document.title in titles
    for section in document.sections:
        assert f"{section.number}. {section.title}" in titles


def page_label(page: int, pages: int) -> str:
    with translation.override("da"):
        return gettext("Page %(page)s of %(pages)s") % {"page": page, "pages": pages}


def test_pages_have_footer_and_cover_has_none() -> None:
    data, pages = rendered()
    assert pages > 2
    with pikepdf.open(BytesIO(data)) as pdf:
        assert len(pdf.pages) == pages
    cover = page_text(data, 1)
    assert "Sådan inddrog vi borgerne i fornyelsen af Byparken" in cover
    assert page_label(1, pages) not in cover
    for page in (2, pages):
        assert page_label(page, pages) in page_text(data, page)


def test_running_header_names_the_document_and_the_section() -> None:
    data, pages = rendered()
    last = page_text(data, pages).splitlines()
    header = next(line for line in last if line.strip())
    assert "Drejebog: Parken der blev fornyet" in header
    assert "3. Afsnit nummer 3" in header


def test_contents_give_each_section_its_page() -> None:
    data, pages = rendered()
    contents = page_text(data, 2)
    starts = {}
    for page in range(3, pages + 1):
        lines = [line.strip() for line in page_text(data, page).splitlines() if line.strip()]
        # The line under the running header is the section's heading when a section starts.
        match = re.fullmatch(r"(\d+)\. Afsnit nummer \d+", lines[1])
        if match:
            starts[int(match[1])] = page
    assert sorted(starts) == [1, 2, 3]
    for number, page in starts.items():
        assert re.search(
            rf"^\s*{number}\.\s+Afsnit nummer {number}[ .]*\s{page}\s*$", contents, re.M
        )


def test_empty_section_is_marked_in_the_pdf() -> None:
    data, pages = rendered()
    text = page_text(data, pages)
    with translation.override("da"):
        assert gettext("This section has not been written yet") in text
    assert "Hvad vil I anbefale den næste afdeling?" in text


def test_no_errors_logged_by_weasyprint(caplog: pytest.LogCaptureFixture) -> None:
    """Missing alt text, a missing lang or an unknown option are logged, not raised."""
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf_bytes(sample_document(sections=1, figures_per_section=(1,)))
    assert [r.getMessage() for r in caplog.records] == []


class SpyFetcher(LocalOnlyFetcher):
    """Records what reached the real fetch, i.e. what was not refused."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        response = super().fetch(url, headers)
        self.fetched.append(url)
        return response


def test_fetcher_refuses_everything_but_data_uris() -> None:
    fetcher = LocalOnlyFetcher()
    for url in ("http://example.invalid/x.png", "https://example.invalid/", "file:///etc/passwd"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert fetcher.refused == [
        "http://example.invalid/x.png",
        "https://example.invalid/",
        "file:///etc/passwd",
    ]
    assert fetcher.fetch("data:text/plain,hej").read() == b"hej"


def test_weasyprint_asks_our_fetcher_and_gets_nothing() -> None:
    fetcher = LocalOnlyFetcher()
    html = '<html lang="da"><body><img src="http://example.invalid/x.png" alt="x"></body></html>'
    weasyprint.HTML(string=html, url_fetcher=fetcher).render()
    assert fetcher.refused == ["http://example.invalid/x.png"]


def test_urls_in_markdown_fetch_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object) -> None:
        raise AssertionError("the PDF renderer opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    source = (
        "![Kort](http://example.invalid/x.png)\n\n"
        "Se [kortet](http://example.invalid/kort) og <img src='http://example.invalid/y.png'>."
    )
    document = sample_document(sections=1, figures_per_section=(1,), markdown=source)
    fetcher = SpyFetcher()
    data, _ = pdf_bytes(document, url_fetcher=fetcher)
    assert data.startswith(b"%PDF-1.7")
    assert fetcher.refused == []
    # The logo and the chart came through the fetcher, as data: URIs, and nothing else did.
    assert len(fetcher.fetched) == 2
    assert all(url.startswith("data:") for url in fetcher.fetched)
