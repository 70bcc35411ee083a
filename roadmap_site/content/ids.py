"""Stable ids and anchors derived from titles, and checks that they do not collide."""

from __future__ import annotations

import hashlib
import unicodedata

# ASCII letters to lower case, digits kept, everything else a space: the words of a slug
# are then what split finds (one C call each, on bytes: a slug is made per checklist item)
_SLUG_WORDS = bytes(ord(chr(code).lower()) if chr(code).isalnum() else ord(" ") for code in range(128)) + b" " * 128
MAX_DERIVED_LENGTH = 48


def slugify(text: str) -> str:
    """A slug for ``text``: ASCII letters and digits joined by hyphens.

    Text with no ASCII letters or digits (CJK, emoji) gets a short hash, so that every
    title has a stable, safe id.
    """
    # ASCII text is its own NFKD form, all of it kept: skip the normalisation
    ascii_text = text.encode() if text.isascii() else unicodedata.normalize("NFKD", text).encode("ascii", "ignore")
    slug = b"-".join(ascii_text.translate(_SLUG_WORDS).split()).decode()
    if len(slug) > MAX_DERIVED_LENGTH:
        slug = slug[:MAX_DERIVED_LENGTH].rstrip("-")
    if not slug:
        slug = "x" + hashlib.sha256(text.encode()).hexdigest()[:8]
    return slug


def join(first: str | None, second: str | None) -> str:
    """Join two id parts with a hyphen, skipping empty ones."""
    if first and second:
        return f"{first}-{second}"
    return first or second or ""
