"""The built example site in a real Chromium: diagrams, requests, accessibility, reader
progress tracking, print, dark mode and phones.

The site is built once per module with ``mkdocs build --strict`` and served on 127.0.0.1
under the path of its ``site_url`` (as GitHub Pages serves a project site). Every request a
page makes is routed through the test: anything not for 127.0.0.1 is recorded and refused,
so a diagram that still needs a CDN fails. Chromium is Debian's ``chromium`` package and
axe-core comes from ``.ci/node_modules``; both are installed by ``bash .ci/test.sh``.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import os
import re
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import REPO, mkdocs_build, write_tree

from roadmap_site.mkdocs_plugin.mermaid_asset import mermaid_script
from roadmap_site.render.fragments import STATUS_LABELS

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # reported by the browser fixture, with what to run
    sync_playwright = None
    expect = None
    PlaywrightTimeout = TimeoutError

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path(os.environ.get("ROADMAP_SITE_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
NODE_MODULES = Path(os.environ.get("ROADMAP_SITE_NODE_MODULES") or REPO / ".ci" / "node_modules")
ARTIFACTS = REPO / "test-artifacts"
SETUP_HINT = "run `bash .ci/test.sh` (it installs Debian's chromium and the npm packages the tests need)"

ROADMAP = "roadmaps/ai-engineering/"
"""A roadmap page with checklists and two diagrams (milestones by phase and a timeline)."""
SKILLS = "skills/ml-engineer/"
AXE_PAGES = ["", ROADMAP, SKILLS]
DRAW_TIMEOUT_MS = 15_000

_MERMAID_SOURCE = re.compile(r'<pre class="mermaid"><code>(.*?)</code></pre>', re.DOTALL)
DRAWN_SVG_HEIGHTS = "[...document.querySelectorAll('svg.rs-svg')].map(s => s.getBoundingClientRect().height)"
"""Heights of the diagrams drawn at build time (SVG in the page) of the open page."""


# ---- serving and browsing ---------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Site:
    """A built site served on 127.0.0.1: its folder on disk and its address."""

    folder: Path
    url: str

    def pages(self) -> list[str]:
        """Every HTML page, as a path relative to the site's address."""
        return sorted(
            p.relative_to(self.folder).as_posix().removesuffix("index.html") for p in self.folder.rglob("*.html")
        )

    def diagram_sources(self, page: str) -> list[str]:
        """The mermaid sources of a page as built, before Material replaces them."""
        path = self.folder / page
        path = path / "index.html" if page.endswith("/") or not page else path
        return [html.unescape(source) for source in _MERMAID_SOURCE.findall(path.read_text(encoding="utf-8"))]


def site_url(mkdocs_yml: str) -> str:
    found = re.search(r"^site_url:\s*(\S+)", mkdocs_yml, re.MULTILINE)
    assert found, "the site needs a site_url"
    return found[1]


