"""Golden files: the Markdown the renderer writes for a small fixed content tree.

Set ROADMAP_SITE_UPDATE_GOLDEN=1 to rewrite the expected files after an intended change,
then review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from roadmap_site import pipeline
from roadmap_site.content.gitdates import GitDates
from roadmap_site.render.pages import update_page

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("ROADMAP_SITE_UPDATE_GOLDEN") == "1"


def rendered() -> dict[str, str]:
    settings = pipeline.Settings(content_dir=GOLDEN / "content", root=GOLDEN, today=dt.date(2026, 11, 23))
    result = pipeline.run(settings, git=GitDates())
    pages = {page.path: page.markdown for page in result.pages}
    for update in result.content.updates:
        pages[f"updates/{update.id}.md"] = update_page(update, result.content)
    return pages


@pytest.mark.parametrize("path", sorted(rendered()))
def test_rendered_markdown_matches_the_golden_file(path):
    expected = GOLDEN / "expected" / path
    actual = rendered()[path]
    if UPDATE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(actual, encoding="utf-8")
    assert expected.exists(), f"no golden file for {path}: run with ROADMAP_SITE_UPDATE_GOLDEN=1"
    assert actual == expected.read_text(encoding="utf-8")


def test_every_golden_file_is_still_produced():
    produced = set(rendered())
    stored = {p.relative_to(GOLDEN / "expected").as_posix() for p in (GOLDEN / "expected").rglob("*.md")}
    assert stored == produced
