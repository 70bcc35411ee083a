"""The skills charts in a real Chromium, as a reader sees them: at 1280 and 375 px, in the
light and the dark scheme, every chart text is at least 12 px on screen, has 4.5:1
contrast against whatever is drawn under it, and fits beside the bars; the page never
scrolls sideways. axe-core files SVG text as "incomplete", so the contrast is computed
here: the colours under each text are read from the elements at points inside it
(``elementsFromPoint``), composited, and compared with the text's fill.
"""

from __future__ import annotations

from typing import Any

import pytest
import test_browser
from test_browser import Site, goto, open_context

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# the browser, the server and the example site of the browser tests, shared by name
browser = test_browser.browser
serve = test_browser.serve
example = test_browser.example

MIN_PX = 12
MIN_CONTRAST = 4.5
VIEWPORTS = {"1280px": {"width": 1280, "height": 900}, "375px": {"width": 375, "height": 812}}

MEASURE = """() => {
  const rgba = value => {
    const m = /rgba?\\(([^)]+)\\)/.exec(value || "");
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, below) => {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + below[i] * (1 - a)).concat([1]);
  };
  const luminance = c => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const shapes = new Set(["rect", "circle", "ellipse", "path", "polygon", "polyline", "line"]);
  // the colour of one element as painted at a point, or null when it paints nothing there
  const paint = el => {
    const style = getComputedStyle(el);
    let colour, alpha = Number(style.opacity);
    if (el instanceof SVGElement) {
      if (!shapes.has(el.localName)) return null;
      const fill = style.fill, stroke = style.stroke;
      // hit testing only finds a shape where it paints: its fill, or its stroke when unfilled
      const useFill = el.localName !== "line" && fill !== "none";
      colour = rgba(useFill ? fill : stroke);
      alpha *= Number(useFill ? style.fillOpacity : style.strokeOpacity);
    } else {
      colour = rgba(style.backgroundColor);
    }
    if (!colour || colour[3] * alpha === 0) return null;
    colour[3] *= alpha;
    return colour;
  };
  const backdrop = (x, y, text) => {
    const layers = [];
    for (const el of document.elementsFromPoint(x, y)) {
      if (el === text || text.contains(el)) continue;
      const colour = paint(el);
      if (!colour) continue;
      layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
  };
  const out = [];
  for (const svg of document.querySelectorAll("svg.rs-chart")) {
    const spine = svg.querySelector(".rs-chart__spine").getBoundingClientRect();
    const box = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll("text")) {
      text.scrollIntoView({ block: "center", inline: "nearest" });
      const m = text.getScreenCTM();
      const style = getComputedStyle(text);
      const r = text.getBoundingClientRect();
      const fill = rgba(style.fill);
      fill[3] *= Number(style.fillOpacity) * Number(style.opacity);
      let worst = Infinity;
      for (const fx of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        for (const fy of [0.25, 0.5, 0.75]) {
          const below = backdrop(r.left + r.width * fx, r.top + r.height * fy, text);
          worst = Math.min(worst, ratio(over(fill, below), below));
        }
      }
      out.push({
        text: text.textContent,
        kind: text.getAttribute("class"),
        px: parseFloat(style.fontSize) * Math.hypot(m.a, m.b),
        contrast: worst,
        // a skill name must end before the bars start, and stay inside the chart
        overlaps: text.classList.contains("rs-chart__label") && (r.right > spine.left || r.left < box.left - 0.5),
      });
    }
  }
  return out;
}"""


def measure(page: Any) -> list[dict[str, Any]]:
    """Every chart text of the open page: its on-screen size, its worst contrast against
    what is drawn under it, and whether a skill name runs into the bars."""
    return list(page.evaluate(MEASURE))


def problems_of(path: str, texts: list[dict[str, Any]]) -> list[str]:
    found = []
    for t in texts:
        where = f"{path} {t['kind']} {t['text']!r}"
        if t["px"] < MIN_PX:
            found.append(f"{where}: {t['px']:.1f} px")
        if t["contrast"] < MIN_CONTRAST:
            found.append(f"{where}: contrast {t['contrast']:.2f}:1")
        if t["overlaps"]:
            found.append(f"{where}: runs into the bars")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_skills_charts_are_legible_and_fit(example: Site, browser: Any, viewport: str, scheme: str) -> None:
    context, log = open_context(browser, viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    problems, measured, charts = [], 0, 0
    for path in [p for p in example.pages() if p.startswith("skills/")]:
        goto(page, example.url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        texts = measure(page)
        charts += page.locator("svg.rs-chart").count()
        measured += len(texts)
        problems += problems_of(path, texts)
        page.evaluate("window.scrollTo(0, 0)")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > VIEWPORTS[viewport]["width"]:
            problems.append(f"{path}: the page is {width} px wide")
    context.close()
    assert charts >= 3 and measured >= 3 * 15, (charts, measured)  # legend, scale and names of each
    assert not problems, "\n".join(problems)
    assert not log.errors, log.errors


def test_the_measures_catch_a_shrunk_chart_and_a_label_on_a_bar(example: Site, browser: Any) -> None:
    """The checks are live: a chart scaled down to a narrow column, or a name drawn in the
    bar's own colour on top of it, fails them."""
    context, _ = open_context(browser, viewport=VIEWPORTS["375px"])
    page = context.new_page()
    goto(page, example.url + "skills/jordan/")
    assert not problems_of("jordan", measure(page))
    page.evaluate("document.querySelector('svg.rs-chart').style.width = '200px'")
    assert any("px" in p and "contrast" not in p for p in problems_of("jordan", measure(page)))
    page.reload()
    page.evaluate(
        """() => {
            const label = document.querySelector('svg.rs-chart .rs-chart__label');
            const bar = document.querySelector('svg.rs-chart .rs-bar--foundation:not(.rs-chart__key *)');
            label.setAttribute('text-anchor', 'start');
            label.querySelectorAll('tspan').forEach(s => s.setAttribute('x', bar.getAttribute('x')));
            label.style.fill = getComputedStyle(bar).fill;
            label.parentNode.appendChild(label);
        }"""
    )
    found = problems_of("jordan", measure(page))
    assert any("contrast" in p for p in found) and any("runs into the bars" in p for p in found), found
    context.close()
