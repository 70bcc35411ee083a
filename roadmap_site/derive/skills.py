"""Skill priorities (gap x impact), ranked, and which roadmaps build which skills."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from roadmap_site.content.documents import Document, milestones
from roadmap_site.content.model import Milestone, Roadmap, SkillArea, SkillMap
from roadmap_site.derive.defaults import DEFAULT_FOCUS

# --- skills ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Priority:
    """One skill area's place in the gap analysis."""

    area: SkillArea
    gap: int | None
    impact: int | None
    rank: int
    focus: bool

    @property
    def score(self) -> int | None:
        """Priority = gap severity x career impact."""
        if self.gap is None or self.impact is None:
            return None
        return self.gap * self.impact


def gap_of(area: SkillArea) -> int | None:
    """Gap severity: as given, else target - level (never below 0)."""
    if area.gap is not None:
        return area.gap
    if area.target is not None and area.level is not None:
        return max(0, area.target - area.level)
    return None


def priorities(skill_map: SkillMap, focus: int = DEFAULT_FOCUS) -> list[Priority]:
    """Areas ranked by priority, highest first.

    Ties keep a documented order: higher impact first, then the file's order. Areas
    without scores come last, unranked. The first ``focus`` scored areas with a
    priority above zero are the current focus.
    """
    focus = skill_map.focus or focus
    scored = []
    unscored = []
    for index, area in enumerate(skill_map.areas):
        gap, impact = gap_of(area), area.impact
        if gap is None or impact is None:
            unscored.append((area, gap, impact))
        else:
            scored.append((-(gap * impact), -impact, index, area, gap))
    scored.sort(key=lambda row: row[:3])
    ranked = [
        Priority(area, gap, -neg_impact, rank, focus=rank <= focus and gap * -neg_impact > 0)
        for rank, (_, neg_impact, _, area, gap) in enumerate(scored, start=1)
    ]
    return ranked + [Priority(area, gap, impact, 0, False) for area, gap, impact in unscored]


def builders_by_skills_file(
    roadmaps: Iterable[Document[Roadmap]],
) -> dict[str, dict[str, list[tuple[str, Milestone]]]]:
    """For each skills file, for each of its skill areas: the (roadmap id, milestone)
    pairs that build it; in one pass over the roadmaps."""
    found: dict[str, dict[str, list[tuple[str, Milestone]]]] = {}
    for doc in roadmaps:
        if doc.model.skills is None:
            continue
        areas = found.setdefault(doc.model.skills, {})
        for node in milestones(doc.model):
            for area in node.obj.builds:
                areas.setdefault(area, []).append((doc.id, node.obj))
    return found
