"""Build-time diagrams in a real Chromium, on the built example site: legible at 1280 and
375 px, never widening the page, readable in light and dark, drawn without JavaScript, and
pages light enough to load (no diagram library on any page).

These measure what a reader sees, so that a diagram shrunk back to the column's width, a
light label on a light shape or a page that pulls in mermaid again fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import pytest
import test_browser
from conftest import REPO
from test_browser import ROADMAP, Site, goto, open_context

# the example site built once for this module too, and the browser (fixtures of test_browser)
serve = test_browser.serve
example = test_browser.example
browser = test_browser.browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MIN_LABEL_PX = 12
MIN_CONTRAST = 4.5
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}

# For each diagram on the page: the smallest label as the reader sees it (computed font size
# times the SVG's on-screen scale), and how many labels there are.
LABEL_SIZES = """() => [...document.querySelectorAll("svg.rs-svg")].map(svg => {
    const scale = svg.getBoundingClientRect().width / parseFloat(svg.getAttribute("width"));
    const sizes = [...svg.querySelectorAll("text")].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    return {kind: svg.getAttribute("class"), labels: sizes.length, smallest: Math.min(...sizes), scale};
})"""

# For every text of every diagram: its fill and the fill of the topmost filled shape that
# lies under the text's centre and comes before it in the document (drawn below it).
TEXT_COLOURS = """() => {
    const out = [];
    for (const svg of document.querySelectorAll("svg.rs-svg")) {
        const shapes = [...svg.querySelectorAll("rect, polygon, path, circle, ellipse")];
        for (const text of svg.querySelectorAll("text")) {
            const box = text.getBBox();
            const x = box.x + box.width / 2, y = box.y + box.height / 2;
            let under = null;
            for (const shape of shapes) {
                if (!(shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
                const fill = getComputedStyle(shape).fill;
                if (!fill || fill === "none" || fill === "rgba(0, 0, 0, 0)") continue;
                const b = shape.getBBox();
                if (x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height) under = shape;
            }
            const style = getComputedStyle(text);
            out.push({
                text: text.textContent.slice(0, 40),
                fill: style.fill,
                opacity: style.opacity,
                under: under ? getComputedStyle(under).fill : null,
                underOpacity: under ? getComputedStyle(under).fillOpacity : null,
            });
        }
    }
    return out;
}"""

DRAWN = """() => [...document.querySelectorAll("svg.rs-svg")]
    .filter(svg => { const r = svg.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length"""


def _rgb(colour: str) -> tuple[float, float, float]:
    inside = colour[colour.index("(") + 1 : colour.index(")")]
    parts = [float(part) for part in inside.replace("/", ",").replace(",", " ").split()]
    assert len(parts) == 3 or (len(parts) == 4 and parts[3] == 1), f"a translucent colour: {colour}"
    return parts[0], parts[1], parts[2]


def _luminance(colour: str) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS colours (``rgb(...)``)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def diagram_pages(site: Site) -> list[str]:
    pages = [
        p
        for p in site.pages()
        if p.endswith("/") and 'class="rs-svg ' in (site.folder / p / "index.html").read_text("utf-8")
    ]
    assert len(pages) >= 5, pages
    return pages


@pytest.mark.parametrize("screen", WIDTHS)
def test_every_label_is_at_least_12px_and_the_page_never_scrolls_sideways(
    example: Site, browser: Any, screen: str
) -> None:
    context, log = open_context(browser, viewport=WIDTHS[screen])
    page = context.new_page()
    small, wide, diagrams = [], [], 0
    for path in example.pages():
        goto(page, example.url + path)
        for found in page.evaluate(LABEL_SIZES):
            diagrams += 1
            assert found["labels"] > 0, (path, found)
            if found["smallest"] < MIN_LABEL_PX:
                small.append(f"{path} {found['kind']}: {found['smallest']:.1f}px (scale {found['scale']:.2f})")
        width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        if width[0] > width[1]:
            wide.append(f"{path or '/'}: {width[0]}px in {width[1]}px")
    context.close()
    assert diagrams >= 6, diagrams  # 3 kinds: milestones by phase, timeline, learning paths
    assert not small, f"labels under {MIN_LABEL_PX}px: {small}"
    assert not wide, f"pages wider than the screen: {wide}"
    assert not log.errors, log.errors


def test_a_diagram_scaled_to_the_column_would_fail_the_size_check(example: Site, browser: Any) -> None:
    """The size check is live: an SVG shrunk to a 375px column (as mermaid draws them) fails it."""
    context, _ = open_context(browser, viewport=WIDTHS["phone"])
    page = context.new_page()
    goto(page, example.url + ROADMAP)
    page.add_style_tag(content=".md-typeset .rs-diagram svg { max-width: 100% !important; }")
    assert min(found["smallest"] for found in page.evaluate(LABEL_SIZES)) < MIN_LABEL_PX
    context.close()


def _low_contrast(page: Any, path: str) -> tuple[list[str], int]:
    found, checked = [], 0
    for text in page.evaluate(TEXT_COLOURS):
        assert text["under"] is not None, f"{path}: no shape under {text['text']!r}"
        assert text["opacity"] == "1" and text["underOpacity"] == "1", (path, text)
        ratio = contrast(text["fill"], text["under"])
        checked += 1
        if ratio < MIN_CONTRAST:
            found.append(f"{path} {text['text']!r}: {text['fill']} on {text['under']} = {ratio:.2f}:1")
    return found, checked


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_diagram_text_has_4_5_to_1_contrast_with_the_shape_under_it(
    example: Site, browser: Any, scheme: str
) -> None:
    context, _ = open_context(browser, color_scheme=scheme)
    page = context.new_page()
    low, checked = [], 0
    for path in diagram_pages(example):
        goto(page, example.url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        found, count = _low_contrast(page, path)
        low += found
        checked += count
    context.close()
    assert checked > 60, checked
    assert not low, "\n".join(low)


def test_a_light_label_on_a_light_shape_would_fail_the_contrast_check(example: Site, browser: Any) -> None:
    """The contrast check is live: the dark scheme's light text on the light scheme's fills fails."""
    context, _ = open_context(browser, color_scheme="light")
    page = context.new_page()
    goto(page, example.url + ROADMAP)
    page.add_style_tag(content=".md-typeset .rs-diagram svg text { fill: #e6e8ee !important; }")
    found, _ = _low_contrast(page, ROADMAP)
    assert len(found) > 10
    context.close()


def test_without_javascript_every_page_shows_as_many_diagrams(example: Site, browser: Any) -> None:
    counts = {}
    for scripts in (True, False):
        context, _ = open_context(browser, java_script_enabled=scripts)
        page = context.new_page()
        for path in example.pages():
            goto(page, example.url + path)
            counts.setdefault(path, []).append(page.evaluate(DRAWN))
        context.close()
    assert sum(with_js for with_js, _ in counts.values()) >= 6
    assert {path: pair for path, pair in counts.items() if pair[0] != pair[1]} == {}


def _page_weight() -> Any:
    spec = importlib.util.spec_from_file_location("roadmap_page_weight", REPO / "benchmarks" / "page_weight.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_page_weighs_at_most_250_kib_gzip_and_none_loads_mermaid(example: Site, browser: Any) -> None:
    weights = _page_weight()
    measured = weights.measure(browser, example.url, example.pages())
    heavy = {w.path: round(w.total / 1024, 1) for w in measured if w.total > weights.BUDGET}
    assert not heavy, f"pages over {weights.BUDGET // 1024} KiB gzip: {heavy}"
    assert all(w.total > 20 * 1024 and len(w.files) >= 4 for w in measured if w.path != "404.html")  # it measured
    mermaid = {w.path: [u for u in w.requests if "mermaid" in u.lower()] for w in measured}
    assert {path: urls for path, urls in mermaid.items() if urls} == {}
    kinds = {w.kind for w in measured}
    assert {"home", "roadmaps", "skills", "updates"} <= kinds