EXAMPLE_URL = site_url((REPO / "mkdocs.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def serve() -> Iterator[Callable[[Path, str], Site]]:
    """Serve built sites on 127.0.0.1 (random ports) from threads, for this module.

    A site built into ``<www>/<path of site_url>`` is served at that path. Its sitemap names
    the published address; it is rewritten to the served one (as ``mkdocs serve`` does),
    since Material's instant navigation only takes over links listed in the sitemap.
    """
    servers: list[ThreadingHTTPServer] = []

    def start(www: Path, published: str) -> Site:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        path = urlsplit(published).path
        site = Site(www / path.strip("/"), f"http://127.0.0.1:{server.server_port}{path}")
        sitemap = site.folder / "sitemap.xml"
        sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(published, site.url), encoding="utf-8")
        return site

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _build(project: Path, www: Path, published: str) -> None:
    site_dir = www / urlsplit(published).path.strip("/")
    result = mkdocs_build(project, "--site-dir", str(site_dir))
    assert result.returncode == 0, result.stderr
    assert "WARNING -" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path, str], Site]) -> Site:
    """The repository's example site, built once and served under its site_url's path."""
    www = tmp_path_factory.mktemp("www")
    _build(REPO, www, EXAMPLE_URL)
    return serve(www, EXAMPLE_URL)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, shared by the module."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: {SETUP_HINT}", pytrace=False)
    if sync_playwright is None:
        pytest.fail(f"the Python package playwright is not installed: {SETUP_HINT}", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    script = NODE_MODULES / "axe-core" / "axe.min.js"
    if not script.is_file():
        pytest.fail(f"axe-core not found at {script} (ROADMAP_SITE_NODE_MODULES): {SETUP_HINT}", pytrace=False)
    return script.read_text(encoding="utf-8")


@dataclass
class Log:
    """What pages of one browser context did: errors, and requests that left 127.0.0.1."""

    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requests: int = 0


def open_context(browser: Any, *, answers: dict[str, bytes] | None = None, **options: Any) -> tuple[Any, Log]:
    """A fresh browser context (own localStorage) whose requests are all recorded.

    Requests for 127.0.0.1 go through; any other is refused and logged, unless ``answers``
    gives the body to reply with for that exact URL (it is still logged).
    """
    context = browser.new_context(**options)
    log = Log()

    def route(request_route: Any) -> None:
        url = request_route.request.url
        log.requests += 1
        if urlsplit(url).hostname == "127.0.0.1":
            request_route.continue_()
            return
        log.foreign.append(url)
        if answers and url in answers:
            request_route.fulfill(status=200, body=answers[url], content_type="text/javascript")
        else:
            request_route.abort()

    context.route("**/*", route)
    context.on("page", lambda page: watch(page, log))
    # lets check_diagrams stop waiting as soon as drawing failed (Material's rejected render)
    context.add_init_script(
        "for (const kind of ['error', 'unhandledrejection'])"
        " window.addEventListener(kind, () => { window.__rsFailed = true; });"
    )
    return context, log


def watch(page: Any, log: Log) -> None:
    """Record console errors and uncaught exceptions of a page."""
    page.on("console", lambda message: message.type == "error" and log.errors.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: log.errors.append(f"{page.url}: {error}"))


def check_diagrams(page: Any, sources: list[str]) -> list[str]:
    """Problems with the diagrams of the open page: every source must be drawn (a
    ``div.mermaid`` with a height, since Material draws into a closed shadow root) and be
    accepted by ``mermaid.parse``."""
    problems = []
    expected = len(sources)
    with contextlib.suppress(PlaywrightTimeout):  # report how far drawing got instead
        page.wait_for_function(
            "n => document.querySelectorAll('div.mermaid').length >= n || window.__rsFailed === true",
            arg=expected,
            timeout=DRAW_TIMEOUT_MS,
        )
    heights = page.evaluate("[...document.querySelectorAll('div.mermaid')].map(d => d.getBoundingClientRect().height)")
    left = page.evaluate("document.querySelectorAll('pre.mermaid').length")
    if len(heights) != expected or left:
        problems.append(f"{len(heights)} of {expected} diagrams drawn, {left} left as code")
    problems += [f"diagram {n + 1} has no height" for n, height in enumerate(heights) if not height > 0]
    if sources:
        results = page.evaluate(
            """async sources => {
                if (typeof mermaid === "undefined") return sources.map(() => "mermaid is not loaded");
                const out = [];
                for (const source of sources) {
                    try { await mermaid.parse(source); out.push(null); }
                    catch (error) { out.push(String(error && error.message || error)); }
                }
                return out;
            }""",
            sources,
        )
        problems += [f"diagram {n + 1} does not parse: {r[:300]}" for n, r in enumerate(results) if r]
    return problems


def security_level(page: Any) -> str:
    return str(page.evaluate("mermaid.mermaidAPI.getConfig().securityLevel"))


def axe_violations(page: Any, axe_source: str) -> list[str]:
    """Serious and critical axe-core violations of the open page, one line per rule."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(
            " ".join(node["target"]) + " " + node["failureSummary"].replace("\n", " ") for node in v["nodes"][:3]
        )
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def goto(page: Any, url: str) -> None:
    """Open a page and wait until its scripts ran (Material's bundle, mermaid, ours)."""
    page.goto(url, wait_until="load")


# ---- the example site ---------------------------------------------------------------------


def test_every_page_draws_its_diagrams_offline_without_errors(example: Site, browser: Any) -> None:
    context, log = open_context(browser)
    page = context.new_page()
    pages = example.pages()
    problems, drawn = [], 0
    for path in pages:
        goto(page, example.url + path)
        sources = example.diagram_sources(path)
        problems += [f"{path or '/'}: {problem}" for problem in check_diagrams(page, sources)]
        drawn += len(sources)
        if sources:
            assert security_level(page) == "strict", path
        heights = page.evaluate(DRAWN_SVG_HEIGHTS)  # diagrams drawn at build time
        problems += [f"{path or '/'}: SVG diagram {n + 1} has no height" for n, h in enumerate(heights) if not h > 0]
        drawn += len(heights)
    context.close()
    assert len(pages) >= 10 and drawn >= 6, (pages, drawn)
    assert not problems, "\n".join(problems)
    assert not log.errors, "\n".join(log.errors)
    assert not log.foreign, f"requests left 127.0.0.1: {log.foreign}"
    assert log.requests > len(pages)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations(example: Site, browser: Any, axe_source: str, scheme: str) -> None:
    context, log = open_context(browser, color_scheme=scheme)
    page = context.new_page()
    found = []
    for path in AXE_PAGES:
        goto(page, example.url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        check_diagrams(page, example.diagram_sources(path))
        toggle = page.locator(".rs-reader__toggle")
        if toggle.count():
            toggle.click()  # check the reader's controls and boxes too
            assert page.locator(".rs-reader-box").count() > 0
        if path == ROADMAP:  # every status colour, whether the example uses it or not
            page.evaluate(SAMPLE_BADGES, [*STATUS_LABELS, "overdue"])
        found += [f"{path or '/'} [{scheme}]: {violation}" for violation in axe_violations(page, axe_source)]
    context.close()
    assert not found, "\n".join(found)
    assert not log.errors, "\n".join(log.errors)


SAMPLE_BADGES = """statuses => {
    const sample = document.createElement("p");
    sample.innerHTML = statuses.map(s => `<span class="rs-status rs-status--${s}">${s}</span>`).join(" ")
        + ' <span class="rs-item-state rs-item-state--active">(in progress)</span>'
        + ' <span class="rs-focus">Focus</span> <span class="rs-kind">book</span>';
    document.querySelector("article h1").after(sample);
}"""
"""Adds one badge of every status (and the other coloured labels) to the open page."""


def test_axe_would_catch_an_unlabelled_checkbox(example: Site, browser: Any, axe_source: str) -> None:
    """The axe check is live: undoing one of our fixes makes it report the violation."""
    context, _ = open_context(browser)
    page = context.new_page()
    goto(page, example.url + ROADMAP)
    assert not [v for v in axe_violations(page, axe_source) if v.startswith("label ")]
    page.evaluate("document.querySelector('.task-list-control input').removeAttribute('aria-labelledby')")
    assert [v for v in axe_violations(page, axe_source) if v.startswith("label ")]
    page.evaluate("document.querySelector('.md-search').removeAttribute('aria-label')")
    assert [v for v in axe_violations(page, axe_source) if v.startswith("aria-dialog-name ")]
    context.close()


def _reader_boxes(page: Any) -> dict[str, bool]:
    return page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('.rs-reader-box')].map(b => [b.dataset.rsReader, b.checked]))"
    )


