"""Learning paths of reference 002 in the built example site."""

from __future__ import annotations

import html
import re

import pytest
from conftest import REPO, mkdocs_build, roadmap_site
from mermaid_read import parse_edges
from svg_read import edges, mermaid_edges, parse, svgs
from test_diagrams import REFERENCE_002
from test_example_site import visible_text

from roadmap_site.content.documents import projects, walk_sections
from roadmap_site.content.loader import load_content

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(REPO, "--site-dir", str(site_dir))
    assert result.returncode == 0, result.stderr
    return site_dir / "roadmaps" / "ai-platform-engineering" / "index.html"


def test_the_built_path_diagram_is_the_reference_graph(page):
    markup = page.read_text(encoding="utf-8")
    graphs = [parse(svg) for svg in svgs(markup) if 'class="rs-svg rs-svg--paths"' in svg]
    assert len(graphs) == 1
    assert edges(graphs[0]) == mermaid_edges(REFERENCE_002)


def test_the_exported_path_diagram_is_the_reference_graph_in_mermaid(tmp_path):
    result = roadmap_site(REPO, "export", str(tmp_path / "out"), "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "out" / "roadmaps" / "ai-platform-engineering.md").read_text(encoding="utf-8")
    diagrams = re.findall(r"```mermaid\n(.*?)```", markdown, re.DOTALL)
    graphs = [d for d in diagrams if d.lstrip().startswith("graph")]
    assert len(graphs) == 1 and "<svg" not in markdown
    assert parse_edges(graphs[0]) == parse_edges(REFERENCE_002)


def test_every_resource_link_and_project_is_on_the_page(page):
    doc = load_content(REPO / "content", REPO).roadmaps["ai-platform-engineering"]
    roadmap = doc.model
    markup = html.unescape(page.read_text(encoding="utf-8"))
    text = visible_text(page)
    resources = list(roadmap.resources)
    phases = [p for path in roadmap.paths for p in path.phases]
    while phases:
        phase = phases.pop()
        resources += phase.resources
        phases += phase.phases
    for node in walk_sections(roadmap.sections, ("sections",)):
        resources += node.obj.resources
    linked = [r for r in resources if r.url]
    assert len(linked) >= 25
    for resource in linked:
        assert f'href="{resource.url}"' in markup, resource.url
        assert resource.title in text
    all_projects = [node.obj for node in projects(roadmap)]
    assert len(all_projects) >= 9
    for project in all_projects:
        assert project.title in text
        for item in project.checklist:
            assert item.text.replace("`", "") in text


def test_resources_show_their_kind_as_icon_and_word(page):
    markup = page.read_text(encoding="utf-8")
    kinds = re.findall(r'<span class="rs-kind">([a-z]+)</span>', markup)
    assert {"book", "video", "tool", "course", "community", "event"} <= set(kinds)
    icons = re.findall(r'<span class="twemoji" title="([a-z]+)"><svg', markup)  # Material's bundled icons
    assert icons == kinds


def test_projects_are_grouped_by_difficulty_and_stages_link_to_sections(page):
    text = visible_text(page)
    positions = [text.index(f"{level} projects") for level in ("Beginner", "Intermediate", "Advanced")]
    assert positions == sorted(positions)
    markup = page.read_text(encoding="utf-8")
    for stage in load_content(REPO / "content", REPO).roadmaps["ai-platform-engineering"].model.stages:
        assert f'id="{stage.id}"' in markup and f'href="#{stage.id}"' in markup
