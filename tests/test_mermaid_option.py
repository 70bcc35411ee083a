"""The plugin's ``mermaid`` option, in real builds: how diagrams are drawn, which scripts
pages load, in which order, and that a page without a diagram loads no mermaid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MKDOCS_YML, mkdocs_build, subprocess_env

from roadmap_site.mkdocs_plugin.mermaid_asset import MERMAID_VERSION, mermaid_script

pytestmark = pytest.mark.slow

CONTENT = {
    "roadmaps/x.yml": "title: T\nphases: [{title: P, checklist: ['[x] one'], milestones: [{title: M}]}]\n",
    "roadmaps/y.yml": "title: U\nphases: [{title: P, checklist: ['[x] one']}]\n",  # no diagram
}
SELF_HOSTED = MKDOCS_YML.replace("today:", "mermaid: self-hosted\n      today:")
CDN = MKDOCS_YML.replace("today:", "mermaid: cdn\n      today:")


def scripts(page: Path) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', page.read_text(encoding="utf-8"))


def test_self_hosted_publishes_the_verified_script_before_ours(site):
    project = site(CONTENT, mkdocs_yml=SELF_HOSTED)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    name = f"mermaid-{MERMAID_VERSION}.min.js"
    published = project / "site" / "assets" / "roadmap-site" / name
    assert published.read_bytes() == mermaid_script().read_bytes()
    order = [Path(src).name for src in scripts(project / "site" / "roadmaps" / "x" / "index.html")]
    assert order[0].startswith("bundle.")  # Material's bundle uses mermaid only once the page has loaded
    assert order[1:] == [name, "mermaid-strict.js", "reader.js", "print.js"]
    assert 'class="mermaid"' in (project / "site" / "roadmaps" / "x" / "index.html").read_text(encoding="utf-8")
    without = [Path(src).name for src in scripts(project / "site" / "roadmaps" / "y" / "index.html")]
    assert without[1:] == ["reader.js", "print.js"]  # no diagram: no mermaid


def test_cdn_leaves_loading_to_material_on_pages_with_a_diagram_only(site):
    project = site(CONTENT, mkdocs_yml=CDN)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert not list((project / "site").rglob("mermaid-*.min.js"))
    order = [Path(src).name for src in scripts(project / "site" / "roadmaps" / "x" / "index.html")]
    assert order[1:] == ["mermaid-strict.js", "reader.js", "print.js"]
    without = [Path(src).name for src in scripts(project / "site" / "roadmaps" / "y" / "index.html")]
    assert without[1:] == ["reader.js", "print.js"]


def test_off_is_the_default_diagrams_are_svg_and_no_page_loads_mermaid(site):
    project = site(CONTENT)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert not list((project / "site").rglob("mermaid-*.min.js"))
    for page in (project / "site").rglob("*.html"):
        markup = page.read_text(encoding="utf-8")
        assert "mermaid" not in markup, page
    markup = (project / "site" / "roadmaps" / "x" / "index.html").read_text(encoding="utf-8")
    assert '<div class="rs-diagram" tabindex="0"><svg ' in markup


def test_a_missing_mermaid_is_a_plugin_error_with_the_reason(site, tmp_path):
    project = site(CONTENT, mkdocs_yml=SELF_HOSTED)
    no_tools = tmp_path / "empty-path"
    no_tools.mkdir()
    env = subprocess_env(PATH=str(no_tools), ROADMAP_SITE_CACHE=str(tmp_path / "empty-cache"))
    result = mkdocs_build(project, env=env)
    assert result.returncode != 0
    assert "roadmap: mermaid: self-hosted:" in result.stderr
    assert "npm was not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_mode_is_a_config_error(site):
    project = site(CONTENT, mkdocs_yml=MKDOCS_YML.replace("today:", "mermaid: local\n      today:"))
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "mermaid" in result.stderr and "local" in result.stderr
