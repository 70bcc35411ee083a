"""Whether a text of several lines (a file, a summary) has only printable characters,
line breaks and the few others a caller allows.

``str.isprintable`` answers for one line: it is false at the first line break. Asking it
about more means copying the text without its line breaks first, once per character
allowed. Most content is ASCII, and for ASCII text a bytes table can delete every
allowed character in one pass in C; the text is clean when nothing is left.
"""

from __future__ import annotations

import functools

_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))  # what str.isprintable accepts among ASCII characters


@functools.lru_cache(maxsize=8)
def _kept(allowed: str) -> bytes:
    return _PRINTABLE_ASCII + allowed.encode("ascii")


def printable_or(text: str, allowed: str) -> bool:
    """Whether every character of ``text`` is printable (as ``str.isprintable`` says) or
    one of ``allowed`` (ASCII characters, such as ``"\\n"``)."""
    if text.isascii():  # (known without reading the text: Python keeps it with the string)
        return not text.encode("ascii").translate(None, _kept(allowed))
    for char in allowed:
        text = text.replace(char, "")
    return text.isprintable()
