"""Template filters for the playbook document (`playbooks/document/` templates)."""

from __future__ import annotations

import base64

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from samskab.playbooks import markdown as md
from samskab.playbooks.document import Figure, Table

register = template.Library()


@register.filter
def markdown(source: str) -> SafeString:
    """A person's Markdown as HTML. `markdown.render` sanitises it with nh3 (no raw HTML, an
    allow-list of tags and attributes, only http, https and mailto links)."""
    html = md.render(source)
    # A wide table scrolls on its own on a phone, like the generated ones. nh3 allows no
    # attributes on <table>, so every table starts as exactly "<table>".
    label = escape(gettext("Table"))
    wrapper = f'<div class="table-wrap" role="region" tabindex="0" aria-label="{label}">'
    html = html.replace("<table>", wrapper + "<table>").replace("</table>", "</table></div>")
    return mark_safe(html)  # noqa: S308


@register.filter
def inline_svg(figure: Figure) -> SafeString:
    """The chart's SVG, inline on the web page.

    The one place a chart's SVG is marked safe: it is built by our own chart code, with every
    text escaped and presentation attributes only (no scripts, no CSS classes).
    """
    return mark_safe(figure.svg)  # noqa: S308


@register.filter
def svg_data_uri(figure: Figure) -> str:
    """The chart's SVG as a `data:` URI, for an <img> in the PDF (WeasyPrint tags an <img>'s
    alt text as the /Figure's /Alt; an inline <svg> gets none)."""
    encoded = base64.b64encode(figure.svg.encode("utf-8")).decode("ascii")
    return "data:image/svg+xml;base64," + encoded


@register.filter
def column_widths(table: Table) -> list[str]:
    """Column widths (percent) for the PDF's fixed table layout, from the cells' lengths.

    WeasyPrint's automatic table layout measures every cell's smallest and largest width,
    which is a fifth of a long playbook's rendering time; a fixed layout with widths guessed
    from the text is as readable. A column gets room for its longest word and a share of its
    longest text (capped, so one long cell does not starve the others).
    """
    columns = len(table.head)
    if columns == 0:
        return []
    rows = [table.head, *table.rows]
    wants = []
    for index in range(columns):
        cells = [row[index] for row in rows if index < len(row)]
        longest_word = max((len(w) for c in cells for w in c.split()), default=1)
        longest_text = max((len(c) for c in cells), default=1)
        wants.append(max(longest_word + 3, min(longest_text, 48), 4))
    total = sum(wants)
    return [f"{100 * want / total:.1f}" for want in wants]
