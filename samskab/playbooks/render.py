"""The playbook as HTML (the web page's body) and as a tagged PDF (PDF/UA-1, WeasyPrint).

Both read the same templates (`playbooks/document/`), so the page and the PDF cannot disagree.
The PDF is rendered from a standalone page (`print_html`) whose CSS is inline, whose images are
`data:` URIs and whose fonts are the system's (Inter, from Debian's fonts-inter): WeasyPrint
fetches nothing, and `LocalOnlyFetcher` refuses anything that is not a `data:` URI, so a URL
in someone's Markdown cannot make the server fetch it.

Labels inside the document (contents, "Page x of y", the empty-section box) are in the
document's language, not the reader's: a Danish playbook says "Side 3 af 30" to everyone.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import weasyprint  # type: ignore[import-untyped]
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

from .document import Document

PRINT_CSS = Path(__file__).with_name("print.css")
PDF_VARIANT = "pdf/ua-1"  # tagged, with /Lang, /DisplayDocTitle and the pdfuaid XMP entry

# The only counters a translated footer may name (see `counter_content`).
COUNTERS = {"page": "counter(page)", "pages": "counter(pages)"}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Characters a CSS string may carry as they are; anything else is written as a hex escape, so
# a translation can never close the string or the <style> element.
_CSS_PLAIN = re.compile(r"[\w .,:;!?()»«–—'/-]")


class RefusedURL(ValueError):
    """A URL the PDF renderer was asked to fetch and did not."""


class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Fetches `data:` URIs only; refuses every other URL (http, https, file, ftp).

    WeasyPrint catches the refusal and leaves the resource out. `refused` records what was
    asked for, which the tests read.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"})
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if not url.lower().startswith("data:"):
            self.refused.append(url)
            raise RefusedURL(url)
        response: URLFetcherResponse = super().fetch(url, headers)
        return response


def body_html(document: Document, *, for_print: bool) -> SafeString:
    """The document's body: cover, contents and sections (web page or PDF)."""
    with translation.override(document.language):
        return render_to_string("playbooks/document/body.html", _context(document, for_print))


def print_html(document: Document) -> SafeString:
    """The standalone page WeasyPrint renders: the body, the print CSS and the metadata."""
    with translation.override(document.language):
        context = _context(document, True)
        context["print_css"] = _print_css()
        context["page_css"] = page_css()
        return render_to_string("playbooks/document/print.html", context)


def pdf_bytes(
    document: Document, *, url_fetcher: LocalOnlyFetcher | None = None
) -> tuple[bytes, int]:
    """The tagged PDF (PDF/UA-1) and its number of pages."""
    fetcher = url_fetcher or LocalOnlyFetcher()
    # No base URL: everything is inline, so a relative reference has nothing to resolve to.
    html = weasyprint.HTML(string=print_html(document), base_url=None, url_fetcher=fetcher)
    rendered = html.render(pdf_variant=PDF_VARIANT)
    pdf: bytes = rendered.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf, len(rendered.pages)


def _context(document: Document, for_print: bool) -> dict[str, Any]:
    return {"document": document, "for_print": for_print}


@cache
def _print_css() -> SafeString:
    css = PRINT_CSS.read_text(encoding="utf-8")
    # Our own file, shipped with the code; it goes into a <style> element as it is.
    if "</" in css:
        raise ValueError("print.css must not contain '</': it would end the <style> element")
    return mark_safe(css)  # noqa: S308


def page_css() -> SafeString:
    """The page furniture's translated words as CSS (`@page` margin boxes can only say what
    their `content` strings say, so the words come from gettext here)."""
    footer = counter_content(gettext("Page %(page)s of %(pages)s"))
    rule = "@page { @bottom-right { content: " + footer + "; } }"
    # Each piece is escaped by `css_string` or is one of the fixed `COUNTERS`.
    return mark_safe(rule)  # noqa: S308


def counter_content(text: str) -> str:
    """A translated "Page %(page)s of %(pages)s" as a CSS `content` value:
    `"Side " counter(page) " af " counter(pages)`. Unknown placeholders are dropped."""
    parts = _PLACEHOLDER.split(text)
    values: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:
            values += [COUNTERS[part]] if part in COUNTERS else []
        elif part:
            values.append(css_string(part))
    return " ".join(values)


def css_string(text: str) -> str:
    """`text` as a quoted CSS string, every character outside a small plain set hex-escaped."""
    escaped = "".join(c if _CSS_PLAIN.fullmatch(c) else "\\%x " % ord(c) for c in text)
    return '"' + escaped + '"'
