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


def subprocess_env(*without: str, **extra: str) -> dict[str, str]:
    """The environment of a command run by a test: the package is imported from this
    checkout even when another checkout is the installed (editable) one. ``extra`` sets
    variables, ``without`` leaves variables out."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path, **extra}
    return {name: value for name, value in env.items() if name not in without}


def mkdocs_build(project: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a real ``mkdocs build --strict`` in ``project`` (in ``subprocess_env()`` unless
    ``env`` is given)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        env=subprocess_env() if env is None else env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def roadmap_site(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``roadmap-site`` command in ``project`` (in ``subprocess_env()`` unless
    ``env`` is given)."""
    return subprocess.run(
        [sys.executable, "-m", "roadmap_site.cli", *args],
        cwd=project,
        env=subprocess_env() if env is None else env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
