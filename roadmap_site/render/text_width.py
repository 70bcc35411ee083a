"""How wide a line of text will be, estimated at build time, and word wrapping by it.

Charts and diagrams are drawn as SVG before any browser sees them, so they cannot
measure their own labels: the page's font is the reader's (Material's system stack), so
no exact measure exists at build time. The estimate is a width per character, kept at the
widest of DejaVu Sans, Roboto, Helvetica and Segoe UI, so that a label given room for its
estimate fits in every common sans-serif font. The browser tests measure the result.
"""

from __future__ import annotations

import functools
import re
import unicodedata

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


def text_width(text: str, size: float) -> float:
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


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` px, at spaces only.

    A word wider than ``width`` gets a line of its own and is never cut: the caller
    sizes its box to the widest line (:func:`lines_width`). Whitespace runs fold to one
    space; the result has at least one line. (Worked out once per label and width: a
    milestone's label is in two diagrams of its roadmap.)
    """
    return list(_wrapped(text, width, size))


def lines_width(lines: list[str], size: float) -> float:
    """The width of the widest of ``lines``."""
    return max((text_width(line, size) for line in lines), default=0.0)


def widest_word(values: list[str], size: float) -> float:
    """The estimated width of the widest single word in ``values``."""
    return max((text_width(word, size) for value in values for word in value.split()), default=0.0)
