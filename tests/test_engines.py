"""The example site on the other engines, built for real: ProperDocs (a MkDocs 1.x fork)
with the plugin unchanged, and Zensical from ``roadmap-site export --engine zensical`` with
nothing written by hand; then the exported project built by MkDocs with Material alone.

Each built site must show every string and URL of the content (content_text.py). In
Chromium, with every request that leaves 127.0.0.1 refused, the Zensical site draws every
diagram the MkDocs site draws, colours statuses as it does, tracks a reader's progress, and
passes axe-core's serious and critical rules.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import REPO, TODAY, mkdocs_build, roadmap_site, subprocess_env
from content_text import ContentStrings, content_strings, site_text

pytestmark = [pytest.mark.slow, pytest.mark.engines]

ENV = subprocess_env(ROADMAP_SITE_TODAY=TODAY.isoformat())
SITE_URL = "https://example.github.io/roadmap-site/"
ROADMAP = "roadmaps/ai-engineering/"
EXAMPLE_FILES = ("mkdocs.yml", "content", "overrides")


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600, check=False)


def copy_example(target: Path) -> Path:
    """The example project (configuration, content, theme overrides) in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in EXAMPLE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copyfile(source, target / name)
    return target


def export(project: Path, engine: str) -> Path:
    """``roadmap-site export out --engine ENGINE`` in ``project``; the folder written."""
    result = roadmap_site(project, "export", "out", "--engine", engine, "--today", TODAY.isoformat(), env=ENV)
    assert result.returncode == 0, result.stderr
    return project / "out"


