"""Which links a content file may hold: http, https and mailto, or relative ones.

The model checks URL fields and links inside prose with these functions; the pages are
written by ``render/escape.py``.
"""

from __future__ import annotations

import html
import re
import unicodedata

SAFE_LINK_SCHEMES = ("http", "https", "mailto")
"""The only schemes a link may have; other links must be relative (inside the site)."""


# --- links ------------------------------------------------------------------------------

# where a link target starts: after "](" (inline links, images) and after "]:" (reference
# definitions), with the spaces, one line break and "<" Markdown allows before it
_LINK_TARGET = re.compile(r"\]\(\s*<?|\]:[ \t]*(?:\n[ \t]*)?<?")
_ENTITY_AT = re.compile(r"&(?:#[0-9]{1,10};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_SCHEME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_LONGEST_SCHEME = 64
_SAFE_START = re.compile(r"(?:https?|mailto):", re.IGNORECASE | re.ASCII)


def _skipped(char: str) -> bool:
    """Characters a browser drops from a URL (tabs, line breaks; leading spaces and
    controls) or that could hide a scheme from a check (invisible format characters,
    backticks, backslashes): all skipped when reading a target's scheme."""
    return char in "`\\" or unicodedata.category(char) in ("Cc", "Cf")


def _read_target(value: str, start: int) -> tuple[int, str | None]:
    """Read the start of the link target at ``value[start:]`` the way a browser would
    read the href Markdown makes of it: entities decoded (Markdown keeps them in
    attributes), skipped characters (see :func:`_skipped`) and leading spaces ignored.
    Returns where the reading stopped and why the link is not allowed (or None).

    The reading stops at the first character that cannot be part of a scheme, so the
    work is linear in the length of ``value`` however many targets it holds."""
    scheme: list[str] = []
    leading = True
    slashes = 0
    position = start
    while position < len(value):
        entity = _ENTITY_AT.match(value, position) if value[position] == "&" else None
        chars = html.unescape(entity[0]) if entity else value[position]
        position = entity.end() if entity else position + 1
        for char in chars:
            if (_skipped(char) and char != "\\") or (leading and char.isspace()):
                continue
            if leading and char in "/\\":
                slashes += 1
                if slashes == 2:
                    return position, "a link starting with '//' leaves the site: write https:// in full"
                continue
            if char == "\\":
                continue
            leading = False
            if char == ":" and scheme and slashes == 0:
                name = "".join(scheme)
                if name.lower() in SAFE_LINK_SCHEMES:
                    return position, None
                return position, (
                    f"links with the scheme {name!r} are not allowed: "
                    f"use {', '.join(SAFE_LINK_SCHEMES)} or a relative link"
                )
            if char not in _SCHEME_CHARACTERS or len(scheme) >= _LONGEST_SCHEME or slashes:
                return position, None
            scheme.append(char)
    return position, None


def link_problem(target: str) -> str | None:
    """Why link ``target`` is not allowed (a scheme other than http, https or mailto,
    also when hidden behind entities, line breaks or invisible characters; or a start
    of ``//``, which leaves the site), or None when it is fine."""
    if _SAFE_START.match(target):  # what _read_target would read, in one step: most links
        return None
    return _read_target(target, 0)[1]


def link_problems(value: str) -> list[tuple[int, int, str, str]]:
    """The unsafe link targets in Markdown ``value``: (start, end of the part read,
    the target as written (cut for messages), why it is not allowed), for every place
    a link target could start: inline links, images, reference definitions. Generous
    on purpose: also targets Markdown would not read as links (after an escaped
    bracket, inside code) count, so that no reading of the text is missed."""
    found = []
    for match in _LINK_TARGET.finditer(value):
        end, problem = _read_target(value, match.end())
        if problem:
            shown = re.split(r"[\s)>\"']", value[match.end() : match.end() + 80], maxsplit=1)[0]
            found.append((match.end(), end, shown, problem))
    return found
