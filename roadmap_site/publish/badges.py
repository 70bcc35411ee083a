"""Progress badges: small SVG images in the style of shields.io ("roadmap | 42%") that a
profile README can embed. Every text is XML-escaped; the image has an accessible name."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from roadmap_site.derive.progress import Progress

LABEL_COLOUR = "#555"
PERCENT_COLOURS = ((100, "#1a7f37"), (75, "#0969da"), (50, "#8250df"), (25, "#9a6700"), (0, "#cf222e"))
"""Background of the figure by percent done, first match wins. White text on each of
them has a contrast ratio of at least 4.5 (WCAG AA)."""

_WIDTHS = {
    **dict.fromkeys("fijlrt!.,:;'| ", 4.0),
    **dict.fromkeys("mw", 10.7),
    **dict.fromkeys("MW%", 12.0),
    **dict.fromkeys("0123456789", 7.0),
}
"""Approximate advance widths of Verdana at 11px, in pixels (default: 7)."""

HEIGHT = 20
PADDING = 10
FONT = "Verdana,Geneva,DejaVu Sans,sans-serif"


def text_width(text: str) -> int:
    """Roughly how wide ``text`` is in the badge's font, in whole pixels."""
    return round(sum(_WIDTHS.get(char, 7.5 if char.isupper() else 7.0) for char in text))


def colour_for(percent: int) -> str:
    """The figure's background for ``percent`` done."""
    return next(colour for floor, colour in PERCENT_COLOURS if percent >= floor)


def badge_svg(label: str, value: str, colour: str, title: str) -> str:
    """A two-part badge, ``label | value``, whose accessible name is ``title``."""
    left = text_width(label) + PADDING
    right = text_width(value) + PADDING
    width = left + right
    texts = []
    for text, x in ((label, left / 2), (value, left + right / 2)):
        body = escape(text)
        texts.append(f'<text x="{x:g}" y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">{body}</text>')
        texts.append(f'<text x="{x:g}" y="14" aria-hidden="true">{body}</text>')
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/></linearGradient>',
        f'<clipPath id="r"><rect width="{width}" height="{HEIGHT}" rx="3" fill="#fff"/></clipPath>',
        '<g clip-path="url(#r)">'
        f'<rect width="{left}" height="{HEIGHT}" fill="{LABEL_COLOUR}"/>'
        f'<rect x="{left}" width="{right}" height="{HEIGHT}" fill={quoteattr(colour)}/>'
        f'<rect width="{width}" height="{HEIGHT}" fill="url(#s)"/></g>',
        f'<g fill="#fff" text-anchor="middle" font-family="{FONT}" font-size="11">',
        *texts,
        "</g>",
        "</svg>",
    ]
    return "\n".join(lines) + "\n"


def progress_badge(roadmap_title: str, progress: Progress, label: str = "roadmap") -> str:
    """The badge of one roadmap: ``roadmap | 42%``, named with what the figure counts."""
    if progress.milestones_counted:
        counted = f"{progress.milestones_done} of {progress.milestones_counted} milestones"
    elif progress.items_total:
        counted = f"{progress.items_done} of {progress.items_total} checklist items"
    else:
        counted = "nothing planned yet"
    title = f"{roadmap_title}: {progress.percent}% done ({counted})"
    return badge_svg(label, f"{progress.percent}%", colour_for(progress.percent), title)
