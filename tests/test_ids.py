"""Slugs: the ids and anchors derived from titles."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_site.content.ids import MAX_DERIVED_LENGTH, slugify


def reference(text: str) -> str:
    """The rule as written: ASCII letters and digits of the NFKD form, lower case, every
    other run of characters one hyphen, none at either end; cut to the length limit; a
    hash when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:MAX_DERIVED_LENGTH].rstrip("-")
    return slug or "x" + hashlib.sha256(text.encode()).hexdigest()[:8]


def test_examples():
    assert slugify("Learn C++ & Rust!") == "learn-c-rust"
    assert slugify("  Ship_v2.0 -- now ") == "ship-v2-0-now"
    assert slugify("Crème brûlée") == "creme-brulee"
    assert slugify("日本語") == "x" + hashlib.sha256("日本語".encode()).hexdigest()[:8]
    long = slugify("word " * 30)
    assert len(long) <= MAX_DERIVED_LENGTH and not long.endswith("-")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80) | st.text(max_size=80))
def test_slugs_follow_the_rule(text):
    assert slugify(text) == reference(text)
