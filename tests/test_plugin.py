"""The plugin in real `mkdocs build --strict` runs of small projects."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess

import pytest
from conftest import MKDOCS_YML, mkdocs_build, roadmap_site
from svg_read import SVG_NS, href, parse, svgs, text_of
from test_content import THREE_MISTAKES

pytestmark = pytest.mark.slow

EXPECTED = [
    "content/roadmaps/x.yml:7:9: unknown key 'stauts' in a milestone; did you mean 'status'?",
    "content/roadmaps/x.yml:10:17: status: expected one of 'planned', 'active', 'done', 'slipped' or 'dropped'",
    "content/roadmaps/x.yml:11:25: no milestone has the id 'c' (known: a, b)",
]


def test_bad_content_stops_the_build_with_positioned_messages(site):
    project = site({"roadmaps/x.yml": THREE_MISTAKES})
    build = mkdocs_build(project)
    check = roadmap_site(project, "check")
    for result in (build, check):
        assert result.returncode != 0
        assert "Traceback" not in result.stderr + result.stdout
        for message in EXPECTED:
            assert message in result.stderr, result.stderr
    assert not (project / "site" / "index.html").exists()


def test_clean_content_check_prints_a_summary(site):
    project = site({"roadmaps/x.yml": "title: T\nphases: [{title: P, milestones: [{title: M, due: 2027-Q1}]}]\n"})
    result = roadmap_site(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok: 1 roadmap, 1 milestones, 0 skills files, 0 updates; 0 warnings"


HOSTILE = 'Learn "C++" [fast] --> ship %%{init}%% end'


@pytest.mark.parametrize("mode", ["off", "cdn"])
def test_hostile_milestone_title_renders_as_text(site, mode):
    project = site(
        {
            "roadmaps/x.yml": f"""
            title: T
            phases:
              - title: P
                period: 2026-01 .. 2026-12
                milestones:
                  - id: hostile
                    title: '{HOSTILE}'
                    due: 2026-06
                    status: done
                  - {{id: next, title: Next, depends_on: [hostile]}}
            """
        }
    )
    yml = MKDOCS_YML.replace("today:", f"mermaid: {mode}\n      today:")
    project.joinpath("mkdocs.yml").write_text(yml, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "roadmaps" / "x" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r'<h3 id="hostile">(.*?)<a class="headerlink"', page, re.DOTALL)
    assert heading and html.unescape(heading[1]).strip() == HOSTILE
    if mode == "off":  # diagrams drawn at build time: the title is the text of the node's link
        drawn = [parse(svg) for svg in svgs(page)]
        assert len(drawn) == 2  # milestones by phase and the timeline
        for root in drawn:
            links = [a for a in root.iter(f"{SVG_NS}a") if href(a) == "#hostile"]
            assert [" ".join(text_of(a).split()) for a in links] == [f"✓ {HOSTILE}"]
        return
    diagrams = [html.unescape(d) for d in re.findall(r'<pre class="mermaid"><code>(.*?)</code></pre>', page, re.DOTALL)]
    assert len(diagrams) == 2  # path flowchart and gantt timeline
    for source in diagrams:
        assert "%%{init" not in source and "-->  ship" not in source and '"C++"' not in source
        assert "#37;#37;#123;init#125;#37;#37;" in source  # the directive, as inert entity codes


def test_plugin_registers_the_extensions_its_pages_need(site):
    bare = "site_name: S\ndocs_dir: content\ntheme: {name: material, font: false}\nplugins: [roadmap]\n"
    project = site(
        {"roadmaps/x.yml": "title: T\nphases: [{title: P, checklist: ['[x] one', '[ ] two']}]\n"}, mkdocs_yml=bare
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "roadmaps" / "x" / "index.html").read_text(encoding="utf-8")
    assert 'class="task-list-item"' in page and 'id="p"' in page and "admonition" not in page


def test_a_conflicting_mermaid_fence_is_a_named_configuration_error(site):
    config = MKDOCS_YML + (
        "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        "        - name: mermaid\n          class: diagram\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
    )
    project = site({"roadmaps/x.yml": "title: T\n"}, mkdocs_yml=config)
    result = mkdocs_build(project)
    assert result.returncode != 0 and "custom_fences has a 'mermaid' fence" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_content_dir_is_a_named_error(site):
    project = site(
        {"roadmaps/x.yml": "title: T\n"}, mkdocs_yml=MKDOCS_YML.replace("today:", "content_dir: nowhere\n      today:")
    )
    result = mkdocs_build(project)
    assert result.returncode != 0 and "content_dir" in result.stderr and "nowhere" in result.stderr


def test_own_index_page_replaces_the_generated_home(site):
    project = site({"roadmaps/x.yml": "title: T\n", "index.md": "# My own home\n"})
    assert mkdocs_build(project).returncode == 0
    assert "My own home" in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_a_page_in_the_way_of_a_generated_one_is_an_error(site):
    project = site({"roadmaps/x.yml": "title: T\n", "roadmaps/x.md": "# Mine\n"})
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "content/roadmaps/x.md:1:1: this page would have the address of the page generated from 'x.yml'" in (
        result.stderr
    )


@pytest.mark.parametrize("path", ["progress.json", "feed.xml", "badges/x.svg"])
def test_a_file_in_the_way_of_a_data_file_is_an_error(site, path):
    project = site({"roadmaps/x.yml": "title: T\n", path: "mine\n"})
    result = mkdocs_build(project)
    assert result.returncode != 0 and f"{path} would be overwritten by the generated {path}" in result.stderr
    assert (project / "content" / path).read_text() == "mine\n"


def git(project, *args, date=None):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def stamp(project, roadmap):
    page = (project / "site" / "roadmaps" / roadmap / "index.html").read_text(encoding="utf-8")
    return re.search(r'Last updated: <time datetime="([\d-]+)">', page)[1]


def test_last_updated_comes_from_git_and_explicit_dates_win(site):
    project = site(
        {
            "roadmaps/a.yml": "title: A\n",
            "roadmaps/b.yml": "title: B\n",
            "roadmaps/c.yml": "title: C\nupdated: 2026-03-15\n",
        }
    )
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "one", date="2026-01-10")
    (project / "content" / "roadmaps" / "b.yml").write_text("title: B2\n", encoding="utf-8")
    git(project, "commit", "-qam", "two", date="2026-02-20")
    assert mkdocs_build(project).returncode == 0
    assert (stamp(project, "a"), stamp(project, "b"), stamp(project, "c")) == ("2026-01-10", "2026-02-20", "2026-03-15")


def test_an_explicit_updated_wins_over_a_later_update_and_shows_at_its_precision(site):
    project = site(
        {
            "roadmaps/month.yml": "title: M\nupdated: 2026-05\n",
            "roadmaps/day.yml": "title: D\nupdated: 2026-03-15\n",
            "roadmaps/quarter.yml": "title: Q\nupdated: 2026-Q2\n",
            "roadmaps/none.yml": "title: N\n",
            "updates/2026-Q3.md": "---\ndate: 2026-09-30\n---\n\nA later update about every roadmap.\n",
        }
    )
    os.utime(project / "content" / "roadmaps" / "none.yml", (1767225600, 1767225600))  # 2026-01-01
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    shown = {}
    for roadmap in ("month", "day", "quarter", "none"):
        page = (project / "site" / "roadmaps" / roadmap / "index.html").read_text(encoding="utf-8")
        found = re.search(r'Last updated: <time datetime="([^"]+)">([^<]+)</time>', page)
        shown[roadmap] = (found[1], found[2])
    assert shown == {
        "month": ("2026-05", "May 2026"),
        "day": ("2026-03-15", "15 Mar 2026"),
        "quarter": ("2026", "Q2 2026"),
        "none": ("2026-09-30", "30 Sep 2026"),  # no `updated:`: the later update moves the stamp
    }
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "May 2026" in home and "31 May 2026" not in home


def test_a_stale_roadmap_without_updates_says_when_it_was_updated_at_the_precision_written(site):
    project = site({"roadmaps/a.yml": "title: A\nupdated: 2026-05\n"})
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "roadmaps" / "a" / "index.html").read_text(encoding="utf-8")
    warning = page[page.index("This roadmap is overdue for an update") :]
    warning = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", warning[: warning.index("</div>")])).split())
    assert "never written; the roadmap was last updated May 2026 ," in warning, warning
    assert "31 May" not in page


def test_without_git_the_file_time_is_used(site):
    project = site({"roadmaps/a.yml": "title: A\n"})
    os.utime(project / "content" / "roadmaps" / "a.yml", (1767225600, 1767225600))  # 2026-01-01
    assert mkdocs_build(project).returncode == 0
    assert stamp(project, "a") == "2026-01-01"


def test_shallow_clone_is_warned_about_once(site, tmp_path_factory):
    origin = site({"roadmaps/a.yml": "title: A\n"})
    git(origin, "init", "-q")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "one", date="2026-01-10")
    git(origin, "commit", "-q", "--allow-empty", "-m", "two", date="2026-01-11")
    clone = tmp_path_factory.mktemp("clone") / "c"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    result = mkdocs_build(clone)
    assert result.returncode != 0  # strict: the warning fails a strict build, as it should in CI
    assert result.stderr.count("the git clone is shallow") == 1


def test_late_roadmaps_still_publish_and_say_so(site):
    project = site(
        {
            "roadmaps/a.yml": "title: A\nupdated: 2025-01-01\n"
            "phases: [{title: P, milestones: [{title: M, due: 2025-06}]}]\n"
        }
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "roadmap: content/roadmaps/a.yml:3:" in result.stderr and "was due 2025-06" in result.stderr
    # a WARNING line the author sees, though --strict (which counts MkDocs' warnings) passes
    (line,) = [line for line in result.stderr.splitlines() if "was due 2025-06" in line]
    assert line.startswith("WARNING -  roadmap: content/roadmaps/a.yml:3:"), result.stderr
    assert any(line.startswith("WARNING -") and "promises a quarterly update" for line in result.stderr.splitlines())
    page = (project / "site" / "roadmaps" / "a" / "index.html").read_text(encoding="utf-8")
    assert "This roadmap is overdue for an update" in page and "Overdue" in page
    strict = project / "mkdocs.yml"
    strict.write_text(strict.read_text().replace("today:", "strict: true\n      today:"))
    result = mkdocs_build(project)
    assert result.returncode != 0 and "content/roadmaps/a.yml:3:" in result.stderr


READ_CONTENT = """
import json
from pathlib import Path

