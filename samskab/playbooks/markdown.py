"""A person's Markdown, rendered and sanitised: CommonMark with tables, no raw HTML.

Headings move down two levels (a "#" in a section becomes an h3), because the playbook's title
is the h1 and each section's title an h2; the outline of the HTML page, the PDF's bookmarks and
the Word document's headings stay correct whatever the writer typed. nh3 then keeps only the
tags below, and links only to http, https and mailto (no `javascript:`).
"""

from __future__ import annotations

from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

SHIFT = 2
TAGS = {
    "p", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code",
    "pre", "br", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"style"}, "td": {"style"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


@cache
def parser() -> MarkdownIt:
    # html=False: raw HTML in the source is shown as text, never passed on.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def tokens(source: str) -> list[Token]:
    """The parsed source with headings already moved down (the Word renderer walks these)."""
    result = parser().parse(source or "")
    for token in result:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + SHIFT)
            token.tag = f"h{level}"
    return result


def render(source: str) -> str:
    """Sanitised HTML for a person's Markdown."""
    html = parser().renderer.render(tokens(source), parser().options, {})
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )


def is_blank(source: str) -> bool:
    return not (source or "").strip()


def plain_paragraphs(source: str) -> list[str]:
    """The text of each paragraph, heading and list item, without Markdown's marks (for
    comparing versions: a reader sees words, not asterisks)."""
    out = []
    for token in tokens(source):
        if token.type != "inline" or not token.children:
            continue
        words = [
            " " if child.type in ("softbreak", "hardbreak") else child.content
            for child in token.children
            if child.type in ("text", "code_inline", "softbreak", "hardbreak")
        ]
        text = " ".join("".join(words).split())
        if text:
            out.append(text)
    return out
