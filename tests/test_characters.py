"""The whole-file character check gives what copying the text and asking
``str.isprintable`` gives."""

from __future__ import annotations

import pytest

from roadmap_site.speed.characters import printable_or


def _expected(text: str, allowed: str) -> bool:
    for char in allowed:
        text = text.replace(char, "")
    return text.isprintable()


@pytest.mark.parametrize("allowed", ["\n", "\n\t\r"])
def test_every_character_is_judged_as_isprintable_judges_it(allowed: str) -> None:
    wrong = [
        code
        for code in [*range(0x3100), 0xD800, 0xDFFF, 0xE000, 0xFEFF, 0xFFFE, 0xFFFF, 0x1F4DA, 0xE0001, 0x10FFFF]
        for text in (f"key: a\n  - {chr(code)}\n", f"key: é\n{chr(code)}")  # ASCII and not
        if printable_or(text, allowed) != _expected(text, allowed)
    ]
    assert wrong == []


def test_ascii_and_other_text() -> None:
    assert printable_or("title: A\nsummary: |\n  text\n", "\n")
    assert not printable_or("title: A\n\tsummary: x\n", "\n")
    assert printable_or("title: A\n\tsummary: x\r\n", "\n\t\r")
    assert not printable_or("title: A\x00\n", "\n\t\r")
    assert not printable_or("title: A\u202e\n", "\n")  # a bidi override: not printable
    assert printable_or("title: Café ✓\n", "\n")
    assert printable_or("", "\n")