seen = {}


def on_page_context(context, page, config, nav):
    seen[page.file.src_uri] = page.content
    return context


def on_post_build(config):
    Path(config.config_file_path).with_name("seen.json").write_text(json.dumps(seen))
"""


def test_checkboxes_are_labelled_after_other_plugins_read_the_content(site):
    # Material's search parses every page's content in on_page_context: the labels only
    # give it more to read, so they are added after it, yet before the page is written
    project = site(
        {
            "roadmaps/x.yml": """
            title: T
            phases:
              - title: P
                milestones:
                  - {id: m, title: M, due: 2027-Q1, checklist: ["[x] Write the tests", "[ ] Ship it"]}
            """
        },
        MKDOCS_YML + "hooks:\n  - read_content.py\n",
    )
    (project / "read_content.py").write_text(READ_CONTENT, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    read_by_others = json.loads((project / "seen.json").read_text(encoding="utf-8"))["roadmaps/x.md"]
    page = (project / "site" / "roadmaps" / "x" / "index.html").read_text(encoding="utf-8")
    assert read_by_others.count('class="task-list-item"') == 2
    assert "aria-labelledby" not in read_by_others
    assert page.count('aria-labelledby="rs-item-') == 2


def test_disabled_plugin_builds_the_site_without_roadmap_pages(site):
    """`enabled: false` leaves the site as MkDocs builds it alone: the content's own pages,
    no generated page, asset or data file, and no check of the YAML."""
    yml = MKDOCS_YML.replace('today: "2026-11-23"', 'today: "2026-11-23"\n      enabled: false')
    project = site({"index.md": "# Home\n\nOwn page.\n", "roadmaps/x.yml": THREE_MISTAKES}, yml)
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    built = project / "site"
    assert "Own page." in (built / "index.html").read_text(encoding="utf-8")
    assert not (built / "roadmaps" / "x" / "index.html").exists()
    assert not (built / "assets" / "roadmap-site").exists()
    assert not (built / "progress.json").exists()
    enabled = site({"index.md": "# Home\n\nOwn page.\n", "roadmaps/x.yml": THREE_MISTAKES})
    assert mkdocs_build(enabled).returncode != 0  # the same content, checked when enabled


def test_dependencies_and_skill_areas_show_linked_titles_not_ids(site):
    project = site(
        {
            "roadmaps/a.yml": """
                title: A
                skills: a
                phases:
                  - title: P
                    milestones:
                      - {id: self-study, title: "Self-study <math> & *PyTorch*", due: 2027-03, builds: [dl]}
                      - {id: project, title: Project, due: 2027-06, depends_on: [self-study]}
            """,
            "skills/a.yml": "title: S\nareas: [{id: dl, title: Deep learning}]\n",
        }
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "roadmaps" / "a" / "index.html").read_text(encoding="utf-8")
    after = re.search(r"<p>After: (.*?)</p>", page)[1]
    assert re.fullmatch(r'<a href="#self-study">(.*)</a>', after), after
    assert html.unescape(re.sub(r"<[^>]+>", "", after)) == "Self-study <math> & *PyTorch*"
    builds = re.search(r"<p>Builds: (.*?)</p>", page)[1]
    assert re.fullmatch(r'<a href="\.\./\.\./skills/a/#dl">Deep learning</a>', builds), builds
