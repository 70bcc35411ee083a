"""The promise of issue 6, end to end with the real command and real `mkdocs build --strict`
runs: overdue milestones are reported at their file:line until they are marked slipped
with a reason (which the page then shows); a late update is told to readers; the feed,
progress.json and the badges publish the figures the pages show."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import MKDOCS_YML, mkdocs_build, roadmap_site
from test_feed import SITE_URL, A, entries, problems_of_atom

pytestmark = pytest.mark.slow

ROADMAP = """\
title: AI Engineering
owner: {name: Morgan Lee}
cadence: quarterly
phases:
  - id: foundation
    title: Foundation
    milestones:
      - id: self-study
        title: Complete pre-program self-study
        status: done
        due: 2026-08
        done_on: 2026-08-21
        checklist: ["[x] PyTorch fundamentals", "[x] Linear algebra review"]
      - id: open-source
        title: Contribute to an open-source ML project
        status: active
        due: 2026-09
        checklist: ["[x] Choose a project", "[ ] Contribution merged"]
      - id: production
        title: Production project
        status: active
        due: 2027-06
        checklist: ["[x] Dockerized", "[~] Tested", "[ ] Monitored"]
      - {id: old-idea, title: An idea I dropped, status: dropped, due: 2026-06}
"""
SLIPPED = """\
        status: slipped
        due: 2026-09
        slipped:
          reason: Coursework took the evenings I had planned for it; the pull request is in review.
          new_due: 2027-03
          recorded: 2026-09-30
"""
REASON = "Coursework took the evenings I had planned for it; the pull request is in review."
OTHER = """\
title: Web Platform
cadence: yearly
sections:
  - title: Basics
    checklist: ["[x] HTML", "[x] CSS", "[ ] JavaScript"]
"""
UPDATES = {
    "updates/2026-Q2.md": "---\ndate: 2026-05-31\nquarter: 2026-Q2\nroadmap: ai\n---\n\nThe roadmap went up.\n",
    "updates/2026-Q3.md": "---\ndate: 2026-10-04\nquarter: 2026-Q3\nroadmap: ai\n---\n\nSelf-study done.\n",
}


def config(today: str, strict: bool = False) -> str:
    extra = "\n      strict: true" if strict else ""
    return MKDOCS_YML.replace('today: "2026-11-23"', f'today: "{today}"{extra}')


def position_of(text: str, milestone: str, key: str) -> tuple[int, int]:
    """Line and column of ``key``'s value inside the milestone with id ``milestone``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {milestone}")
    for number in range(start + 1, len(lines)):
        stripped = lines[number].strip()
        if stripped.startswith(f"{key}:"):
            value = stripped.split(":", 1)[1].strip()
            return number + 1, lines[number].index(value, lines[number].index(key)) + 1
    raise AssertionError(f"{key} not found in {milestone}")


def visible(markup: str) -> str:
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_an_overdue_milestone_fails_strict_checks_until_it_is_marked_slipped(site):
    project = site({"roadmaps/ai.yml": ROADMAP, **UPDATES}, mkdocs_yml=config("2026-11-23", strict=True))
    path = project / "content" / "roadmaps" / "ai.yml"
    line, column = position_of(ROADMAP, "open-source", "due")
    where = f"content/roadmaps/ai.yml:{line}:{column}:"

    check = roadmap_site(project, "check", "--strict", "--today", "2026-11-23")
    assert check.returncode == 1
    assert f"{where} milestone 'open-source' was due 2026-09 and is not done" in check.stderr, check.stderr
    assert "self-study" not in check.stderr and "production" not in check.stderr
    relaxed = roadmap_site(project, "check", "--today", "2026-11-23")
    assert relaxed.returncode == 0 and f"{where} warning: milestone 'open-source'" in relaxed.stderr
    build = mkdocs_build(project)  # the plugin's strict option: the build fails
    assert build.returncode == 1 and where in build.stderr, build.stderr
    not_yet = roadmap_site(project, "check", "--strict", "--today", "2026-09-30")
    assert not_yet.returncode == 0, not_yet.stderr  # due "2026-09" means by its last day

    path.write_text(ROADMAP.replace("        status: active\n        due: 2026-09\n", SLIPPED), encoding="utf-8")
    check = roadmap_site(project, "check", "--strict", "--today", "2026-11-23")
    assert check.returncode == 0, check.stderr
    assert "0 warnings" in check.stdout
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    page = (project / "site" / "roadmaps" / "ai" / "index.html").read_text(encoding="utf-8")
    text = visible(page)
    assert f"Contribute to an open-source ML project Sep 2026 {REASON} Mar 2027" in text  # the slips table
    assert "Slipped to Mar 2027" in text and text.count(REASON) == 2  # and the milestone itself
    assert "Overdue" not in text
    update = visible((project / "site" / "updates" / "2026-Q3" / "index.html").read_text(encoding="utf-8"))
    assert "Slipped: Contribute to an open-source ML project" in update
    assert f"{REASON} (now due Mar 2027)" in update

    later = roadmap_site(project, "check", "--strict", "--today", "2027-04-01")
    assert later.returncode == 1  # the new date passes too: slip again, with a new reason
    slip_line = path.read_text(encoding="utf-8").splitlines().index(f"          reason: {REASON}") + 1
    assert f"content/roadmaps/ai.yml:{slip_line}:11: milestone 'open-source' was due 2027-03" in later.stderr


