"""The content trees the project holds that must load without an error: the example
site, a fresh ``init``, the golden content and the hostile cases marked ``safe``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import REPO

from roadmap_site.cli import starter

HOSTILE = REPO / "tests" / "hostile"
SAFE_HOSTILE = sorted(
    path.name
    for path in HOSTILE.iterdir()
    if (path / "expect").is_file() and (path / "expect").read_text(encoding="utf-8").split("\n", 1)[0] == "safe"
)
"""Names of the hostile cases that load (their ``expect`` starts with ``safe``)."""


def content_trees(scaffold_folder: Path) -> dict[str, Path]:
    """Each valid content folder by a short name; the scaffold is written (by ``init``)
    into ``scaffold_folder`` first."""
    starter.init(scaffold_folder, starter.StarterValues(dt.date(2026, 11, 5), "https://example.org/"))
    trees = {
        "example": REPO / "content",
        "scaffold": scaffold_folder / "content",
        "golden": REPO / "tests" / "golden" / "content",
    }
    trees.update({f"hostile/{name}": HOSTILE / name / "content" for name in SAFE_HOSTILE})
    return trees


def content_files(tree: Path) -> list[Path]:
    """The YAML files and updates of a content folder."""
    found = [*tree.glob("roadmaps/*.yml"), *tree.glob("skills/*.yml"), *tree.glob("updates/*.md")]
    return sorted(found)
