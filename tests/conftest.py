"""Shared fixtures: content folders written from strings, real site builds."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path -> dedented text) under ``root``."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


MKDOCS_YML = """
site_name: Test roadmaps
site_url: https://example.org/roadmaps/
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - roadmap:
      today: "2026-11-23"
"""


@pytest.fixture
def site(tmp_path: Path):
    """A project folder with mkdocs.yml; returns a function that writes content files."""

    def make(files: dict[str, str], mkdocs_yml: str = MKDOCS_YML) -> Path:
        write_tree(tmp_path, {"mkdocs.yml": mkdocs_yml, **{f"content/{k}": v for k, v in files.items()}})
        return tmp_path

    return make


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run a real ``mkdocs build --strict`` in ``project``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def roadmap_site(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``roadmap-site`` command in ``project``."""
    return subprocess.run(
        [sys.executable, "-m", "roadmap_site.cli", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