def test_reader_progress_survives_reload_and_navigation_and_round_trips(
    example: Site, browser: Any, tmp_path: Path
) -> None:
    context, log = open_context(browser, accept_downloads=True)
    page = context.new_page()
    url = example.url + ROADMAP
    goto(page, url)
    owner_boxes = page.locator(".task-list-control input[type=checkbox][disabled]").count()
    assert page.locator(".rs-reader-box").count() == 0  # off until the reader asks for it
    toggle = page.locator(".rs-reader__toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    boxes = page.locator(".rs-reader-box")
    assert boxes.count() == owner_boxes > 3  # one reader box per item; the owner's stay
    assert page.locator(".task-list-control input[type=checkbox][disabled]").count() == owner_boxes

    ids = [boxes.nth(n).get_attribute("data-rs-reader") for n in (0, 2)]
    boxes.nth(0).check()
    boxes.nth(2).click()
    boxes.nth(4).focus()  # the keyboard works too
    page.keyboard.press("Space")
    ids.append(boxes.nth(4).get_attribute("data-rs-reader"))
    assert boxes.nth(4).evaluate("box => document.activeElement === box")
    assert boxes.nth(0).get_attribute("aria-label").startswith("My progress: ")
    ticked = {item for item, on in _reader_boxes(page).items() if on}
    assert ticked == set(ids)

    page.reload()
    page.wait_for_selector(".rs-reader-box")
    assert {item for item, on in _reader_boxes(page).items() if on} == set(ids)
    assert page.locator(".rs-reader__toggle").get_attribute("aria-pressed") == "true"

    # Material's instant navigation swaps the content without loading a page
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav--primary a[href$='/alex/']").first.click()
    page.wait_for_url("**/roadmaps/alex/")
    # the URL changes before Material swaps the content in: wait for the new page
    expect(page.locator("h1")).to_contain_text("Alex")
    expect(page.locator(".rs-reader__toggle")).to_have_count(1)
    expect(page.locator(".rs-reader__toggle")).to_have_attribute("aria-pressed", "false")  # tracking is per roadmap
    page.locator(".md-nav--primary a[href$='/ai-engineering/']").first.click()
    page.wait_for_url("**" + ROADMAP)
    page.wait_for_selector(".rs-reader-box")
    assert page.evaluate("window.__sameDocument === true"), "instant navigation did not happen"
    assert page.locator(".rs-reader").count() == 1
    assert {item for item, on in _reader_boxes(page).items() if on} == set(ids)

    with page.expect_download() as download:
        page.get_by_role("button", name="Export").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "roadmap-site/reader-progress" and data["version"] == 1
    assert data["roadmaps"] == {ROADMAP: sorted(ids)}
    (ARTIFACTS / "reader-export.json").parent.mkdir(exist_ok=True)
    (ARTIFACTS / "reader-export.json").write_text(exported.read_text(encoding="utf-8"), encoding="utf-8")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset").click()
    assert not any(_reader_boxes(page).values())
    page.reload()
    page.wait_for_selector(".rs-reader-box")
    assert not any(_reader_boxes(page).values())

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "roadmap-site/reader-progress", "version": 1, "roadmaps": {ROADMAP: ["<b>"]}}))
    page.locator(".rs-reader__file").set_input_files(str(bad))
    page.wait_for_function("document.querySelector('.rs-reader__status').textContent.includes('Import failed')")
    assert not any(_reader_boxes(page).values())

    page.locator(".rs-reader__file").set_input_files(str(exported))
    page.wait_for_function("document.querySelector('.rs-reader__status').textContent.startsWith('Imported 3')")
    assert {item for item, on in _reader_boxes(page).items() if on} == set(ids)
    page.reload()
    page.wait_for_selector(".rs-reader-box")
    assert {item for item, on in _reader_boxes(page).items() if on} == set(ids)
    context.close()
    assert not log.errors, "\n".join(log.errors)
    assert not log.foreign, log.foreign


