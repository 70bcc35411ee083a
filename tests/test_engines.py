"""The example site on the other engines, built for real: ProperDocs (a MkDocs 1.x fork)
with the plugin unchanged.

Each built site must show every string and URL of the content (content_text.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, TODAY, mkdocs_build, roadmap_site, subprocess_env
from content_text import ContentStrings, content_strings, site_text

pytestmark = pytest.mark.slow

ENV = subprocess_env(ROADMAP_SITE_TODAY=TODAY.isoformat())
SITE_URL = "https://example.github.io/roadmap-site/"
ROADMAP = "roadmaps/ai-engineering/"
EXAMPLE_FILES = ("mkdocs.yml", "content", "overrides")


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600, check=False)


def copy_example(target: Path) -> Path:
    """The example project (configuration, content, theme overrides) in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in EXAMPLE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copyfile(source, target / name)
    return target


def export(project: Path, engine: str) -> Path:
    """``roadmap-site export out --engine ENGINE`` in ``project``; the folder written."""
    result = roadmap_site(project, "export", "out", "--engine", engine, "--today", TODAY.isoformat(), env=ENV)
    assert result.returncode == 0, result.stderr
    return project / "out"


@pytest.fixture(scope="module")
def strings() -> ContentStrings:
    found = content_strings(REPO / "content")
    assert len(found.texts) > 500 and len(found.urls) > 10, "the example content should give many strings"
    return found


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site as the plugin builds it with MkDocs: what the others must match."""
    site_dir = tmp_path_factory.mktemp("mkdocs") / "site"
    result = mkdocs_build(REPO, "--site-dir", str(site_dir), env=ENV)
    assert result.returncode == 0, result.stderr
    return site_dir


# ---- every string and URL ------------------------------------------------------------------


def test_the_check_of_strings_can_fail(mkdocs_site: Path, strings: ContentStrings, tmp_path: Path) -> None:
    """The MkDocs site shows everything; without one roadmap's page, strings are missing."""
    assert site_text(mkdocs_site).missing(strings) == []
    shutil.copytree(mkdocs_site, tmp_path / "site")
    (tmp_path / "site" / ROADMAP / "index.html").unlink()
    assert len(site_text(tmp_path / "site").missing(strings)) > 20


def test_properdocs_builds_the_example_with_the_plugin_unchanged(
    tmp_path: Path, strings: ContentStrings, mkdocs_site: Path
) -> None:
    project = copy_example(tmp_path / "project")
    shutil.copyfile(project / "mkdocs.yml", project / "properdocs.yml")
    (project / "mkdocs.yml").unlink()
    result = run([sys.executable, "-m", "properdocs", "build", "--strict"], project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    site = project / "site"
    # the plugin ran: generated pages, the data files it writes after the build, its assets
    for path in (f"{ROADMAP}index.html", "progress.json", "feed.xml", "assets/roadmap-site/reader.js"):
        assert (site / path).is_file(), path
    assert site_text(site).missing(strings) == []
    assert pages(site) == pages(mkdocs_site)


# ---- the same site ---------------------------------------------------------------------------


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
