"""A corpus of hostile and broken content, run through the real commands.

Each folder of tests/hostile/ is a tiny project's ``content/`` and an ``expect`` file:
its first line is ``safe`` (the build succeeds and its pages are inert) or ``error`` (it
stops with ``file:line:column`` errors), the other lines are texts the output must
contain. Cases too large or too odd to keep as files (big files, links, many files) are
made here. For every case, ``roadmap-site check`` and ``mkdocs build --strict`` end
within 30 seconds, print no traceback, and leave the content byte-identical.

Also here: no command but ``init`` and ``update`` writes under content/, and two builds
of the same content are byte-identical.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MKDOCS_YML, REPO, mkdocs_build, roadmap_site, subprocess_env, write_tree
from safety import live_parts, scan_html, tree_digest, unpositioned_lines

from roadmap_site.content import folder
from roadmap_site.content.load import MAX_FILE_BYTES, MAX_VALUES
from roadmap_site.content.loader import load_content
from roadmap_site.content.problems import ContentError

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).parent / "hostile"
CASES = sorted(path.name for path in CORPUS.iterdir() if (path / "expect").is_file())
TIME_LIMIT = 30
SITE_YML = MKDOCS_YML + "  - search\n"


@dataclass
class Outcome:
    """What the two commands did with one case."""

    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str]
    site: Path
    content_changed: bool
    pwned: bool


def run(command: list[str], project: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command,
            cwd=project,
            env=subprocess_env(),
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, -1, "", f"TIMEOUT after {TIME_LIMIT} s")


def run_case(project: Path) -> Outcome:
    """``roadmap-site check`` and ``mkdocs build --strict`` in ``project``."""
    (project / "mkdocs.yml").write_text(SITE_YML, encoding="utf-8")
    before = tree_digest(project / "content")
    check = run([sys.executable, "-m", "roadmap_site.cli", "check", "content", "--today", "2026-11-23"], project)
    build = run([sys.executable, "-m", "mkdocs", "build", "--strict"], project)
    return Outcome(
        check,
        build,
        project / "site",
        tree_digest(project / "content") != before,
        any(project.rglob("PWNED*")) or Path("PWNED").exists(),
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Outcome]:
    """Every corpus case, run a few at a time."""
    root = tmp_path_factory.mktemp("hostile")
    projects = {}
    for name in CASES:
        projects[name] = root / name
        shutil.copytree(CORPUS / name / "content", root / name / "content", symlinks=True)
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(projects, pool.map(run_case, projects.values()), strict=True))


def assert_outcome(outcome: Outcome, expect: list[str]) -> None:
    kind, texts = expect[0], expect[1:]
    for result in (outcome.check, outcome.build):
        assert "Traceback" not in result.stderr + result.stdout, result.stderr
        assert "TIMEOUT" not in result.stderr, f"{result.args[2]} took more than {TIME_LIMIT} s"
    assert not outcome.content_changed, "the content folder changed"
    assert not outcome.pwned, "a YAML tag ran a command"
    if kind == "safe":
        assert outcome.check.returncode == 0, outcome.check.stderr
        assert outcome.build.returncode == 0, outcome.build.stderr
        pages = sorted(outcome.site.rglob("*.html"))
        assert pages
        for page in pages:
            markup = page.read_text(encoding="utf-8")
            assert scan_html(markup, theme=True) == [], (page, scan_html(markup, theme=True))
            assert "alert(" not in live_parts(markup), page
        index = json.loads((outcome.site / "search" / "search_index.json").read_text(encoding="utf-8"))
        for entry in index["docs"]:
            assert scan_html(entry["title"]) == [] and scan_html(entry["text"]) == [], entry["location"]
    else:
        assert kind == "error", kind
        assert outcome.check.returncode == 1, outcome.check.stderr
        assert outcome.build.returncode != 0, outcome.build.stderr
        assert unpositioned_lines(outcome.check.stderr) == [], outcome.check.stderr
        assert "roadmap content" in outcome.build.stderr, outcome.build.stderr
        assert not outcome.site.exists() or not any(outcome.site.rglob("roadmaps/*/index.html"))
    for text in texts:
        assert text in outcome.check.stderr + outcome.check.stdout, (text, outcome.check.stderr)
        if kind == "error":
            assert text in outcome.build.stderr, (text, outcome.build.stderr)


@pytest.mark.parametrize("name", CASES)
def test_corpus_case(corpus, name):
    expect = (CORPUS / name / "expect").read_text(encoding="utf-8").splitlines()
    assert_outcome(corpus[name], expect)


# --- cases made here -------------------------------------------------------------------------------


def big_prose_file() -> dict[str, str]:
    return {"roadmaps/r.yml": "title: T\nsummary: " + "y" * (MAX_FILE_BYTES + 10) + "\n"}


def many_values_file() -> dict[str, str]:
    items = "".join(f'  - "[ ] item {n}"\n' for n in range(MAX_VALUES + 10))
    return {"roadmaps/r.yml": "title: T\ncadence: none\nphases:\n- title: P\n  checklist:\n" + items}


def deep_flow_million() -> dict[str, str]:
    return {"roadmaps/r.yml": "title: " + "[" * 400_000 + "\n"}


MADE = {
    "file-over-the-size-limit": (big_prose_file, ["error", "content/roadmaps/r.yml:1:1:", "at most"]),
    "file-with-too-many-values": (many_values_file, ["error", "content/roadmaps/r.yml:", "values"]),
    "unclosed-deep-flow-nesting": (deep_flow_million, ["error", "content/roadmaps/r.yml:1:"]),
}


@pytest.mark.parametrize("name", sorted(MADE))
def test_made_case(tmp_path, name):
    make, expect = MADE[name]
    files = make()
    write_tree(tmp_path / "content", files)
    assert_outcome(run_case(tmp_path), expect)


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_CONTENT_FILES", 3, "the folder has 4 content files; a site may have at most 3"),
        (
            "MAX_CONTENT_BYTES",
            100,
            "the content files have 116 bytes together; a site may have at most 100",
        ),
        (
            "MAX_CONTENT_VALUES",
            10,
            "the content files hold 12 values together; a site may have at most 10",
        ),
    ],
)
def test_site_wide_budgets(tmp_path, monkeypatch, limit, value, message):
    """The budgets of a whole content folder (sized for big sites, so tried here with
    small ones): past one, the build stops with a message, before reading files when it can."""
    monkeypatch.setattr(folder, limit, value)
    write_tree(tmp_path / "content", {f"roadmaps/r{n}.yml": "title: Roadmap\ncadence: none\n" for n in range(4)})
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path / "content", tmp_path)
    assert f"content:1:1: {message}" in [str(problem) for problem in caught.value.problems]


def test_link_to_a_file_outside_the_content_folder(tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("title: ssh-rsa AAAA secret\n", encoding="utf-8")
    project = tmp_path / "project"
    write_tree(project / "content", {"roadmaps/r.yml": "title: T\n"})
    (project / "content" / "roadmaps" / "leak.yml").symlink_to(secret)
    (project / "content" / "roadmaps" / "dangling.yml").symlink_to(tmp_path / "nothing.yml")
    outcome = run_case(project)
    assert_outcome(outcome, ["error", "content/roadmaps/leak.yml:1:1:", "outside the content folder"])
    assert "secret" not in outcome.check.stderr and "ssh-rsa" not in outcome.build.stderr
    assert "content/roadmaps/dangling.yml:1:1: the file is a link to nothing" in outcome.check.stderr


def test_a_content_folder_that_is_a_link_to_elsewhere(tmp_path):
    """Files in a folder that is a link are where the link leads: outside the content
    folder they are refused, inside it they are read."""
    project = tmp_path / "project"
    skills = "title: S\nareas: [{id: a, title: A}]\n"
    write_tree(project, {"content/roadmaps/r.yml": "title: T\ncadence: none\n", "shared/s.yml": skills})
    (project / "content" / "skills").symlink_to(project / "shared")
    with pytest.raises(ContentError) as caught:
        load_content(project / "content", project)
    assert [str(problem) for problem in caught.value.problems] == [
        "content/skills/s.yml:1:1: the file is a link to a file outside the content folder: copy it in"
    ]
    (project / "content" / "skills").unlink()
    (project / "shared").rename(project / "content" / "shared")
    (project / "content" / "skills").symlink_to(project / "content" / "shared")
    assert list(load_content(project / "content", project).skills) == ["s"]


def test_no_page_or_file_of_the_site_links_out_of_the_project(tmp_path):
    """A link in the content folder to a file outside the project (in a pull request:
    ``/proc/self/environ``, a key) would be published with the site: an error."""
    secret = tmp_path / "environ"
    secret.write_text("TOKEN=s3cr3t\n", encoding="utf-8")
    project = tmp_path / "project"
    write_tree(project, {"content/roadmaps/r.yml": "title: T\ncadence: none\n", "notes/inside.md": "# Notes\n"})
    (project / "content" / "leak.txt").symlink_to(secret)
    (project / "content" / "notes.md").symlink_to(project / "notes" / "inside.md")  # inside: fine
    outcome = run_case(project)
    assert_outcome(outcome, ["error", "content/leak.txt:1:1: this is a link to a file outside the project"])
    assert not outcome.site.exists() or not list(outcome.site.rglob("leak.txt"))
    (project / "content" / "leak.txt").unlink()
    shutil.rmtree(outcome.site, ignore_errors=True)
    assert_outcome(run_case(project), ["safe"])


# --- nothing written under content/, deterministic output ------------------------------------------


def example_project(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_commands_do_not_write_under_content(tmp_path):
    project = example_project(tmp_path / "project")
    before = tree_digest(project / "content")
    assert roadmap_site(project, "check", "--today", "2026-11-23").returncode == 0
    assert roadmap_site(project, "check", "--format", "json", "--today", "2026-11-23").returncode == 0
    export = roadmap_site(project, "export", str(tmp_path / "export"), "--today", "2026-11-23")
    assert export.returncode == 0, export.stderr
    assert roadmap_site(project, "schema", "-o", str(tmp_path / "schema")).returncode == 0
    refused = roadmap_site(project, "export", "content/out", "--today", "2026-11-23")
    assert refused.returncode != 0
    build = mkdocs_build(project, "--site-dir", str(tmp_path / "site"))
    assert build.returncode == 0, build.stderr
    assert tree_digest(project / "content") == before


def test_two_builds_are_byte_identical_whatever_the_hash_seed(tmp_path):
    """A content tree full of mappings and sets (facts, owner links, statuses, ids,
    dependencies, updates, paths that share stages), built twice with different hash
    seeds: set and dict order must not reach any output file."""
    facts = "".join(f"  {name}: value {name}\n" for name in ("zeta", "alpha", "mid", "beta", "omega"))
    roadmap = f"""
