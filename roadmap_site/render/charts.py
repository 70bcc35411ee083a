"""Charts drawn at build time as inline SVG, readable without JavaScript.

A chart names its own data: every skill area by its name (wrapped at spaces, never inside
a word), the level scale with its ticks, and a legend of what the filled bars and the
dashed outlines mean. It is drawn at its natural size, with labels of 12 CSS px and more;
the page puts it in a box that scrolls sideways when the screen is narrower than the
chart (roadmap.css), so nothing is scaled down. Colours come from CSS classes, set for
the light and the dark scheme in roadmap.css; the presentation attributes are what a
feed reader without the stylesheet shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from roadmap_site.content.model import SkillArea, SkillMap
from roadmap_site.render.escape import html_text
from roadmap_site.render.text_width import text_width, widest_word, wrap

LABEL_SIZE = 13
"""Font size of the skill names, in CSS pixels."""
SMALL_SIZE = 12
"""Font size of the scale and the legend, in CSS pixels: the smallest text of a chart."""
MAX_LEVEL = 5
_LINE = 16  # line height of the skill names
_LABEL_WIDTH = 132  # room for the names; wider when a single word needs more
_UNIT = 34  # pixels per level
_GAP = 10  # between the names and the shared bar
_RIGHT = 10  # room for half the last tick's number
_BAR = 18  # thickness of a bar
_STUB = 6  # length of the bar of level 0 (half of it under the shared bar)
_ROW_GAP = 8
_SWATCH = 14
_LEGEND_LINE = 22

_FILL = {"foundation": "#1565c0", "specialization": "#2e7d32"}  # as --rs-active, --rs-done
_LEGEND_TEXT = {"foundation": "Current level, foundation", "specialization": "Current level, specialization"}


@dataclass(frozen=True)
class _Row:
    area: SkillArea
    lines: list[str]
    top: float
    height: float


def _ordered(areas: list[SkillArea]) -> list[SkillArea]:
    """Foundation areas on both sides, specializations in the middle: the bars then draw
    a T on its side, the broad bar on the left and the deep stem pointing right."""
    foundation = [a for a in areas if a.layer == "foundation"]
    special = [a for a in areas if a.layer == "specialization"]
    half = (len(foundation) + 1) // 2
    return foundation[:half] + special + foundation[half:]


def _area_text(area: SkillArea) -> str:
    target = f", target {area.target}" if area.target is not None else ""
    return f"{area.title}: level {area.level or 0}{target} ({area.layer})"


def _legend(kinds: list[str], width: int) -> tuple[list[str], int]:
    """The legend's entries, flowed into lines no wider than the chart; its height."""
    entries = [(kind, _LEGEND_TEXT[kind]) for kind in kinds] + [("target", "Target level (dashed outline)")]
    parts, x, y = [], 0, 0
    for kind, label in entries:
        size = _SWATCH + 6 + math.ceil(text_width(label, SMALL_SIZE))
        if x and x + size > width:
            x, y = 0, y + _LEGEND_LINE
        top = y + (_LEGEND_LINE - _SWATCH) // 2
        if kind == "target":
            swatch = (
                f'<rect class="rs-target" x="{x + 1}" y="{top + 1}" width="{_SWATCH - 2}" height="{_SWATCH - 2}" '
                f'fill="none" stroke="currentColor" stroke-dasharray="4 3"/>'
            )
        else:
            swatch = (
                f'<rect class="rs-bar--{kind}" x="{x}" y="{top}" width="{_SWATCH}" height="{_SWATCH}" '
                f'fill="{_FILL[kind]}"/>'
            )
        parts.append(
            f'{swatch}<text class="rs-chart__legend" x="{x + _SWATCH + 6}" y="{y + _LEGEND_LINE // 2 + 4}" '
            f'font-size="{SMALL_SIZE}" fill="currentColor">{html_text(label)}</text>'
        )
        x += size + 16
    return parts, y + _LEGEND_LINE