@pytest.fixture(scope="module")
def strings() -> ContentStrings:
    found = content_strings(REPO / "content")
    assert len(found.texts) > 500 and len(found.urls) > 10, "the example content should give many strings"
    return found


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site as the plugin builds it with MkDocs: what the others must match."""
    site_dir = tmp_path_factory.mktemp("mkdocs") / "site"
    result = mkdocs_build(REPO, "--site-dir", str(site_dir), env=ENV)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``roadmap-site export --engine zensical`` then ``zensical build``, nothing else."""
    project = export(copy_example(tmp_path_factory.mktemp("zensical") / "project"), "zensical")
    result = run([sys.executable, "-m", "zensical", "build", "--strict"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


# ---- every string and URL ------------------------------------------------------------------


def test_the_check_of_strings_can_fail(mkdocs_site: Path, strings: ContentStrings, tmp_path: Path) -> None:
    """The MkDocs site shows everything; without one roadmap's page, strings are missing."""
    assert site_text(mkdocs_site).missing(strings) == []
    shutil.copytree(mkdocs_site, tmp_path / "site")
    (tmp_path / "site" / ROADMAP / "index.html").unlink()
    assert len(site_text(tmp_path / "site").missing(strings)) > 20


def test_properdocs_builds_the_example_with_the_plugin_unchanged(
    tmp_path: Path, strings: ContentStrings, mkdocs_site: Path
) -> None:
    project = copy_example(tmp_path / "project")
    shutil.copyfile(project / "mkdocs.yml", project / "properdocs.yml")
    (project / "mkdocs.yml").unlink()
    result = run([sys.executable, "-m", "properdocs", "build", "--strict"], project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    site = project / "site"
    # the plugin ran: generated pages, the data files it writes after the build, its assets
    for path in (f"{ROADMAP}index.html", "progress.json", "feed.xml", "assets/roadmap-site/reader.js"):
        assert (site / path).is_file(), path
    assert site_text(site).missing(strings) == []
    assert pages(site) == pages(mkdocs_site)


def test_zensical_builds_the_export_with_every_string_and_url(zensical_site: Path, strings: ContentStrings) -> None:
    assert site_text(zensical_site).missing(strings) == []


def test_mkdocs_builds_the_export_strict_without_the_plugin(tmp_path: Path, strings: ContentStrings) -> None:
    project = export(copy_example(tmp_path / "project"), "mkdocs")
    result = mkdocs_build(project, env=ENV)
    assert result.returncode == 0, result.stderr
    assert "WARNING -" not in result.stderr, result.stderr
    assert site_text(project / "site").missing(strings) == []


def test_a_new_repository_exports_and_builds_on_zensical(tmp_path: Path) -> None:
    """``roadmap-site init``'s configuration (``site_url: !ENV [SITE_URL, ...]``, mermaid from
    the CDN) is read as MkDocs reads it."""
    result = roadmap_site(tmp_path, "init", "mine", "--site-url", "https://me.example/mine/", env=ENV)
    assert result.returncode == 0, result.stderr
    project = export(tmp_path / "mine", "zensical")
    written = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: https://me.example/mine/" in written and "mermaid-11" not in written
    build = run([sys.executable, "-m", "zensical", "build", "--strict"], project)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (project / "site" / "feed.xml").is_file()
    assert site_text(project / "site").missing(content_strings(tmp_path / "mine" / "content")) == []


# ---- the same site ---------------------------------------------------------------------------


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


_NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link')


def nav_order(site: Path) -> list[str]:
    """The pages the home page's main navigation links, in order, without repeats."""
    document = (site / "index.html").read_text(encoding="utf-8")
    primary = document[document.index('class="md-nav md-nav--primary"') :]
    # engines write the same link differently ("." or "", "x/" or "./x/"): compare addresses
    links = [urlsplit(urljoin(SITE_URL, href)).path for href in _NAV_LINK.findall(primary)]
    return list(dict.fromkeys(links))


def test_zensical_site_has_the_pages_and_navigation_of_the_mkdocs_site(zensical_site: Path, mkdocs_site: Path) -> None:
    assert pages(zensical_site) == pages(mkdocs_site)
    order = nav_order(mkdocs_site)
    assert len(order) >= 10, order
    assert nav_order(zensical_site) == order


MARKERS = ('<li class="task-list-item">', 'class="rs-item"', 'class="twemoji"', '<div class="rs-diagram"', "<table>")
"""Markup of task lists, reader-trackable items, icons, diagrams (drawn at build time) and tables."""


def test_zensical_pages_have_task_lists_icons_styles_and_scripts(zensical_site: Path, mkdocs_site: Path) -> None:
    scripts = ("reader.js", "print.js")
    totals = dict.fromkeys(MARKERS, 0)
    for page in pages(zensical_site):
        document = (zensical_site / page).read_text(encoding="utf-8")
        reference = (mkdocs_site / page).read_text(encoding="utf-8")
        assert ":material-" not in document, f"{page}: an icon shortcode left as text"
        assert "assets/roadmap-site/roadmap.css" in document, page
        found = [document.find(f"assets/roadmap-site/{name}") for name in scripts]
        assert -1 not in found and found == sorted(found), f"{page}: scripts missing or out of order: {found}"
        assert not re.search(r"<script[^>]*mermaid", document), f"{page}: loads mermaid"
        for marker in MARKERS:
            assert document.count(marker) == reference.count(marker), f"{page}: {marker}"
            totals[marker] += document.count(marker)
    assert all(totals.values()), totals  # each kind is on some page
    assert (zensical_site / "progress.json").is_file() and (zensical_site / "badges").is_dir()


# ---- in Chromium -------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, mkdocs_site: Path, zensical_site: Path
) -> Iterator[Callable[[str], str]]:
    """Both sites on 127.0.0.1 under the path of the site's address; gives the address of
    a site by engine name."""
    www = tmp_path_factory.mktemp("www")
    path = urlsplit(SITE_URL).path.strip("/")
    for name, site in (("mkdocs", mkdocs_site), ("zensical", zensical_site)):
        shutil.copytree(site, www / name / path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield lambda name: f"http://127.0.0.1:{server.server_port}/{name}/{path}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from test_browser import CHROMIUM, LAUNCH_ARGS, SETUP_HINT

    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: {SETUP_HINT}", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the Python package playwright is not installed: {SETUP_HINT}", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


DRAWN = """() => [...document.querySelectorAll('div.rs-diagram svg')].map(
    s => [s.getBoundingClientRect().width, s.getBoundingClientRect().height])"""
"""The on-screen size of each diagram of the open page (SVG drawn at build time)."""

STATUS_COLOURS = """() => Object.fromEntries([...document.querySelectorAll('.rs-status')].map(
    s => [s.className, [getComputedStyle(s).color, getComputedStyle(s).borderTopLeftRadius]]))"""
"""The colour and shape of each kind of status badge on the open page (the stylesheet's)."""


@pytest.mark.browser
def test_zensical_site_draws_diagrams_offline_and_tracks_readers(
    served: Callable[[str], str], browser: Any, mkdocs_site: Path, zensical_site: Path
) -> None:
    from test_browser import Site, goto, open_context

    seen: dict[str, tuple[int, dict[str, Any]]] = {}
    for engine, folder in (("mkdocs", mkdocs_site), ("zensical", zensical_site)):
        site = Site(folder, served(engine))
        context, log = open_context(browser)
        page = context.new_page()
        problems, drawn, colours = [], 0, {}
        for path in site.pages():
            if path.startswith("404"):
                continue
            goto(page, site.url + path)
            sizes = page.evaluate(DRAWN)
            problems += [
                f"{engine} {path or '/'}: a diagram has no size" for width, height in sizes if not (width and height)
            ]
            drawn += len(sizes)
            colours.update(page.evaluate(STATUS_COLOURS))
        # reader tracking: switch it on, tick an item, find it ticked after a reload
        goto(page, site.url + ROADMAP)
        page.locator(".rs-reader__toggle").first.click()
        assert page.locator(".rs-reader-box").count() > 0, engine
        page.locator(".rs-reader-box").first.check()
        page.reload(wait_until="load")
        page.locator(".rs-reader-box").first.wait_for()
        assert page.locator(".rs-reader-box").first.is_checked(), engine
        context.close()
        assert not problems, "\n".join(problems)
        assert not log.errors, "\n".join(log.errors)
        assert not log.foreign, f"{engine}: requests left 127.0.0.1: {log.foreign}"
        seen[engine] = (drawn, colours)
    (drawn, colours), (zensical_drawn, zensical_colours) = seen["mkdocs"], seen["zensical"]
    assert drawn >= 3 and zensical_drawn == drawn
    assert len(colours) >= 3 and zensical_colours == colours


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_zensical_pages_have_no_serious_accessibility_violations(
    served: Callable[[str], str], browser: Any, scheme: str
) -> None:
    from test_browser import AXE_PAGES, NODE_MODULES, SETUP_HINT, axe_violations, goto, open_context

    script = NODE_MODULES / "axe-core" / "axe.min.js"
    if not script.is_file():
        pytest.fail(f"axe-core not found at {script} (ROADMAP_SITE_NODE_MODULES): {SETUP_HINT}", pytrace=False)
    axe_source = script.read_text(encoding="utf-8")
    context, _ = open_context(browser, color_scheme=scheme)
    page = context.new_page()
    found = []
    for path in AXE_PAGES:
        goto(page, served("zensical") + path)
        toggle = page.locator(".rs-reader__toggle")
        if toggle.count():
            toggle.first.click()  # the reader's controls and boxes too
        found += [f"{path or '/'} [{scheme}]: {violation}" for violation in axe_violations(page, axe_source)]
    context.close()
    assert not found, "\n".join(found)