def test_phone_width_and_screenshots(example: Site, browser: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shots = [("light", {"color_scheme": "light"}), ("dark", {"color_scheme": "dark"})]
    shots.append(("375px", {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}))
    for name, options in shots:
        context, log = open_context(browser, **options)
        page = context.new_page()
        goto(page, example.url + ROADMAP)
        assert not check_diagrams(page, example.diagram_sources(ROADMAP))
        page.locator(".rs-reader__toggle").click()
        page.locator(".rs-reader-box").first.check()
        page.screenshot(path=str(ARTIFACTS / f"roadmap-{name}.png"), full_page=True)
        if name == "375px":
            wide = []
            for path in example.pages():
                goto(page, example.url + path)
                check_diagrams(page, example.diagram_sources(path))
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > 375:
                    wide.append(f"{path or '/'}: {width}px")
            assert not wide, f"pages wider than the 375px screen: {wide}"
        context.close()
        assert not log.errors, "\n".join(log.errors)
    assert all((ARTIFACTS / f"roadmap-{name}.png").stat().st_size > 10_000 for name, _ in shots)


def test_print_shows_content_only_with_diagrams_and_link_addresses(example: Site, browser: Any) -> None:
    printed = "roadmaps/ai-platform-engineering/"  # a diagram and many links to resources
    context, _ = open_context(browser)
    page = context.new_page()
    goto(page, example.url + printed)
    assert not check_diagrams(page, example.diagram_sources(printed))
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """[".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".rs-reader"]
            .map(s => [s, document.querySelector(s) ? getComputedStyle(document.querySelector(s)).display : "none"])"""
    )
    assert all(display == "none" for _, display in hidden), hidden
    heights = page.evaluate(DRAWN_SVG_HEIGHTS)
    assert heights and all(height > 0 for height in heights)
    # printed at their natural size: labels as large as on screen (14px, never under 12px)
    smallest = page.evaluate(
        """Math.min(...[...document.querySelectorAll('svg.rs-svg')].flatMap(svg => {
            const scale = svg.getBoundingClientRect().width / parseFloat(svg.getAttribute('width'));
            return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        }))"""
    )
    assert smallest >= 12, smallest
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.md-content a[href^=\"https://\"]'), '::after').content"
    )
    assert "https://" in after
    assert page.evaluate("getComputedStyle(document.querySelector('.rs-print-source')).display") == "block"
    pdf = page.pdf()
    assert len(pdf) > 10_000
    context.close()