title: Ordered
cadence: quarterly
skills: s
owner: {{name: N, links: {{zeta: "https://z.example", alpha: "https://a.example", mid: "mailto:m@example.org"}}}}
facts:
{facts}
phases:
  - title: One
    period: 2026-01 .. 2026-06
    milestones:
      - {{id: c, title: C, due: 2026-03, status: slipped, slipped: {{reason: late, new_due: 2026-09}}, builds: [y, x]}}
      - {{id: a, title: A, due: 2026-02, status: done, done_on: 2026-02-10, depends_on: [c]}}
      - {{id: b, title: B, due: 2026-04, depends_on: [a, c], builds: [x]}}
      - {{id: d, title: D, due: 2026-05, status: dropped}}
stages: [{{id: s3, title: S3}}, {{id: s1, title: S1}}, {{id: s2, title: S2}}]
paths:
  - {{for: Zed, route: [s3, s1, s2]}}
  - {{for: Ann, route: [s1, s2]}}
  - {{for: Mo, route: [s2, s3]}}
"""
    files = {
        "roadmaps/ordered.yml": roadmap,
        "roadmaps/other.yml": "title: Other\ncadence: none\nfacts:\n  omega: o\n  zeta: z\n",
        "skills/s.yml": "title: S\nareas:\n"
        "  - {id: y, title: Y, level: 1, target: 5, impact: 5}\n"
        "  - {id: x, title: X, level: 2, target: 5, impact: 5}\n"
        "  - {id: w, title: W, level: 4, target: 5, impact: 1}\n",
        "updates/2026-Q1.md": "---\ndate: 2026-04-01\nroadmap: ordered\n---\nFirst.\n",
        "updates/2026-Q2.md": "---\ndate: 2026-07-01\n---\nSecond.\n",
    }
    write_tree(tmp_path / "project", {"mkdocs.yml": SITE_YML, **{f"content/{k}": v for k, v in files.items()}})
    project = tmp_path / "project"
    sites = []
    for seed in ("1", "2"):
        site = tmp_path / f"site-{seed}"
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=project,
            env=subprocess_env(PYTHONHASHSEED=seed),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        sites.append(site)
    first = {p.relative_to(sites[0]).as_posix(): p.read_bytes() for p in sites[0].rglob("*") if p.is_file()}
    second = {p.relative_to(sites[1]).as_posix(): p.read_bytes() for p in sites[1].rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    different = [name for name in first if name != "sitemap.xml.gz" and first[name] != second[name]]
    assert different == []
    assert {"progress.json", "feed.xml", "roadmaps/ordered/index.html"} <= set(first)
