"""Small SVG helpers: escaped text, the accessible frame, colours as presentation attributes.

Charts use presentation attributes (fill, stroke) rather than CSS classes, so an exported SVG
looks the same as the one on the page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK = "#1a1a1a"
ACCENT = "#1d4f91"
HIDDEN = "#8a8f94"
LINE = "#5f6368"
FONT = 'font-family="system-ui, sans-serif"'


def text(x: float, y: float, content: str, anchor: str = "middle", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" {FONT} '
        f'fill="{INK}">{escape(content)}</text>'
    )


def polygon(points: Iterable[tuple[float, float]], fill: str, opacity: float = 1.0) -> str:
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polygon points="{coords}" fill="{fill}" fill-opacity="{opacity:.2f}"/>'


def line(a: tuple[float, float], b: tuple[float, float], dashed: bool = False) -> str:
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    return (
        f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" '
        f'stroke="{LINE}" stroke-width="1"{dash}/>'
    )


def rect(x: float, y: float, w: float, h: float, fill: str, opacity: float = 1.0) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
        f'fill="{fill}" fill-opacity="{opacity:.2f}"/>'
    )


def link(href: str, name: str, body: str) -> str:
    """A focusable link in an SVG, named for screen readers and as a tooltip."""
    return (
        f'<a href="{escape(href)}" class="cell-link" aria-label="{escape(name)}">'
        f"<title>{escape(name)}</title>{body}</a>"
    )


def frame(
    chart_id: str, width: int, height: int, title: str, desc: str, body: str, role: str = "img"
) -> SafeString:
    """An accessible SVG named by its <title>, described by its <desc>.

    Role img for a picture; a chart holding links is a group (an img's children are
    presentational, so its links would be hidden from assistive technology).
    """
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" class="chart-svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="{role}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
    )
    return mark_safe(head + body + "</svg>")  # noqa: S308 (every text above is escaped)
