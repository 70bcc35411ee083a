"""What each page of a built site loads before the reader scrolls, in gzip bytes.

Opens every page of a site in Chromium at 1280 x 800 and waits until the network is idle;
each response the page got from the site (HTML, CSS, JavaScript, fonts, images, data such as
the search index) is compressed with gzip at level 6, as a web server would send it, and
summed. Prints one row per page and the largest page of each kind (home, roadmap, skills,
updates, other), the figures docs/performance.md reports.

    python3 benchmarks/page_weight.py            # builds the example site into a temporary folder
    python3 benchmarks/page_weight.py SITE_DIR   # a site built already (its pages at /)

Needs Chromium at /usr/bin/chromium (or $ROADMAP_SITE_CHROMIUM) and Python's playwright.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("ROADMAP_SITE_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
BUDGET = 250 * 1024
"""The most a page may load before scrolling, gzip bytes (HTML, CSS, JS, data)."""


@dataclass
class PageWeight:
    """What one page loaded: gzip bytes by URL, and every URL it asked for."""

    path: str
    files: dict[str, int] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Sum of the gzip sizes of everything the page loaded."""
        return sum(self.files.values())

    @property
    def kind(self) -> str:
        """home, roadmap, skills, updates or other: the page's kind, from its path."""
        if not self.path:
            return "home"
        first = self.path.split("/", 1)[0]
        return first if first in ("roadmaps", "skills", "updates") else "other"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 from a thread; yields its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def gzip_size(body: bytes) -> int:
    """Bytes of ``body`` compressed as a web server would (gzip, level 6)."""
    return len(gzip.compress(body, compresslevel=6))


def measure_page(context: Any, url: str, path: str) -> PageWeight:
    """Open ``url`` in a new page of ``context`` and weigh what it loads."""
    weight = PageWeight(path)
    page = context.new_page()

    def on_response(response: Any) -> None:
        weight.requests.append(response.url)
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            return
        weight.files[response.url] = gzip_size(body)

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    page.close()
    return weight


def measure(browser: Any, base: str, pages: list[str], **context_options: Any) -> list[PageWeight]:
    """Weigh every page (paths relative to ``base``), each in a fresh context (empty cache)."""
    weights = []
    for path in pages:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, **context_options)
        weights.append(measure_page(context, base + path, path))
        context.close()
    return weights


def site_pages(folder: Path) -> list[str]:
    """Every HTML page of a built site, as a path relative to its root."""
    return sorted(p.relative_to(folder).as_posix().removesuffix("index.html") for p in folder.rglob("*.html"))


def report(weights: list[PageWeight]) -> str:
    """A Markdown table: every page, then the largest of each kind."""
    lines = ["| page | kind | requests | KiB gzip |", "| --- | --- | ---: | ---: |"]
    for weight in weights:
        lines.append(f"| /{weight.path} | {weight.kind} | {len(weight.files)} | {weight.total / 1024:.1f} |")
    lines += ["", "| kind | pages | largest, KiB gzip | smallest, KiB gzip |", "| --- | ---: | ---: | ---: |"]
    kinds: dict[str, list[int]] = {}
    for weight in weights:
        kinds.setdefault(weight.kind, []).append(weight.total)
    for kind, totals in sorted(kinds.items()):
        lines.append(f"| {kind} | {len(totals)} | {max(totals) / 1024:.1f} | {min(totals) / 1024:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", help="a built site (default: build the example site)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(args.site) if args.site else Path(temporary) / "site"
        if not args.site:
            build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(folder)]
            subprocess.run(build, cwd=REPO, check=True)
        with served(folder) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            weights = measure(browser, base, site_pages(folder))
            browser.close()
    print(report(weights))
    over = [w.path for w in weights if w.total > BUDGET]
    if over:
        print(f"over the {BUDGET // 1024} KiB budget: {over}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