def test_a_late_update_is_told_to_readers_with_the_last_update_date(site):
    roadmap = ROADMAP.replace("        status: active\n        due: 2026-09\n", SLIPPED)
    project = site({"roadmaps/ai.yml": roadmap, **UPDATES}, mkdocs_yml=config("2027-03-01"))
    check = roadmap_site(project, "check", "--format", "json", "--today", "2027-03-01")
    assert check.returncode == 0
    report = json.loads(check.stdout)
    assert report["stale"] == [
        {"roadmap": "ai", "title": "AI Engineering", "last_update": "2026-10-04", "due_since": "2027-01-18"}
    ]
    build = mkdocs_build(project)  # a late update is the readers' news: the site still publishes
    assert build.returncode == 0, build.stderr
    assert "roadmap 'ai' promises a quarterly update; the last was 2026-10-04" in build.stderr
    page = (project / "site" / "roadmaps" / "ai" / "index.html").read_text(encoding="utf-8")
    assert "This roadmap is overdue for an update" in page
    warning = page[page.index("This roadmap is overdue for an update") :]
    warning = warning[: warning.index("</div>")]
    assert '<time datetime="2026-10-04">4 Oct 2026</time>' in warning
    assert "18 Jan 2027" in visible(warning)
    progress = json.loads((project / "site" / "progress.json").read_text(encoding="utf-8"))
    assert progress["roadmaps"][0]["stale"] is True
    assert progress["roadmaps"][0]["last_update"] == "2026-10-04"

    fresh = site(
        {"roadmaps/ai.yml": roadmap, **UPDATES, "updates/2027-Q1.md": "---\ndate: 2027-02-27\n---\n\nOn track.\n"},
        mkdocs_yml=config("2027-03-01"),
    )
    assert mkdocs_build(fresh).returncode == 0
    page = (fresh / "site" / "roadmaps" / "ai" / "index.html").read_text(encoding="utf-8")
    assert "overdue for an update" not in page


def page_figures(markup: str) -> dict[str, object]:
    """The figures a roadmap page shows in its header, read from its HTML."""
    header = markup[markup.index('<div class="rs-progress">') :]
    header = header[: header.index('<p class="rs-updated">') + 200]
    figures: dict[str, object] = {
        "percent": int(re.search(r'<span class="rs-progress__figure">(\d+)%</span>', header)[1]),
        "last_updated": re.search(r'Last updated: <time datetime="([\d-]+)">', header)[1],
        "stale": "This roadmap is overdue for an update" in markup,
    }
    found = re.search(r"<strong>(\d+) of (\d+)</strong> milestones done", header)
    figures["milestones"] = {"done": int(found[1]), "total": int(found[2])} if found else {"done": 0, "total": 0}
    found = re.search(r"<strong>(\d+) of (\d+)</strong> checklist items", header)
    figures["items"] = {"done": int(found[1]), "total": int(found[2])} if found else {"done": 0, "total": 0}
    line = visible(header.split("</p>")[0])
    figures["by_status"] = {
        word: int(count) for count, word in re.findall(r"· (\d+) (planned|active|slipped|dropped)", line)
    }
    found = re.search(r'next due: <a href="#([^"]+)">([^<]+)</a>', header)
    figures["next_due"] = (found[1], html.unescape(found[2])) if found else None
    latest = re.search(r'Latest update:.*?<time datetime="([\d-]+)">', markup, re.DOTALL)
    figures["last_update"] = latest[1] if latest else None
    return figures


def test_the_feed_progress_json_and_badges_publish_the_pages_figures(site):
    roadmap = ROADMAP.replace("        status: active\n        due: 2026-09\n", SLIPPED)
    project = site({"roadmaps/ai.yml": roadmap, "roadmaps/web.yml": OTHER, **UPDATES}, mkdocs_yml=config("2026-11-23"))
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    built = project / "site"

    feed = (built / "feed.xml").read_bytes()
    assert problems_of_atom(feed) == []
    assert len(entries(feed)) == len(UPDATES)
    links = [link.get("href") for link in ET.fromstring(feed).iter(f"{A}link")]
    assert links and all(href.startswith(SITE_URL) for href in links), links

    progress = json.loads((built / "progress.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in progress["roadmaps"]] == ["ai", "web"]
    for entry in progress["roadmaps"]:
        page = built / "roadmaps" / entry["id"] / "index.html"
        assert entry["url"] == f"{SITE_URL}roadmaps/{entry['id']}/"
        shown = page_figures(page.read_text(encoding="utf-8"))
        assert entry["percent"] == shown["percent"], entry["id"]
        assert entry["milestones"] == shown["milestones"], entry["id"]
        assert entry["items"] == shown["items"], entry["id"]
        assert {k: v for k, v in entry["by_status"].items() if v and k != "done"} == shown["by_status"]
        assert entry["last_updated"] == shown["last_updated"]
        assert entry["stale"] == shown["stale"]
        assert entry["last_update"] == shown["last_update"]
        next_due = (entry["next_due"]["id"], entry["next_due"]["title"]) if entry["next_due"] else None
        assert next_due == shown["next_due"]

        badge = ET.fromstring((built / "badges" / f"{entry['id']}.svg").read_bytes())
        texts = [t.text for t in badge.iter("{http://www.w3.org/2000/svg}text")]
        assert texts[-1] == f"{entry['percent']}%"
        assert badge.findtext("{http://www.w3.org/2000/svg}title").startswith(entry["title"])
        assert entry["badge"]["url"] == f"{SITE_URL}badges/{entry['id']}.svg"

    ai, web = progress["roadmaps"]
    # the figures themselves, so that a page and the file cannot agree on a wrong number
    assert (ai["percent"], ai["milestones"], ai["items"]) == (33, {"done": 1, "total": 3}, {"done": 4, "total": 7})
    assert ai["next_due"]["id"] == "open-source" and ai["next_due"]["due"] == "2027-03"
    assert (web["percent"], web["milestones"], web["items"]) == (66, {"done": 0, "total": 0}, {"done": 2, "total": 3})
    assert web["last_update"] is None and web["next_due"] is None
