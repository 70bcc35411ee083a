"""`roadmap-site init`: the scaffold ships whole, fills its placeholders, never overwrites,
and builds with `mkdocs build --strict` right away."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import REPO, mkdocs_build, roadmap_site, subprocess_env

import roadmap_site as roadmap_site_package
from roadmap_site.cli import starter

SCAFFOLD = REPO / "roadmap_site" / "cli" / "scaffold"
STARTER_FILES = {
    ".github/requirements-site.txt",
    ".github/workflows/publish.yml",
    ".gitignore",
    "README.md",
    "content/roadmaps/my-roadmap.yml",
    "content/skills/my-skills.yml",
    "content/updates/2026-Q4.md",
    "mkdocs.yml",
}
SCHEMA_FILES = {"docs/schema/roadmap.schema.json", "docs/schema/skills.schema.json", "docs/schema/update.schema.json"}


class MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml files: ``!ENV`` and ``!!python/name:`` tags as plain values."""


MkDocsLoader.add_constructor("!ENV", lambda loader, node: ("!ENV", loader.construct_sequence(node)))
MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


def load_mkdocs_yml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=MkDocsLoader)  # a SafeLoader


def files_on_disk() -> list[str]:
    found = []
    for root, dirs, files in os.walk(SCAFFOLD):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        found += [(Path(root) / name).relative_to(SCAFFOLD).as_posix() for name in files]
    return sorted(found)


def test_the_scaffold_listing_is_what_is_on_disk():
    assert [path for path, _ in starter._walk(starter.scaffold_root())] == files_on_disk()
    assert len(files_on_disk()) == len(STARTER_FILES)  # the schemas are made from the model


BUILD_PY = [sys.executable, "-W", "ignore", "-c", "from setuptools import setup; setup()", "build_py", "-d", "out"]