def t_profile_svg(skill_map: SkillMap) -> str | None:
    """The T-shaped profile: one bar per assessed area, named on its left, as long as
    the current level on a 0-5 scale, with the target as a dashed outline; a legend says
    which is which, and ``<title>``/``<desc>`` carry the figures for assistive
    technology (the table after the chart too).

    None when no area has a level.
    """
    areas = [area for area in skill_map.areas if area.level is not None]
    if not areas:
        return None
    ordered = _ordered(areas)
    label_width = max(_LABEL_WIDTH, math.ceil(widest_word([a.title for a in ordered], LABEL_SIZE)))
    spine = label_width + _GAP
    width = round(spine + MAX_LEVEL * _UNIT + _RIGHT)
    kinds = [kind for kind in ("foundation", "specialization") if any(a.layer == kind for a in ordered)]
    legend, legend_height = _legend(kinds, width)
    axis = legend_height + 18  # baseline of the scale's numbers
    rows, y = [], axis + 10
    for area in ordered:
        lines = wrap(area.title, label_width, LABEL_SIZE)
        height = max(_BAR + 4, len(lines) * _LINE + 4)
        rows.append(_Row(area, lines, y, height))
        y += height + _ROW_GAP
    height = round(y)
    title = html_text(f"T-shaped profile of {skill_map.title}")
    desc = html_text(
        f"One bar per skill area on a level scale of 0 to {MAX_LEVEL}; the filled bar is the current level, "
        "the dashed outline the target. " + "; ".join(_area_text(row.area) for row in rows) + "."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rs-chart" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="rs-tprofile-title" aria-describedby="rs-tprofile-desc">',
        f'<title id="rs-tprofile-title">{title}</title><desc id="rs-tprofile-desc">{desc}</desc>',
        '<g class="rs-chart__key">',
        *legend,
        "</g>",
        f'<text class="rs-chart__axis" x="{label_width}" y="{axis}" text-anchor="end" font-size="{SMALL_SIZE}" '
        'fill="currentColor">Level</text>',
    ]
    parts += _scale(spine, axis, height)
    for row in rows:
        parts += _bar(row, label_width, spine)
    top = axis + 6
    parts.append(
        f'<line class="rs-chart__spine" x1="{spine}" y1="{top}" x2="{spine}" y2="{height}" stroke="currentColor" '
        'stroke-width="3"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _scale(spine: float, axis: float, height: int) -> list[str]:
    """The level scale: a number per level over the bars, a dashed line down from each."""
    out: list[str] = []
    for level in range(MAX_LEVEL + 1):
        x = spine + level * _UNIT
        out.append(
            f'<text class="rs-chart__tick" x="{x}" y="{axis}" text-anchor="middle" font-size="{SMALL_SIZE}" '
            f'fill="currentColor">{level}</text>'
        )
        if level:
            out.append(
                f'<line class="rs-chart__grid" x1="{x}" y1="{axis + 5}" x2="{x}" y2="{height}" stroke="currentColor" '
                'stroke-opacity="0.3" stroke-dasharray="2 3"/>'
            )
    return out


def _bar(row: _Row, label_width: float, spine: float) -> list[str]:
    """One area: its name on the left, its level as a bar, its target as a dashed outline."""
    out: list[str] = []
    area, middle = row.area, row.top + row.height / 2
    bar_top = middle - _BAR / 2
    first = middle - (len(row.lines) - 1) * _LINE / 2 + 4.5  # baseline of the first line
    out.append(f"<g><title>{html_text(_area_text(area))}</title>")
    out.append(
        f'<text class="rs-chart__label" x="{label_width}" y="{first}" text-anchor="end" '
        f'font-size="{LABEL_SIZE}" fill="currentColor">'
        + "".join(
            f'<tspan x="{label_width}" y="{first + n * _LINE}">{html_text(line)}</tspan>'
            for n, line in enumerate(row.lines)
        )
        + "</text>"
    )
    # level 0 still shows a stub in its layer's colour, so that the layer can be told
    length = (area.level or 0) * _UNIT or _STUB
    out.append(
        f'<rect class="rs-bar--{area.layer}" x="{spine}" y="{bar_top}" width="{length}" '
        f'height="{_BAR}" fill="{_FILL[area.layer]}"/>'
    )
    if area.target:
        out.append(
            f'<rect class="rs-target" x="{spine}" y="{bar_top}" width="{area.target * _UNIT}" height="{_BAR}" '
            'fill="none" stroke="currentColor" stroke-dasharray="4 3"/>'
        )
    out.append("</g>")
    return out


def t_profile_rows(skill_map: SkillMap) -> list[tuple[int, str, str, int, int | None]]:
    """The chart as rows (number, area, layer, level, target): its text alternative."""
    areas = [area for area in skill_map.areas if area.level is not None]
    return [(index, area.title, area.layer, area.level or 0, area.target) for index, area in enumerate(areas, start=1)]
