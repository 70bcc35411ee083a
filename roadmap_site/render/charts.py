"""Charts drawn at build time as inline SVG, readable without JavaScript."""

from __future__ import annotations

from roadmap_site.content.model import SkillMap
from roadmap_site.render.escape import html_text

_COLUMN = 44
_GAP = 10
_UNIT = 28  # pixels per level
_TOP = 24


def t_profile_svg(skill_map: SkillMap) -> str | None:
    """The T-shaped profile: one column per assessed area hanging from a common bar,
    as deep as the current level, with the target as a dashed outline. Foundation areas
    sit on both sides, specializations in the middle, so the shape reads as a T. Each
    column is numbered; the table that follows is the text alternative.

    None when no area has a level.
    """
    areas = [area for area in skill_map.areas if area.level is not None]
    if not areas:
        return None
    foundation = [a for a in areas if a.layer == "foundation"]
    special = [a for a in areas if a.layer == "specialization"]
    half = (len(foundation) + 1) // 2
    ordered = foundation[:half] + special + foundation[half:]
    numbers = {area.id: index for index, area in enumerate(areas, start=1)}
    width = len(ordered) * (_COLUMN + _GAP) + _GAP
    height = _TOP + 5 * _UNIT + 30
    # html_text, not html.escape: the SVG sits in a `markdown` figure, where Markdown reads text
    title = html_text(f"T-shaped profile of {skill_map.title}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="rs-tprofile-title">',
        f'<title id="rs-tprofile-title">{title}</title>',
        f'<line x1="0" y1="{_TOP}" x2="{width}" y2="{_TOP}" stroke="currentColor" stroke-width="2"/>',
    ]
    for index, area in enumerate(ordered):
        x = _GAP + index * (_COLUMN + _GAP)
        level = area.level or 0
        label = html_text(f"{area.title}: level {level}" + (f" of target {area.target}" if area.target else ""))
        parts.append(f"<g><title>{label}</title>")
        parts.append(
            f'<rect class="rs-bar--{area.layer}" x="{x}" y="{_TOP}" width="{_COLUMN}" height="{level * _UNIT}" rx="3"/>'
        )
        if area.target:
            parts.append(
                f'<rect class="rs-target" x="{x}" y="{_TOP}" width="{_COLUMN}" height="{area.target * _UNIT}" rx="3"/>'
            )
        parts.append(f'<text x="{x + _COLUMN / 2}" y="{_TOP - 8}" text-anchor="middle">{numbers[area.id]}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def t_profile_rows(skill_map: SkillMap) -> list[tuple[int, str, str, int, int | None]]:
    """The chart as rows (number, area, layer, level, target): its text alternative."""
    areas = [area for area in skill_map.areas if area.level is not None]
    return [(index, area.title, area.layer, area.level or 0, area.target) for index, area in enumerate(areas, start=1)]
