"""The Atom feed, progress.json and the badges: pure functions, then real builds."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
import pytest
from conftest import MKDOCS_YML, mkdocs_build, write_tree

from roadmap_site import pipeline
from roadmap_site.content.loader import load_content
from roadmap_site.derive.views import Options, roadmap_views
from roadmap_site.links import FEED_PATH, SiteInfo, page_url, resolve_link
from roadmap_site.mkdocs_plugin.jobs import outline_of
from roadmap_site.publish import badges, feed
from roadmap_site.publish import data_files as exports
from roadmap_site.publish.data_files import data_files
from roadmap_site.publish.export import export
from roadmap_site.render.pages import render_update_appendix

A = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/roadmaps/"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

FILES = {
    "roadmaps/ai.yml": """
        title: AI <Roadmap> & "more"
        owner: {name: Morgan Lee}
        phases:
          - title: P
            milestones:
              - {id: first, title: First result, status: done, due: 2026-09, done_on: 2026-08-20}
              - id: late
                title: Late result
                status: slipped
                due: 2026-09
                slipped: {reason: "Took longer <b>than</b> planned", new_due: 2027-03, recorded: 2026-09-30}
        """,
    "roadmaps/web.yml": "title: Web\nphases: [{title: P, milestones: [{id: m, title: M, due: 2027-Q2}]}]\n",
    "updates/2026-Q2.md": "---\ndate: 2026-05-31\nroadmap: ai\n---\n\nFirst *update*.\n",
    "updates/2026-Q3.md": (
        "---\ndate: 2026-10-04\nquarter: 2026-Q3\nroadmap: ai\ntitle: 'Q3: <script>alert(1)</script>'\n---\n\n"
        "<script>alert(1)</script> <b>bold?</b>\n\n"
        "See [the slip](../roadmaps/ai.md#late), [home](../index.md), [web](https://example.com/x) "
        'and ![chart](chart.png).\n\n<div onclick="x()">block</div>\n'
    ),
    "updates/2026-Q4.md": "---\ndate: 2026-11-20\ntitle: All roadmaps\n---\n\nSite-wide news.\n",
    "updates/chart.png": "not really a PNG",
}


def problems_of_atom(data: bytes) -> list[str]:
    """What keeps ``data`` from being an Atom 1.0 feed (RFC 4287), as far as XML shows."""
    problems = []
    root = ET.fromstring(data)
    if root.tag != f"{A}feed":
        return [f"root is {root.tag}"]

    def one(element: ET.Element, tag: str, where: str) -> ET.Element | None:
        found = element.findall(f"{A}{tag}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{tag}")
            return None
        return found[0]

    def check_iri(value: str | None, where: str) -> None:
        parts = urlsplit(value or "")
        if parts.scheme not in ("http", "https", "tag") or (parts.scheme != "tag" and not parts.netloc):
            problems.append(f"{where}: not an absolute IRI: {value!r}")

    for tag in ("id", "title", "updated"):
        one(root, tag, "feed")
    check_iri(root.findtext(f"{A}id"), "feed id")
    if not RFC3339.match(root.findtext(f"{A}updated") or ""):
        problems.append("feed updated is not RFC 3339")
    links = root.findall(f"{A}link")
    if [link.get("rel") for link in links].count("self") != 1:
        problems.append("feed: needs one link rel=self")
    alternates = [(link.get("type"), link.get("hreflang")) for link in links if link.get("rel") == "alternate"]
    if len(alternates) != len(set(alternates)):
        problems.append("feed: two alternate links with one type and hreflang")
    feed_author = root.find(f"{A}author/{A}name") is not None
    ids = []
    for index, entry in enumerate(root.findall(f"{A}entry")):
        where = f"entry {index}"
        for tag in ("id", "title", "updated"):
            one(entry, tag, where)
        ids.append(entry.findtext(f"{A}id"))
        check_iri(entry.findtext(f"{A}id"), f"{where} id")
        for tag in ("updated", "published"):
            if not RFC3339.match(entry.findtext(f"{A}{tag}") or ""):
                problems.append(f"{where}: {tag} is not RFC 3339")
        if not feed_author and entry.find(f"{A}author/{A}name") is None:
            problems.append(f"{where}: no author, and the feed has none")
        alternate = [link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
        if len(alternate) != 1:
            problems.append(f"{where}: needs one alternate link")
        content = entry.find(f"{A}content")
        if content is None or content.get("type") != "html":
            problems.append(f"{where}: no html content")
    for link in root.iter(f"{A}link"):
        check_iri(link.get("href"), "link")
    if len(ids) != len(set(ids)):
        problems.append("entry ids are not unique")
    return problems


def entries(data: bytes) -> list[ET.Element]:
    return ET.fromstring(data).findall(f"{A}entry")


def content_html(entry: ET.Element) -> str:
    return entry.findtext(f"{A}content") or ""


@pytest.fixture
def content(tmp_path: Path):
    write_tree(tmp_path / "content", FILES)
    return load_content(tmp_path / "content", tmp_path)


def make_feed(content, site: SiteInfo | None = None) -> bytes:
    site = site or SiteInfo("Test roadmaps", SITE_URL)
    return feed.atom_feed(content, site, lambda u: render_update_appendix(u, content), dt.date(2026, 1, 1))


def test_feed_is_atom_with_one_entry_per_update_newest_first(content):
    data = make_feed(content)
    assert problems_of_atom(data) == []
    found = entries(data)
    assert [e.findtext(f"{A}updated") for e in found] == [
        "2026-11-20T00:00:00Z",
        "2026-10-04T00:00:00Z",
        "2026-05-31T00:00:00Z",
    ]
    root = ET.fromstring(data)
    assert root.findtext(f"{A}updated") == "2026-11-20T00:00:00Z"  # the newest update, not the clock
    assert root.find(f"{A}link[@rel='self']").get("href") == SITE_URL + "feed.xml"
    assert root.find(f"{A}link[@rel='alternate']").get("href") == SITE_URL + "updates/"
    assert found[1].findtext(f"{A}title") == 'Q3: <script>alert(1)</script>: AI <Roadmap> & "more"'
    assert found[1].find(f"{A}link").get("href") == SITE_URL + "updates/2026-Q3/"
    assert found[1].findtext(f"{A}author/{A}name") == "Morgan Lee"
    assert found[1].find(f"{A}category").get("term") == "ai"
    assert found[0].find(f"{A}author") is None and found[0].find(f"{A}category") is None  # site-wide
    assert root.findtext(f"{A}author/{A}name") == "Morgan Lee"  # the one owner named in the roadmaps


def test_update_bodies_are_html_with_raw_html_shown_as_text(content):
    body = content_html(entries(make_feed(content))[1])
    assert "<script" not in body and "<b>" not in body and "<div" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;div onclick=" in body
    first = content_html(entries(make_feed(content))[2])
    assert "<em>update</em>" in first  # Markdown is rendered


def test_links_in_entries_are_absolute_and_md_links_become_page_urls(content):
    body = content_html(entries(make_feed(content))[1])
    hrefs = re.findall(r'(?:href|src)="([^"]*)"', body)
    assert SITE_URL + "roadmaps/ai/#late" in hrefs
    assert SITE_URL in hrefs  # ../index.md
    assert "https://example.com/x" in hrefs
    assert SITE_URL + "updates/chart.png" in hrefs
    assert all(urlsplit(href).scheme == "https" for href in hrefs), hrefs


def test_the_derived_changes_of_the_quarter_are_in_the_entry(content):
    body = content_html(entries(make_feed(content))[1])
    assert 'id="changes"' in body
    assert f'href="{SITE_URL}roadmaps/ai/#late"' in body
    assert "<b>" not in body
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    assert "Took longer <b>than</b> planned (now due Mar 2027)" in text


def test_unsafe_link_schemes_are_dropped():
    site = SiteInfo("S", SITE_URL)
    assert resolve_link("javascript:alert(1)", "updates/x.md", site) is None
    assert resolve_link("JavaScript:alert(1)", "updates/x.md", site) is None
    assert resolve_link("data:text/html,x", "updates/x.md", site) is None
    assert resolve_link("mailto:me@example.org", "updates/x.md", site) == "mailto:me@example.org"
    assert resolve_link("#changes", "updates/x.md", site) == SITE_URL + "updates/x/#changes"
    assert resolve_link("/elsewhere/", "updates/x.md", site) == "https://example.org/elsewhere/"
    assert resolve_link("../skills/", "updates/x.md", site) == SITE_URL + "skills/"
    assert resolve_link("x.md?a=1#b", "updates/y.md", site) == SITE_URL + "updates/x/?a=1#b"


def test_a_markdown_link_to_javascript_loses_its_href():
    site = SiteInfo("S", SITE_URL)
    html_text = feed.FeedMarkdown(site).html("[bad](javascript:alert(1)) [ok](https://a.example/)", "updates/a.md")
    assert "javascript" not in html_text and 'href="https://a.example/"' in html_text
    assert "<a>bad</a>" in html_text


def test_one_converter_serves_every_text_of_a_feed_and_nothing_carries_over():
    converter = feed.FeedMarkdown(SiteInfo("S", SITE_URL))
    first = converter.html("See [the plan][p].\n\n[p]: plan.md\n", "updates/a.md")
    assert f'href="{SITE_URL}updates/plan/"' in first
    # another update: the reference of the first is not defined here, and links resolve from here
    second = converter.html("See [the plan][p] and [skills](../skills/s.md).\n", "roadmaps/b.md")
    assert "[the plan][p]" in second and f'href="{SITE_URL}skills/s/"' in second
    trusted = converter.html("[x](c.md){ .rs }\n", "updates/a.md", trusted=True)
    assert 'class="rs"' in trusted and f'href="{SITE_URL}updates/c/"' in trusted
    assert "<b>" not in converter.html("<b>raw</b>\n", "updates/a.md")  # the untrusted kind again


def test_control_characters_are_dropped_so_the_xml_parses(content):
    # content files may not hold them (the loader says so); configuration may
    data = make_feed(content, SiteInfo("Test\x01 roadmaps\x1f", SITE_URL, description="a\x0bb"))
    assert b"\x01" not in data and problems_of_atom(data) == []
    assert ET.fromstring(data).findtext(f"{A}title") == "Test roadmaps: updates"
    assert "Site-wide news." in content_html(entries(data)[0])


def test_feed_is_deterministic_and_ids_survive_a_change_of_url_style(content):
    directory = make_feed(content)
    assert make_feed(content) == directory
    flat = make_feed(content, SiteInfo("Test roadmaps", SITE_URL, directory_urls=False))
    assert problems_of_atom(flat) == []
    ids = [e.findtext(f"{A}id") for e in entries(directory)]
    assert ids == [e.findtext(f"{A}id") for e in entries(flat)]
    assert ids[1] == "tag:example.org,2026:/roadmaps/updates/2026-Q3"
    assert entries(flat)[1].find(f"{A}link").get("href") == SITE_URL + "updates/2026-Q3.html"


def test_feed_without_updates_is_valid_and_dated_by_the_content(tmp_path):
    write_tree(tmp_path / "content", {"roadmaps/ai.yml": FILES["roadmaps/ai.yml"]})
    loaded = load_content(tmp_path / "content", tmp_path)
    data = feed.atom_feed(loaded, SiteInfo("S", SITE_URL), lambda u: "", dt.date(2026, 3, 4))
    assert problems_of_atom(data) == [] and entries(data) == []
    assert ET.fromstring(data).findtext(f"{A}updated") == "2026-03-04T00:00:00Z"
    assert ET.fromstring(data).findtext(f"{A}author/{A}name") == "Morgan Lee"  # the one owner


def test_feed_needs_a_site_url(content):
    with pytest.raises(ValueError, match="site_url"):
        feed.atom_feed(content, SiteInfo("S"), lambda u: "", dt.date(2026, 1, 1))


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("path", ["index.md", "updates/index.md", "updates/2026-Q1.md", "roadmaps/a-b.md", "x.png"])
def test_page_urls_are_the_ones_mkdocs_makes(path, directory_urls):
    from mkdocs.structure.files import File

    file = File(path, "/docs", "/site", use_directory_urls=directory_urls)
    expected = "" if file.url == "./" else file.url
    assert page_url(path, directory_urls) == expected


# --- badges and progress.json ----------------------------------------------------------------


def relative_luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", [badges.LABEL_COLOUR, *(c for _, c in badges.PERCENT_COLOURS)])
def test_white_badge_text_has_enough_contrast(colour):
    assert (1.05) / (relative_luminance(colour) + 0.05) >= 4.5


def test_badge_is_valid_svg_with_an_accessible_escaped_title(content):
    views = roadmap_views(
        content, {"ai": dt.date(2026, 10, 1), "web": dt.date(2026, 10, 1)}, Options(dt.date(2026, 11, 23))
    )
    files = exports.badge_files(views)
    assert set(files) == {"badges/ai.svg", "badges/web.svg"}
    root = ET.fromstring(files["badges/ai.svg"])
    svg = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{svg}svg" and root.get("role") == "img"
    title = root.findtext(f"{svg}title")
    assert title == 'AI <Roadmap> & "more": 50% done (1 of 2 milestones)'
    assert root.get("aria-label") == title
    texts = [t.text for t in root.iter(f"{svg}text")]
    assert texts == ["roadmap", "roadmap", "50%", "50%"]
    assert b"<Roadmap>" not in files["badges/ai.svg"]
    assert int(root.get("width")) > badges.text_width("roadmap") + badges.text_width("50%")


def test_badge_colour_follows_the_percent():
    assert badges.colour_for(0) != badges.colour_for(100)
    assert [badges.colour_for(p) for p in (0, 24, 25, 50, 75, 99, 100)] == [
        "#cf222e",
        "#cf222e",
        "#9a6700",
        "#8250df",
        "#0969da",
        "#0969da",
        "#1a7f37",
    ]


def test_progress_json_has_the_figures_of_the_views(content):
    views = roadmap_views(
        content, {"ai": dt.date(2026, 10, 1), "web": dt.date(2026, 10, 1)}, Options(dt.date(2026, 11, 23))
    )
    report = json.loads(exports.progress_json(views, SiteInfo("S", SITE_URL), dt.date(2026, 11, 23)))
    assert report["as_of"] == "2026-11-23" and report["site"] == {"name": "S", "url": SITE_URL}
    ai = report["roadmaps"][0]
    assert ai["id"] == "ai" and ai["url"] == SITE_URL + "roadmaps/ai/"
    assert ai["percent"] == views[0].progress.percent == 50
    assert ai["milestones"] == {"done": 1, "total": 2}
    assert ai["by_status"] == {"planned": 0, "active": 0, "done": 1, "slipped": 1, "dropped": 0}
    assert ai["next_due"] == {"id": "late", "title": "Late result", "due": "2027-03", "due_date": "2027-03-31"}
    assert ai["last_updated"] == ai["last_update"] == "2026-11-20"  # the site-wide update counts
    assert ai["stale"] is False and ai["update_due_since"] is None
    assert ai["badge"]["url"] == SITE_URL + "badges/ai.svg"
    assert ai["badge"]["markdown"] == (
        f'[![AI &lt;Roadmap&gt; &amp; "more": progress]({SITE_URL}badges/ai.svg)]({SITE_URL}roadmaps/ai/)'
    )
    relative = json.loads(exports.progress_json(views, SiteInfo("S"), dt.date(2026, 11, 23)))
    assert relative["roadmaps"][1]["url"] == "roadmaps/web/"


def test_export_writes_the_data_files(tmp_path):
    write_tree(tmp_path / "content", FILES)
    settings = pipeline.Settings(
        content_dir=tmp_path / "content", root=tmp_path, today=dt.date(2026, 11, 23), site_url=SITE_URL
    )
    written = export(settings, tmp_path / "out", site_name="Test")
    names = {path.relative_to((tmp_path / "out").resolve()).as_posix() for path in written}
    assert {"feed.xml", "progress.json", "badges/ai.svg", "badges/web.svg"} <= names
    assert problems_of_atom((tmp_path / "out" / "feed.xml").read_bytes()) == []
    subscribe = (tmp_path / "out" / "updates" / "index.md").read_text(encoding="utf-8")
    assert f"({SITE_URL}feed.xml)" in subscribe


# --- real builds ------------------------------------------------------------------------------------


def site_file(site: Path, url: str, site_url: str = SITE_URL) -> Path:
    """The built file an absolute URL of the site points to."""
    assert url.startswith(site_url), url
    path = urlsplit(url).path[len(urlsplit(site_url).path) :]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def check_links_resolve(site_dir: Path, data: bytes) -> int:
    checked = 0
    root = ET.fromstring(data)
    hrefs = [link.get("href") for link in root.iter(f"{A}link")]
    for entry in root.iter(f"{A}entry"):
        hrefs += re.findall(r'href="([^"]*)"', content_html(entry))
    for href in hrefs:
        if not href.startswith(SITE_URL):
            continue
        target = site_file(site_dir, href.split("#")[0])
        assert target.is_file(), href
        fragment = urlsplit(href).fragment
        if fragment:
            assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), href
        checked += 1
    return checked


@pytest.mark.slow
def test_build_publishes_a_feed_linked_from_every_page(site):
    project = site(FILES)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    data = (project / "site" / "feed.xml").read_bytes()
    assert problems_of_atom(data) == [] and len(entries(data)) == 3
    assert check_links_resolve(project / "site", data) >= 8
    pages = sorted((project / "site").rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        if page.name == "404.html":
            continue
        markup = page.read_text(encoding="utf-8")
        head = markup[: markup.index("</head>")]
        links = re.findall(
            r'<link rel="alternate" type="application/atom\+xml" title="Test roadmaps: updates" href="([^"]+)">', head
        )
        assert len(links) == 1, page
        address = SITE_URL + page.relative_to(project / "site").as_posix()
        assert urljoin(address, links[0]) == SITE_URL + "feed.xml", page
    updates = (project / "site" / "updates" / "index.html").read_text(encoding="utf-8")
    anchors = re.findall(r"<a ([^>]*)>((?:(?!</a>).)*)</a>", updates, re.DOTALL)
    (subscribe,) = [attributes for attributes, text in anchors if "Subscribe with the feed" in text]
    assert f'href="{SITE_URL}feed.xml"' in subscribe and 'type="application/atom+xml"' in subscribe
    for name in ("progress.json", "badges/ai.svg", "badges/web.svg"):
        assert (project / "site" / name).is_file()


@pytest.mark.slow
def test_flat_urls_give_feed_links_to_html_files(site):
    project = site(FILES, mkdocs_yml=MKDOCS_YML + "use_directory_urls: false\n")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    data = (project / "site" / "feed.xml").read_bytes()
    assert f"{SITE_URL}updates/2026-Q3.html".encode() in data
    assert check_links_resolve(project / "site", data) >= 8
    progress = json.loads((project / "site" / "progress.json").read_text(encoding="utf-8"))
    assert progress["roadmaps"][0]["url"] == SITE_URL + "roadmaps/ai.html"


@pytest.mark.slow
def test_without_site_url_there_is_no_feed_and_one_clear_warning(site):
    project = site(FILES, mkdocs_yml=MKDOCS_YML.replace(f"site_url: {SITE_URL}\n", ""))
    result = mkdocs_build(project)
    assert result.returncode != 0  # --strict: the warning fails the build
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert len(warnings) == 1 and "no feed.xml: set site_url in mkdocs.yml" in warnings[0], result.stderr
    relaxed = mkdocs_build(project, "--no-strict")
    assert relaxed.returncode == 0, relaxed.stderr
    assert not (project / "site" / "feed.xml").exists()
    assert (project / "site" / "progress.json").is_file()
    assert "application/atom+xml" not in (project / "site" / "updates" / "index.html").read_text(encoding="utf-8")
    progress = json.loads((project / "site" / "progress.json").read_text(encoding="utf-8"))
    assert progress["roadmaps"][0]["url"] == "roadmaps/ai/"


@pytest.mark.slow
def test_the_feed_can_be_turned_off(site):
    config = MKDOCS_YML.replace(f"site_url: {SITE_URL}\n", "").replace("today:", "feed: false\n      today:")
    project = site(FILES, mkdocs_yml=config)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "feed.xml").exists()
    assert "application/atom+xml" not in (project / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "title",
    [
        "Plain title",
        "Tom & Jerry",
        "a <img src=x onerror=alert(1)> b",
        "[x](javascript:alert(1))",
        "*bold* `code` \\ _u_",
    ],
)
def test_the_badge_markdown_shows_the_title_as_text(title):
    """progress.json offers the badge as Markdown to paste into a README: the title is
    the image's alt text, never markup."""
    snippet = exports.badge_markdown(title, "https://example.org/b.svg", "https://example.org/r/")
    tags: list[tuple[str, dict[str, str | None]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, dict(attrs)))

    Tags().feed(markdown.markdown(snippet))
    assert [tag for tag, _ in tags] == ["p", "a", "img"], tags
    assert tags[1][1]["href"] == "https://example.org/r/"
    assert tags[2][1]["src"] == "https://example.org/b.svg"
    assert tags[2][1]["alt"] == f"{title}: progress"


def test_an_update_s_appendix_is_made_once_for_its_page_and_the_feed(tmp_path, monkeypatch):
    write_tree(tmp_path / "content", FILES)
    settings = pipeline.Settings(content_dir=tmp_path / "content", root=tmp_path, today=dt.date(2026, 11, 23))
    result = pipeline.plan(settings)
    made = []

    def counted(update, content):
        made.append(update.source.path)
        return render_update_appendix(update, content)

    monkeypatch.setattr(pipeline, "render_update_appendix", counted)
    outline = outline_of(result)
    data = data_files(result, settings, SiteInfo("S", SITE_URL))[FEED_PATH]
    assert sorted(made) == sorted(update.source.path for update in result.content.updates) != []
    for update in result.content.updates:
        shown = outline.updates[update.source.path.resolve()].appendix
        assert shown == render_update_appendix(update, result.content)
    assert problems_of_atom(data) == []
