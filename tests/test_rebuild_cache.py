"""Rebuilds in one process (`mkdocs serve`): unchanged files are not parsed again and
unchanged roadmaps are not rendered again, and what comes out is what a cold build makes."""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from pathlib import Path

import pytest
from conftest import MKDOCS_YML, TODAY, write_tree

from roadmap_site import pipeline
from roadmap_site.content import loader as content_module
from roadmap_site.content.loader import ContentCache
from roadmap_site.content.problems import ContentError
from roadmap_site.render import pages as render

SKILLS = """
title: Skills
areas:
  - {id: api, title: APIs, level: 1, target: 4, impact: 5}
"""


def roadmap(title: str) -> str:
    return f"""
title: {title}
skills: s
phases:
  - title: Now
    milestones:
      - id: first
        title: First of {title}
        due: 2027-Q1
        builds: [api]
        checklist: ["[x] Start", "[ ] Finish"]
      - title: Second
        due: 2027-Q2
        depends_on: [first]
"""


UPDATE = "---\ndate: 2026-10-01\nroadmap: a\n---\n\nWhat changed.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_tree(
        tmp_path / "content",
        {
            "roadmaps/a.yml": roadmap("A"),
            "roadmaps/b.yml": roadmap("B"),
            "skills/s.yml": SKILLS,
            "updates/2026-q4.md": UPDATE,
        },
    )
    return tmp_path


def edit(path: Path, text: str) -> None:
    """Write ``text`` so that the file's size or modification time changes for sure."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:  # a coarse clock: move the time on
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Names of the files parsed and of the roadmaps rendered, per call."""
    seen: dict[str, list[str]] = {"parsed": [], "rendered": []}
    for name in ("load_yaml_file", "load_markdown_file"):
        original = getattr(content_module, name)

        def parse(path: Path, display: str, _original=original):
            seen["parsed"].append(path.name)
            return _original(path, display)

        monkeypatch.setattr(content_module, name, parse)
    original_render = render.render_roadmap

    def render_roadmap(env, view, options):
        seen["rendered"].append(view.id)
        return original_render(env, view, options)

    monkeypatch.setattr(render, "render_roadmap", render_roadmap)
    original_skills = render.render_skills

    def render_skills(env, doc, options, builders):
        seen["rendered"].append(f"skills:{doc.id}")
        return original_skills(env, doc, options, builders)

    monkeypatch.setattr(render, "render_skills", render_skills)
    return seen


def run(project: Path, cache: ContentCache | None) -> pipeline.Result:
    settings = pipeline.Settings(content_dir=project / "content", root=project, today=TODAY)
    return pipeline.run(settings, cache)


def pages(result: pipeline.Result) -> dict[str, str]:
    return {page.path: page.markdown for page in result.pages}


def test_a_rebuild_with_nothing_changed_parses_and_renders_nothing(project, counted):
    cache = ContentCache()
    first = run(project, cache)
    assert sorted(counted["parsed"]) == ["2026-q4.md", "a.yml", "b.yml", "s.yml"]
    assert sorted(counted["rendered"]) == ["a", "b", "skills:s"]
    counted["parsed"].clear()
    counted["rendered"].clear()
    second = run(project, cache)
    assert counted == {"parsed": [], "rendered": []}
    assert pages(second) == pages(first)
    assert second.content.roadmaps["a"].model is first.content.roadmaps["a"].model  # shared, not copied


def test_after_one_roadmap_changes_only_it_is_parsed_and_rendered(project, counted):
    cache = ContentCache()
    run(project, cache)
    edit(project / "content" / "roadmaps" / "b.yml", roadmap("B, edited"))
    counted["parsed"].clear()
    counted["rendered"].clear()
    warm = run(project, cache)
    assert counted == {"parsed": ["b.yml"], "rendered": ["b", "skills:s"]}  # b builds a skill of s
    assert pages(warm) == pages(run(project, None))  # the same pages as a cold build
    assert "First of B, edited" in pages(warm)["roadmaps/b.md"].replace("&#44;", ",")


def test_a_changed_skills_file_or_update_renders_the_roadmaps_that_use_it(project, counted):
    cache = ContentCache()
    run(project, cache)
    edit(project / "content" / "updates" / "2026-q4.md", UPDATE.replace("2026-10-01", "2026-11-01"))
    counted["rendered"].clear()
    warm = run(project, cache)
    assert counted["rendered"] == ["a"]  # the update is about roadmap a only; no skills page
    assert pages(warm) == pages(run(project, None))
    edit(project / "content" / "skills" / "s.yml", SKILLS.replace("APIs", "Web APIs"))
    counted["rendered"].clear()
    warm = run(project, cache)
    assert sorted(counted["rendered"]) == ["a", "b", "skills:s"]
    assert pages(warm) == pages(run(project, None))


def test_another_day_renders_again(project, counted):
    cache = ContentCache()
    settings = pipeline.Settings(content_dir=project / "content", root=project, today=TODAY)
    pipeline.run(settings, cache)
    counted["rendered"].clear()
    settings.today = TODAY + dt.timedelta(days=200)
    pipeline.run(settings, cache)
    assert sorted(counted["rendered"]) == ["a", "b"]  # a skills page does not depend on the day
    counted["rendered"].clear()
    settings.focus = 1
    pipeline.run(settings, cache)
    assert sorted(counted["rendered"]) == ["a", "b", "skills:s"]


def test_a_roadmap_without_the_skills_file_leaves_its_page_alone(project, counted):
    cache = ContentCache()
    write_tree(project / "content", {"roadmaps/c.yml": "title: C\n"})
    run(project, cache)
    edit(project / "content" / "roadmaps" / "c.yml", "title: C, edited\n")
    counted["rendered"].clear()
    warm = run(project, cache)
    assert counted["rendered"] == ["c"]
    assert pages(warm) == pages(run(project, None))


def test_errors_of_an_unchanged_file_are_reported_again(project):
    cache = ContentCache()
    bad = project / "content" / "roadmaps" / "b.yml"
    edit(bad, roadmap("B").replace("depends_on: [first]", "depends_on: [nowhere]"))
    reports = []
    for _ in range(2):
        with pytest.raises(ContentError) as caught:
            run(project, cache)
        reports.append(caught.value.report())
    assert reports[0] == reports[1]
    assert "content/roadmaps/b.yml:14:22: no milestone has the id 'nowhere'" in reports[0]


def test_mkdocs_keeps_the_plugin_and_its_cache_between_serve_rebuilds(project, counted):
    """`mkdocs serve` loads the config again for every rebuild; MkDocs reuses a plugin's
    instance only when the plugin has an on_startup or on_shutdown hook."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    write_tree(project, {"mkdocs.yml": MKDOCS_YML})
    site_dir = project / "served"

    def config():
        return load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    build(first)
    counted["parsed"].clear()
    counted["rendered"].clear()
    time.sleep(0.01)
    second = config()
    build(second)
    assert gc.get_freeze_count() == 0  # what on_files set aside is handed back after each build
    second.plugins.on_shutdown()
    # the process ends: the collector's last pass is spared the objects still alive
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
    assert second.plugins["roadmap"] is first.plugins["roadmap"]
    assert counted == {"parsed": [], "rendered": []}
    assert (site_dir / "roadmaps" / "a" / "index.html").exists()
