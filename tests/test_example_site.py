"""The repository's own example site: a real `mkdocs build --strict` of content/."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, mkdocs_build, subprocess_env

from roadmap_site.content.documents import milestones, walk_sections
from roadmap_site.content.loader import load_content
from roadmap_site.content.model import Phase
from roadmap_site.speed import background

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example site built once into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(REPO, "--site-dir", str(site_dir))
    assert result.returncode == 0, result.stderr
    # (overdue milestones and late updates are WARNING lines that --strict does not count:
    # the example's own dates pass the clock one day; see test_plugin)
    late = re.compile(r"^WARNING -  roadmap: content/\S+:\d+:\d+: warning: ", re.MULTILINE)
    assert "WARNING -" not in late.sub("", result.stderr) and "ERROR -" not in result.stderr, result.stderr
    return site_dir


def visible_text(page: Path) -> str:
    """The page's text with tags removed and entities decoded, whitespace folded."""
    return visible_text_of(page.read_text(encoding="utf-8"))


def visible_text_of(markup: str) -> str:
    """The text of HTML ``markup`` with tags removed and entities decoded, whitespace folded."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def phase_items(phase: Phase):
    yield from phase.checklist
    for milestone in phase.milestones:
        yield from milestone.checklist
    for project in phase.projects:
        yield from project.checklist
    for child in phase.phases:
        yield from phase_items(child)


def test_every_title_and_checklist_item_is_on_its_page(built):
    content = load_content(REPO / "content", REPO)
    checked = 0
    for doc in content.roadmaps.values():
        page = visible_text(built / "roadmaps" / doc.id / "index.html")
        roadmap = doc.model
        texts = [roadmap.title]
        texts += [node.obj.title for node in milestones(roadmap)]
        phases = list(roadmap.phases) + [p for path in roadmap.paths for p in path.phases]
        texts += [item.text for phase in phases for item in phase_items(phase)]
        for node in walk_sections(roadmap.sections, ("sections",)):
            texts += [node.obj.title] + [item.text for item in node.obj.checklist]
            texts += [entry.title for entry in node.obj.items]
            texts += [resource.title for resource in node.obj.resources]
        texts += [project.title for project in roadmap.projects]
        for text in texts:
            assert " ".join(text.replace("`", "").split()) in page, f"{doc.id}: {text!r} is missing"
            checked += 1
    assert checked > 300


def test_roadmap_pages_have_task_lists_diagrams_and_stamps(built):
    for page in sorted((built / "roadmaps").glob("*/index.html")):
        markup = page.read_text(encoding="utf-8")
        assert 'class="task-list' in markup or "ml-engineer" in str(page), page
        assert '<div class="rs-diagram" tabindex="0"><svg ' in markup or "ml-engineer" in str(page), page
        assert "mermaid" not in markup, page  # drawn at build time: no mermaid source, no script
        assert re.search(r'Last updated: <time datetime="\d{4}-\d{2}-\d{2}">', markup), page


def test_home_page_lists_every_roadmap_with_progress(built):
    markup = (built / "index.html").read_text(encoding="utf-8")
    for roadmap in (REPO / "content" / "roadmaps").glob("*.yml"):
        assert f'href="roadmaps/{roadmap.stem}/"' in markup
    assert markup.count("<progress") == len(list((REPO / "content" / "roadmaps").glob("*.yml")))
    assert "Comparison" in markup and "Starting advantage" in markup


def test_yaml_data_is_not_copied_into_the_site(built):
    assert not list(built.rglob("*.yml")) and not list(built.rglob("*.yaml"))


def test_no_third_party_font_request(built):
    markup = (built / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in markup and "fonts.gstatic.com" not in markup


def test_build_is_reproducible_and_the_same_with_pages_rendered_in_process(built, tmp_path):
    """(The first build renders pages in a child process where it can: see background.py.)"""
    again = tmp_path / "again"
    result = mkdocs_build(REPO, "--site-dir", str(again), env=subprocess_env(**{background.SWITCH: "0"}))
    assert result.returncode == 0, result.stderr
    different = []
    for path in sorted(built.rglob("*")):
        if path.is_file() and path.name != "sitemap.xml.gz":
            other = again / path.relative_to(built)
            if path.read_bytes() != other.read_bytes():
                different.append(str(path.relative_to(built)))
    assert different == []
    shutil.rmtree(again)


def all_item_ids(roadmap) -> set[str]:
    """Ids of every checklist item on a roadmap page."""
    from roadmap_site.content.documents import all_phases, projects

    found = set()
    for node in all_phases(roadmap):
        found |= {i.id for i in node.obj.checklist}
        for milestone in node.obj.milestones:
            found |= {i.id for i in milestone.checklist}
    for node in projects(roadmap):
        found |= {i.id for i in node.obj.checklist}
    for node in walk_sections(roadmap.sections, ("sections",)):
        found |= {i.id for i in node.obj.checklist}
    return found


TASK_ITEM = re.compile(
    r'<li class="task-list-item">(?:<p>)?<label class="task-list-control"><input type="checkbox"[^>]*>'
    r'<span class="task-list-indicator"></span></label>\s*<span class="rs-item"[^>]* data-rs-item="([^"]+)"'
)


def test_every_checklist_item_is_a_real_task_list_item(built):
    content = load_content(REPO / "content", REPO)
    total = 0
    for doc in content.roadmaps.values():
        markup = (built / "roadmaps" / doc.id / "index.html").read_text(encoding="utf-8")
        rendered = TASK_ITEM.findall(markup)
        assert len(rendered) == len(set(rendered)), f"{doc.id}: an item id appears twice"
        assert set(rendered) == all_item_ids(doc.model), doc.id
        assert "<p>- [" not in markup and "\n- [x]" not in markup, f"{doc.id}: a checklist became a paragraph"
        total += len(rendered)
    assert total > 200


def test_no_page_shows_markdown_heading_marks_as_text(built):
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        shown = re.sub(r"<(pre|code)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert "##" not in visible_text_of(shown), page.relative_to(built)


def test_overdue_milestones_are_warnings_the_author_sees_and_strict_mkdocs_still_publishes(tmp_path):
    result = mkdocs_build(
        REPO, "--site-dir", str(tmp_path / "site"), env=subprocess_env(ROADMAP_SITE_TODAY="2027-08-01")
    )
    assert result.returncode == 0, result.stderr  # mkdocs.yml has strict: true, and --strict is given
    late = [line for line in result.stderr.splitlines() if "was due" in line]
    assert late and all(line.startswith("WARNING -  roadmap: content/roadmaps/") for line in late), result.stderr
    assert any("milestone 'open-source' was due 2027-03 and is not done" in line for line in late)
