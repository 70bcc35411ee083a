"""How wide a line of text will be, estimated at build time, and word wrapping by it.

Charts are drawn as SVG before any browser sees them, so they cannot measure their own
labels. The estimate uses Helvetica's advance widths (the theme's font stack falls back
to Helvetica, Arial or a metric twin such as Liberation Sans; Roboto is close) and adds
a margin for wider system fonts (DejaVu Sans, San Francisco), so that a label given room
for its estimate fits in every one of them. The browser tests measure the result.
"""

from __future__ import annotations

# Helvetica's advance widths in 1/1000 em for the printable ASCII characters, from space
# (32) to tilde (126), as published in its Adobe font metrics.
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_OTHER = 640  # letters past ASCII (accents, Greek, Cyrillic): a wide Latin letter
_WIDE = 1000  # East Asian wide characters and emoji take a full em
_MARGIN = 1.12  # DejaVu Sans, the widest usual fallback, runs about 10 % wider


def _advance(char: str) -> int:
    code = ord(char)
    if 32 <= code <= 126:
        return _ASCII_WIDTHS[code - 32]
    if code >= 0x1100 and (0x1100 <= code <= 0x115F or 0x2E80 <= code <= 0xA4CF or 0xAC00 <= code <= 0xD7A3
                           or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F or 0xFF00 <= code <= 0xFF60
                           or code >= 0x1F000):  # fmt: skip
        return _WIDE
    return _OTHER


def text_width(value: str, font_size: float) -> float:
    """The estimated width in pixels of ``value`` on one line at ``font_size`` pixels,
    generous rather than tight."""
    return sum(_advance(char) for char in value) * font_size * _MARGIN / 1000


def wrap(value: str, width: float, font_size: float) -> list[str]:
    """``value`` broken into lines no wider than ``width``, at spaces only: a word never
    breaks, so a word wider than ``width`` gets a line of its own (callers size their
    column by :func:`widest_word` to avoid that)."""
    lines: list[str] = []
    line = ""
    for word in value.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, font_size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def widest_word(values: list[str], font_size: float) -> float:
    """The estimated width of the widest single word in ``values``."""
    return max((text_width(word, font_size) for value in values for word in value.split()), default=0.0)