# ---- a small site of its own: failures the checks must catch ------------------------------

SMALL_MKDOCS_YML = """
site_name: Browser checks
site_url: https://example.org/checks/
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - roadmap:
      today: "2026-11-23"
      mermaid: {mode}
markdown_extensions:
  - pymdownx.details
"""
SMALL_CONTENT = {
    "content/roadmaps/r.yml": """
        title: R
        phases:
          - id: p
            title: P
            milestones:
              - {id: a, title: A, status: done, checklist: ["[x] one", "[ ] two"]}
              - {id: b, title: B, depends_on: [a]}
        """,
    "content/broken.md": """
        # Broken

        ```mermaid
        flowchart LR
          a["an unclosed label] --> b
        ```
        """,
    "content/print.md": """
        # Print

        ??? note "Collapsed"
            Text inside a collapsed block.

        ```mermaid
        flowchart LR
          a["fine"] --> b
        ```
        """,
}


def _small_site(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path, str], Site], mode: str) -> Site:
    project = write_tree(tmp_path_factory.mktemp(f"small-{mode}"), SMALL_CONTENT)
    (project / "mkdocs.yml").write_text(textwrap.dedent(SMALL_MKDOCS_YML.format(mode=mode)), encoding="utf-8")
    www = project / "www"
    published = site_url(SMALL_MKDOCS_YML)
    _build(project, www, published)
    return serve(www, published)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path, str], Site]) -> Site:
    return _small_site(tmp_path_factory, serve, "self-hosted")


def test_a_broken_diagram_fails_the_diagram_check(small: Site, browser: Any) -> None:
    context, log = open_context(browser)
    page = context.new_page()
    goto(page, small.url + "broken/")
    started = time.monotonic()
    problems = check_diagrams(page, small.diagram_sources("broken/"))
    assert time.monotonic() - started < DRAW_TIMEOUT_MS / 1000 / 2  # the failure ended the wait
    assert any("0 of 1 diagrams drawn" in problem for problem in problems), problems
    assert any("does not parse" in problem for problem in problems), problems
    goto(page, small.url + "print/")
    assert not check_diagrams(page, small.diagram_sources("print/"))
    context.close()
    assert log.errors, "a diagram that does not render should also show as a page error"
    assert not log.foreign


def test_print_opens_collapsed_sections(small: Site, browser: Any) -> None:
    context, _ = open_context(browser)
    page = context.new_page()
    goto(page, small.url + "print/")
    text = page.locator("details p")
    assert not text.is_visible()
    page.emulate_media(media="print")
    assert text.is_visible()
    assert text.evaluate("p => p.getBoundingClientRect().height") > 0
    context.close()


def test_cdn_mode_uses_materials_loading_and_stays_strict(
    tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path, str], Site], browser: Any
) -> None:
    """With ``mermaid: cdn`` Material fetches mermaid from unpkg.com (answered here with the
    pinned file, as the test has no network) and mermaid-strict.js still pins the level."""
    site = _small_site(tmp_path_factory, serve, "cdn")
    assert not list((site.folder / "assets" / "roadmap-site").glob("mermaid-*.min.js"))
    cdn = "https://unpkg.com/mermaid@11/dist/mermaid.min.js"
    context, log = open_context(browser, answers={cdn: mermaid_script().read_bytes()})
    page = context.new_page()
    goto(page, site.url + "print/")
    assert not check_diagrams(page, site.diagram_sources("print/"))
    assert security_level(page) == "strict"
    assert page.evaluate("mermaid.__roadmapSiteStrict === true")
    context.close()
    assert log.foreign == [cdn]
    assert not log.errors, log.errors
