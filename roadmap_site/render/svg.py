"""SVG primitives for diagrams drawn at build time: text measure, word wrap, elements.

Every element is written as well-formed XML (an SVG embedded in an HTML page, or read
on its own by a feed reader) and every user string goes through ``escape.py``: text
with :func:`roadmap_site.escape.html_text`, attributes with
:func:`roadmap_site.escape.attribute`. Only numbers, class names and validated slugs
are written in place; no function here writes a script, an event handler or a link
other than ``#<slug>``.

Text is measured with a width estimate per character instead of a font: the page's
font is the reader's (Material's system stack), so no exact measure exists at build
time. The estimate errs wide, so a label fits its box in every common sans-serif font.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from roadmap_site.render.escape import attribute, html_text

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

# Widths in em, measured against DejaVu Sans, Roboto, Helvetica and Segoe UI and kept at
# the widest of them: narrow letters and punctuation, capitals and wide letters, the rest.
_NARROW = frozenset("fijlrtI1!|.,:;'`()[]{}/\\-\"")
_WIDE = frozenset("mwMWOQGDHNCUK@%&")
_NARROW_EM, _WIDE_EM, _PLAIN_EM, _CAPITAL_EM = 0.36, 0.92, 0.6, 0.72


def _char_em(char: str) -> float:
    if char == " ":
        return 0.32
    if char in _NARROW:
        return _NARROW_EM
    if char in _WIDE:
        return _WIDE_EM
    if char.isascii():
        return _CAPITAL_EM if char.isupper() else _PLAIN_EM
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.05  # CJK and emoji take a full square
    if unicodedata.combining(char):
        return 0.0
    return 1.0  # symbols such as the status marks, letters of other scripts: a square


class _Widths(dict[str, float]):
    """Width in em of each character, worked out once per character met."""

    def __missing__(self, char: str) -> float:
        width = self[char] = _char_em(char)
        return width


_EM = _Widths()


@functools.lru_cache(maxsize=16384)
def _em_width(text: str) -> float:
    em = _EM
    return sum([em[char] for char in text])


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimated width in px of ``text`` set at ``size`` px (errs wide). (Widths are kept
    per text: words and labels repeat across a roadmap's diagrams.)"""
    return _em_width(text) * size


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)
def _wrapped(text: str, width: float, size: float) -> tuple[str, ...]:
    words = _SPACES.split(text.strip())
    space = _EM[" "] * size
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in words:
        word_width = text_width(word, size)
        if current and used + space + word_width > width:
            lines.append(" ".join(current))
            current, used = [word], word_width
        else:
            used += (space if current else 0.0) + word_width
            current.append(word)
    lines.append(" ".join(current))
    return tuple(lines)


def wrap(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """``text`` broken into lines no wider than ``width`` px, at spaces only.

    A word wider than ``width`` gets a line of its own and is never cut: the caller
    sizes its box to the widest line (:func:`lines_width`). Whitespace runs fold to one
    space; the result has at least one line. (Worked out once per label and width: a
    milestone's label is in two diagrams of its roadmap.)
    """
    return list(_wrapped(text, width, size))


def lines_width(lines: list[str], size: float = FONT_SIZE) -> float:
    """The width of the widest of ``lines``."""
    return max((text_width(line, size) for line in lines), default=0.0)


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


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
