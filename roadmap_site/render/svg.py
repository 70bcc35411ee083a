"""SVG primitives for diagrams drawn at build time: text measure, word wrap, elements.

Every element is written as well-formed XML (an SVG embedded in an HTML page, or read
on its own by a feed reader) and every user string goes through ``escape.py``: text
with :func:`roadmap_site.escape.html_text`, attributes with
:func:`roadmap_site.escape.attribute`. Only numbers, class names and validated slugs
are written in place; no function here writes a script, an event handler or a link
other than ``#<slug>``.

Text is measured with the estimate of ``text_width.py``, which the charts use too.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from roadmap_site.content.fields import SLUG_PATTERN
from roadmap_site.render.escape import attribute, html_text
from roadmap_site.render.text_width import lines_width as lines_width_at
from roadmap_site.render.text_width import text_width as text_width_at
from roadmap_site.render.text_width import wrap as wrap_at

__all__ = [
    "FONT_SIZE",
    "LINE_HEIGHT",
    "Box",
    "anchor_href",
    "document",
    "link",
    "text_block",
    "text_width",
    "wrap",
]

FONT_SIZE = 14
"""Label size in CSS px. Diagrams are never scaled (see docs/diagrams.md), so this is
the size a reader sees: 12 px is the least any label may show at."""
LINE_HEIGHT = 18
"""Distance between the baselines of two wrapped lines, in px."""

# the one text measure of the charts and diagrams, at the diagrams' label size
text_width = functools.partial(text_width_at, size=FONT_SIZE)
wrap = functools.partial(wrap_at, size=FONT_SIZE)
lines_width = functools.partial(lines_width_at, size=FONT_SIZE)


@dataclass(frozen=True)
class Box:
    """A rectangle in diagram coordinates (px)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def cx(self) -> float:
        """Horizontal centre."""
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        """Vertical centre."""
        return self.y + self.height / 2

    @property
    def right(self) -> float:
        """Right edge."""
        return self.x + self.width

    @property
    def bottom(self) -> float:
        """Bottom edge."""
        return self.y + self.height


@functools.lru_cache(maxsize=65536)  # coordinates repeat (columns, rows, axis): 4x faster cached
def num(value: float) -> str:
    """A coordinate as written in the SVG: at most one decimal, no trailing zero."""
    written = f"{value:.1f}"
    if written.endswith(".0"):
        written = written[:-2]
    return "0" if written == "-0" else written


def text_block(
    lines: list[str], x: float, y: float, *, css: str, anchor: str = "middle", size: float = FONT_SIZE
) -> str:
    """A ``<text>`` of one ``<tspan>`` per line; ``y`` is the first line's baseline, ``x``
    its anchor point (``anchor``: start, middle or end)."""
    spans = "".join(
        f'<tspan x="{num(x)}" y="{num(y + index * LINE_HEIGHT)}">{html_text(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    size_attr = "" if size == FONT_SIZE else f' font-size="{num(size)}"'
    return f'<text class="{css}" text-anchor="{anchor}"{size_attr}>{spans}</text>'


_SLUG = re.compile(SLUG_PATTERN)


def anchor_href(slug: str | None) -> str | None:
    """``#slug`` for a link to a section of the page, or None when ``slug`` is not a slug.

    The model validates ids already; checking again keeps this module safe on its own,
    since an ``href`` is the one place a link could carry a scheme."""
    if slug is None or not _SLUG.match(slug):
        return None
    return str(attribute(f"#{slug}"))


def link(href: str, inner: str) -> str:
    """``inner`` as a link to ``href`` (from :func:`anchor_href`).

    The address is written as ``xlink:href``, which every browser follows on an SVG
    ``<a>``: Material's instant navigation rewrites each element it finds with
    ``[href]`` by assigning to ``element.href``, which on an SVG link is read-only and
    throws, stopping the theme's script; its selector does not match ``xlink:href``."""
    return f'<a class="rs-d-link" xlink:href="{href}">{inner}</a>'


def document(kind: str, label: str, width: float, height: float, body: list[str]) -> str:
    """The ``<svg>`` element: natural size in px, never scaled to its container (no
    ``viewBox``-driven shrinking: a label keeps its size on any screen), a background
    rectangle, so that every text has a shape under it whose colour the stylesheet sets,
    and the accessible name ``label``."""
    w, h = num(width), num(height)
    name = attribute(label)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'class="rs-svg rs-svg--{kind}" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" font-size="{FONT_SIZE}" role="group" aria-label="{name}">'
        f"<title>{html_text(label)}</title>"
        f'<rect class="rs-d-bg" x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )
