"""The `roadmap-site` command: help, exit codes, `update` and `check --format json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import roadmap_site, subprocess_env, write_tree

from roadmap_site.cli import quarterly
from roadmap_site.cli.main import parser
from roadmap_site.content.loader import load_content

ROADMAP = """
title: AI Engineering
phases:
  - id: foundation
    title: Foundation
    milestones:
      - {id: self-study, title: "Self-study: math [and] *PyTorch*", status: done, due: 2026-08, done_on: 2026-08-21}
      - id: open-source
        title: First open-source contribution
        status: slipped
        due: 2026-09
        slipped: {reason: Coursework came first, new_due: 2027-03, recorded: 2026-09-30}
      - {id: project, title: Production project, status: active, due: 2026-12}
      - {id: later, title: Later, due: 2027-Q2}
"""
OTHER = """
title: Web
phases: [{title: P, milestones: [{id: m, title: Web milestone, due: 2026-Q3, status: done, done_on: 2026-07-02}]}]
"""
UPDATE = "---\ndate: 2026-10-04\nquarter: 2026-Q3\nroadmap: ai\n---\n\nText.\n"
COMMANDS = ("init", "check", "update", "schema", "export")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_tree(
        tmp_path / "content", {"roadmaps/ai.yml": ROADMAP, "roadmaps/web.yml": OTHER, "updates/2026-Q3.md": UPDATE}
    )
    return tmp_path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_helpful_help(tmp_path, command):
    result = roadmap_site(tmp_path, command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: roadmap-site {command}")
    description = result.stdout.split("\n\n")[1]
    assert len(description.split()) >= 5, result.stdout


def test_main_help_lists_commands_and_exit_codes(tmp_path):
    result = roadmap_site(tmp_path, "--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout
    assert "0 ok, 1 content problem" in result.stdout and "2 usage error" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("check", "nowhere"),
        ("check", "--today", "tomorrow"),
        ("update", "--quarter", "2027-Q5"),
        ("update", "--roadmap", "nope"),
        ("export", "content/out"),
        ("export", "out", "--site-url", "ftp://x"),
        ("frobnicate",),
        (),
    ],
)
def test_usage_errors_exit_2_with_a_message(project, args):
    result = roadmap_site(project, *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "error:" in result.stderr and "Traceback" not in result.stderr


def test_unknown_roadmap_names_the_known_ones(project):
    result = roadmap_site(project, "update", "--roadmap", "aj")
    assert "no roadmap 'aj' (known: ai, web)" in result.stderr


# --- update -------------------------------------------------------------------------------------


def test_update_drafts_the_quarter_from_the_data(project):
    result = roadmap_site(project, "update", "--quarter", "2026-Q3", "--roadmap", "ai", "--today", "2026-10-02")
    assert result.returncode == 0, result.stderr
    path = project / "content" / "updates" / "2026-Q3-ai.md"
    assert result.stdout.strip() == str(Path("content") / "updates" / "2026-Q3-ai.md")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\ndate: 2026-10-02\nquarter: 2026-Q3\nroadmap: ai\n")
    done = text.index("## Done")
    slipped = text.index("## Slipped")
    assert done < slipped
    assert "- [Self-study: math \\[and\\] \\*PyTorch\\*](../roadmaps/ai.md#self-study), done 21 Aug 2026." in text
    assert "- [First open-source contribution](../roadmaps/ai.md#open-source), now due Mar 2027." in text
    assert "## Due this quarter" not in text  # the only milestone due in Q3 slipped to Q1
    assert "Production project" not in text and "Web milestone" not in text
    check = roadmap_site(project, "check", "--today", "2026-10-02")
    assert check.returncode == 0, check.stderr
    assert "2 updates" in check.stdout


def test_update_for_the_whole_site_groups_by_roadmap(project):
    result = roadmap_site(project, "update", "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    text = (project / "content" / "updates" / "2026-Q4.md").read_text(encoding="utf-8")
    assert "quarter: 2026-Q4\n" in text and "roadmap:" not in text
    assert "## AI Engineering" in text and "## Web" in text
    assert "### Due this quarter\n\n- [Production project](../roadmaps/ai.md#project), due Dec 2026 (active)." in text
    assert "No milestone of this roadmap was due, done or slipped in 2026-Q4." in text
    assert roadmap_site(project, "check", "--today", "2026-11-23").returncode == 0


def test_update_never_overwrites(project):
    existing = project / "content" / "updates" / "2026-Q3.md"
    before = existing.read_bytes()
    result = roadmap_site(project, "update", "--quarter", "2026-Q3")
    assert result.returncode == 1
    assert "2026-Q3.md already exists" in result.stderr
    assert existing.read_bytes() == before


def test_update_defaults_to_the_current_quarter_from_the_environment(project):
    result = roadmap_site(project, "update", env=subprocess_env(ROADMAP_SITE_TODAY="2027-01-05"))
    assert result.returncode == 0, result.stderr
    text = (project / "content" / "updates" / "2027-Q1.md").read_text(encoding="utf-8")
    assert "date: 2027-01-05" in text
    assert "[First open-source contribution](../roadmaps/ai.md#open-source), due Mar 2027 (slipped)." in text


def test_update_on_broken_content_reports_it(project):
    write_tree(project / "content", {"roadmaps/broken.yml": "title: T\nstauts: x\n"})
    result = roadmap_site(project, "update")
    assert result.returncode == 1 and "broken.yml:2:1" in result.stderr


def test_markdown_text_escapes_markup():
    assert quarterly.markdown_text("a *b* [c] <d> `e` #f _g_") == "a \\*b\\* \\[c\\] &lt;d> \\`e\\` \\#f \\_g\\_"


def test_draft_loads_as_valid_content(project):
    content = load_content(project / "content", project)
    import datetime as dt

    text = quarterly.draft_update(content, "2026-Q3", dt.date(2026, 10, 1))
    write_tree(project / "content", {"updates/draft.md": text})
    assert len(load_content(project / "content", project).updates) == 2


# --- check ------------------------------------------------------------------------------------------


STALE = "title: Old\nphases: [{title: P, milestones: [{id: m, title: M, due: 2026-06}]}]\n"


def test_check_json_reports_stale_roadmaps_even_with_strict_errors(tmp_path):
    write_tree(
        tmp_path / "content", {"roadmaps/old.yml": STALE, "updates/2025-Q4.md": "---\ndate: 2025-12-01\n---\n\nx\n"}
    )
    result = roadmap_site(tmp_path, "check", "--strict", "--format", "json", "--today", "2026-11-23")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["stale_checked"] is True
    assert report["stale"] == [
        {"roadmap": "old", "title": "Old", "last_update": "2025-12-01", "due_since": "2026-03-17"}
    ]
    severities = sorted((p["severity"], p["line"]) for p in report["problems"])
    assert severities == [("error", 2), ("warning", 1)]  # the due date; the roadmap
    text = roadmap_site(tmp_path, "check", "--strict", "--today", "2026-11-23")
    assert text.returncode == 1
    assert "content/roadmaps/old.yml:1:" in text.stderr and "promises a quarterly update" in text.stderr


def test_check_json_says_when_staleness_could_not_be_checked(tmp_path):
    write_tree(tmp_path / "content", {"roadmaps/old.yml": STALE + "stauts: x\n"})
    result = roadmap_site(tmp_path, "check", "--format", "json", "--today", "2026-11-23")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report == {"ok": False, "problems": report["problems"], "stale": [], "stale_checked": False}
    assert "stauts" in report["problems"][0]["message"]


def test_check_json_when_all_is_well(project):
    result = roadmap_site(project, "check", "--format", "json", "--today", "2026-10-05")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"ok": True, "problems": [], "stale": [], "stale_checked": True}


def test_parser_documents_every_option():
    text = (Path(__file__).resolve().parent.parent / "docs" / "publishing.md").read_text(encoding="utf-8")
    commands = parser()._subparsers._group_actions[0].choices  # argparse keeps them here
    for name, sub in commands.items():
        assert f"roadmap-site {name}" in text, name
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in text, f"{name} {option} is not in docs/publishing.md"
