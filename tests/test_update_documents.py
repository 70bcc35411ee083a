"""An update's text is a document: the update `roadmap-site update` drafts, built in a real
site, shows its headings as headings on the page, in the feed and in the export."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import MKDOCS_YML, REPO, mkdocs_build, roadmap_site, write_tree

pytestmark = pytest.mark.slow

TODAY = "2026-11-23"  # (the date MKDOCS_YML fixes); its next quarter is 2027-Q1
NEXT_QUARTER = "2027-Q1"
_HEADING_LINE = re.compile(r"^(#{2,3}) (.+)$", re.MULTILINE)


def _markdown_headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text as shown) of each ATX heading of ``markdown`` outside its front matter."""
    body = markdown.split("\n---\n", 1)[1]
    return [(len(m[1]), re.sub(r"\\(.)", r"\1", m[2]).strip()) for m in _HEADING_LINE.finditer(body)]


def _html_headings(markup: str) -> list[tuple[int, str]]:
    """(level, text) of each h2 and h3 element of ``markup``, permalinks left out."""
    found = []
    for match in re.finditer(r"<h([23])\b[^>]*>(.*?)</h\1>", markup, re.DOTALL):
        inner = re.sub(r'<a class="headerlink".*?</a>', "", match[2], flags=re.DOTALL)
        found.append((int(match[1]), " ".join(html.unescape(re.sub(r"<[^>]+>", "", inner)).split())))
    return found


@pytest.fixture(scope="module", params=["site", "roadmap"])
def drafted(request, tmp_path_factory) -> tuple[Path, str, str]:
    """The example content without its updates, with the update `roadmap-site update`
    drafts for the next quarter (for the whole site, or one roadmap), built with
    ``mkdocs build --strict``: (project, the update's id, its Markdown)."""
    project = tmp_path_factory.mktemp("drafted")
    for folder in ("roadmaps", "skills"):
        shutil.copytree(REPO / "content" / folder, project / "content" / folder)
    (project / "content" / "updates").mkdir()
    write_tree(project, {"mkdocs.yml": MKDOCS_YML})
    roadmap = ["--roadmap", "alex"] if request.param == "roadmap" else []
    drafted = roadmap_site(project, "update", "--quarter", NEXT_QUARTER, "--today", TODAY, *roadmap)
    assert drafted.returncode == 0, drafted.stderr
    (path,) = (project / "content" / "updates").iterdir()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project, path.stem, path.read_text(encoding="utf-8")


def test_the_drafted_update_has_headings_of_two_levels(drafted):
    _, update_id, markdown = drafted
    levels = {level for level, _ in _markdown_headings(markdown)}
    assert levels == ({2, 3} if update_id == NEXT_QUARTER else {2})


def test_each_heading_of_the_drafted_update_is_a_heading_on_its_page(drafted):
    project, update_id, markdown = drafted
    page = (project / "site" / "updates" / update_id / "index.html").read_text(encoding="utf-8")
    shown = _html_headings(page)
    for heading in _markdown_headings(markdown):
        assert heading in shown, f"{heading} is not a heading on the page: {shown}"
    assert "## " not in html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_each_heading_of_the_drafted_update_is_a_heading_in_the_feed(drafted):
    project, _, markdown = drafted
    feed = (project / "site" / "feed.xml").read_text(encoding="utf-8")
    (content,) = re.findall(r"<content type=\"html\">(.*?)</content>", feed, re.DOTALL)
    shown = _html_headings(html.unescape(content))
    for heading in _markdown_headings(markdown):
        assert heading in shown, f"{heading} is not a heading in the feed: {shown}"


def test_each_heading_of_the_drafted_update_is_a_heading_in_the_export(drafted, tmp_path):
    project, update_id, markdown = drafted
    result = roadmap_site(project, "export", str(tmp_path / "out"), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    exported = (tmp_path / "out" / "updates" / f"{update_id}.md").read_text(encoding="utf-8")
    for level, text in _markdown_headings(markdown):
        assert re.search(rf"^{'#' * level} {re.escape(text)}$", exported, re.MULTILINE), (level, text)


def test_an_update_with_raw_html_and_unsafe_links_keeps_them_inert(site):
    project = site(
        {
            "roadmaps/a.yml": "title: A\nphases: [{title: P, milestones: [{id: m, title: M, due: 2027-03}]}]\n",
            "updates/2026-Q4.md": """
                ---
                date: 2026-11-20
                ---

                ## Plans <img src=x onerror=alert(1)>

                - item

                > a quote

                | a | b |
                | - | - |
                | 1 | 2 |

                ```
                code <b>bold</b>
                ```

                [home](../roadmaps/a.md)
            """,
        }
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "updates" / "2026-Q4" / "index.html").read_text(encoding="utf-8")
    assert "<img" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert (2, "Plans <img src=x onerror=alert(1)>") in _html_headings(page)
    assert "<li>item</li>" in page and "<blockquote>" in page and "<table>" in page
    (code,) = re.findall(r"<pre><code>(.*?)</code></pre>", page, re.DOTALL)
    assert html.unescape(code) == "code <b>bold</b>"
    assert 'href="../../roadmaps/a/"' in page