@pytest.mark.slow
def test_the_package_ships_every_scaffold_file(tmp_path):
    """Build the package's files with setuptools, as a wheel would get them, from
    pyproject.toml's package-data (a copy, so no build files land in the checkout)."""
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, tmp_path / name)
    shutil.copytree(REPO / "roadmap_site", tmp_path / "roadmap_site", ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        BUILD_PY,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    shipped = tmp_path / "out" / "roadmap_site" / "cli" / "scaffold"
    assert sorted(p.relative_to(shipped).as_posix() for p in shipped.rglob("*") if p.is_file()) == files_on_disk()
    templates = tmp_path / "out" / "roadmap_site" / "render" / "templates"
    assert {p.name for p in templates.iterdir()} == {
        p.name for p in (REPO / "roadmap_site" / "render" / "templates").iterdir()
    }


def test_placeholders_are_filled_everywhere_but_the_workflow():
    values = starter.StarterValues(dt.date(2026, 11, 23), "https://me.github.io/plan/", 'My "plan": #1')
    files = starter.render_scaffold(values)
    assert set(files) == STARTER_FILES | SCHEMA_FILES
    for path, data in files.items():
        if not path.startswith(".github/workflows/"):
            assert not starter.PLACEHOLDER.search(data.decode("utf-8")), path
    assert files[".github/workflows/publish.yml"] == (REPO / ".github" / "workflows" / "publish.yml").read_bytes()
    roadmap = files["content/roadmaps/my-roadmap.yml"].decode("utf-8")
    assert "period: 2026-Q4 .. 2027-Q1" in roadmap and "done_on: 2026-11-23" in roadmap
    assert "period: 2027-Q2 .. 2027-Q3" in roadmap
    assert b"date: 2026-11-23\nquarter: 2026-Q4\n" in files["content/updates/2026-Q4.md"]
    assert b"https://me.github.io/plan/badges/my-roadmap.svg" in files["README.md"]


def test_the_new_site_installs_the_version_that_made_it():
    """The workflow installs exactly this release; the README says how to move to another."""
    files = starter.render_scaffold(starter.StarterValues(dt.date(2026, 11, 23), "https://me.github.io/plan/"))
    requirements = files[".github/requirements-site.txt"].decode("utf-8").splitlines()
    assert [line for line in requirements if line and not line.startswith("#")] == [
        f"roadmap-site=={roadmap_site_package.__version__}"
    ]
    readme = files["README.md"].decode("utf-8")
    upgrade = readme[readme.index("## Upgrade roadmap-site") :]
    assert f"roadmap-site=={roadmap_site_package.__version__}" in upgrade
    assert "python3 -m pip install -r .github/requirements-site.txt" in upgrade
    assert "mkdocs build --strict" in upgrade


def test_the_site_name_is_yaml_escaped(tmp_path):
    name = 'My "plan": #1 \\ done'
    starter.init(tmp_path / "x", starter.StarterValues(dt.date(2026, 11, 23), "https://me.github.io/plan/", name))
    config = load_mkdocs_yml(tmp_path / "x" / "mkdocs.yml")
    assert config["site_name"] == name
    assert config["site_url"] == ("!ENV", ["SITE_URL", "https://me.github.io/plan/"])


@pytest.mark.parametrize(
    ("quarter", "count", "expected"),
    [("2026-Q4", 1, "2027-Q1"), ("2026-Q1", 4, "2027-Q1"), ("2026-Q1", -1, "2025-Q4"), ("2026-Q2", 0, "2026-Q2")],
)
def test_shift_quarter(quarter, count, expected):
    assert starter.shift_quarter(quarter, count) == expected


def test_the_scaffold_config_matches_the_repository_one():
    ours = load_mkdocs_yml(REPO / "mkdocs.yml")
    theirs = load_mkdocs_yml(SCAFFOLD / "mkdocs.yml")
    assert theirs["markdown_extensions"] == ours["markdown_extensions"]
    assert theirs["theme"]["font"] is False
    assert theirs["theme"]["name"] == "material"
    assert theirs["docs_dir"] == "content" and theirs["strict"] is True
    assert any(p == "roadmap" or (isinstance(p, dict) and "roadmap" in p) for p in theirs["plugins"])
    assert theirs["site_url"][0] == "!ENV" and theirs["site_url"][1][0] == "SITE_URL"


def test_the_publish_workflow_gives_the_build_the_pages_address():
    workflow = yaml.safe_load((SCAFFOLD / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/configure-pages@"))
    build = next(i for i, s in enumerate(steps) if "mkdocs build" in str(s.get("run", "")))
    assert pages < build
    assert steps[pages]["id"] == "pages"
    assert steps[build]["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"


# --- the command ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_init_then_a_strict_build_passes(tmp_path):
    """`roadmap-site init /tmp/x && cd /tmp/x && mkdocs build --strict`, with today's date."""
    env = subprocess_env("ROADMAP_SITE_TODAY", "SITE_URL")
    init = roadmap_site(tmp_path, "init", str(tmp_path / "x"), env=env)
    assert init.returncode == 0, init.stderr
    project = tmp_path / "x"
    assert f"created {len(STARTER_FILES | SCHEMA_FILES)} files" in init.stdout
    requirements = (project / ".github" / "requirements-site.txt").read_text(encoding="utf-8")
    assert f"\nroadmap-site=={roadmap_site_package.__version__}\n" in requirements
    build = mkdocs_build(project, env=env)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr, build.stderr
    site = project / "site"
    for page in ("index.html", "roadmaps/my-roadmap/index.html", "skills/my-skills/index.html", "updates/index.html"):
        assert (site / page).is_file(), page
    quarter = next((project / "content" / "updates").glob("*.md")).stem
    assert (site / "updates" / quarter / "index.html").is_file()
    ET.fromstring((site / "feed.xml").read_bytes())
    ET.fromstring((site / "badges" / "my-roadmap.svg").read_bytes())
    assert "your-name.github.io" in (site / "feed.xml").read_text(encoding="utf-8")
    check = roadmap_site(project, "check", "--strict", env=env)
    assert check.returncode == 0 and "0 warnings" in check.stdout, check.stdout + check.stderr


@pytest.mark.slow
def test_the_published_address_comes_from_the_workflow(tmp_path):
    assert roadmap_site(tmp_path, "init", "x", "--today", "2026-11-23").returncode == 0
    project = tmp_path / "x"
    env_build = mkdocs_build(
        project, env=subprocess_env(SITE_URL="https://someone.github.io/plan", ROADMAP_SITE_TODAY="2026-11-23")
    )
    assert env_build.returncode == 0, env_build.stderr
    feed = (project / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "https://someone.github.io/plan/feed.xml" in feed and "your-name" not in feed


@pytest.mark.parametrize("today", ["2026-10-01", "2026-12-31", "2027-02-28"])
def test_the_starter_roadmap_is_neither_overdue_nor_stale_on_any_day(tmp_path, today):
    assert roadmap_site(tmp_path, "init", "x", "--today", today).returncode == 0
    check = roadmap_site(tmp_path / "x", "check", "--strict", "--today", today)
    assert check.returncode == 0, check.stderr
    assert "0 warnings" in check.stdout


def test_init_refuses_to_overwrite_and_names_the_files(tmp_path):
    project = tmp_path / "x"
    (project / "content" / "roadmaps").mkdir(parents=True)
    (project / "README.md").write_text("mine\n", encoding="utf-8")
    (project / "content" / "roadmaps" / "my-roadmap.yml").write_text("title: Mine\n", encoding="utf-8")
    result = roadmap_site(tmp_path, "init", "x")
    assert result.returncode == 1
    assert "README.md" in result.stderr and "content/roadmaps/my-roadmap.yml" in result.stderr
    assert "nothing was written" in result.stderr
    assert (project / "README.md").read_text(encoding="utf-8") == "mine\n"
    assert not (project / "mkdocs.yml").exists() and not (project / ".github").exists()


def test_init_writes_into_an_empty_or_unrelated_folder(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert roadmap_site(tmp_path, "init", "empty").returncode == 0
    assert (empty / "mkdocs.yml").is_file()
    other = tmp_path / "repo"
    (other / ".git").mkdir(parents=True)
    (other / "LICENSE").write_text("MIT\n", encoding="utf-8")
    assert roadmap_site(tmp_path, "init", "repo").returncode == 0
    assert (other / "LICENSE").read_text(encoding="utf-8") == "MIT\n" and (other / "content").is_dir()


def test_init_on_a_file_or_with_a_bad_address_is_a_usage_error(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = roadmap_site(tmp_path, "init", "file")
    assert result.returncode == 2 and "is not a folder" in result.stderr
    bad = roadmap_site(tmp_path, "init", "y", "--site-url", "example.org")
    assert bad.returncode == 2 and "--site-url" in bad.stderr
    assert not (tmp_path / "y").exists()
