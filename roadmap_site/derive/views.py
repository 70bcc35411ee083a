"""Each roadmap with every figure its page and the home page show, and the rows of the
comparison across roadmaps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from roadmap_site.content.documents import Content, Document, Update
from roadmap_site.content.model import Roadmap
from roadmap_site.derive import accountability, skills
from roadmap_site.derive import progress as figures
from roadmap_site.derive.defaults import DEFAULT_FOCUS, DEFAULT_GRACE_DAYS


@dataclass(frozen=True)
class Options:
    """Settings of one build that are not content."""

    today: dt.date
    focus: int = DEFAULT_FOCUS
    grace_days: int = DEFAULT_GRACE_DAYS
    generate_home: bool = True
    feed_url: str | None = None
    """Absolute address of the Atom feed, linked from the updates page; None: no feed."""


@dataclass
class RoadmapView:
    """A roadmap with every figure its page and the home page show."""

    doc: Document[Roadmap]
    progress: figures.Progress
    updated: dt.date
    freshness: accountability.Freshness
    overdue_ids: set[str]
    next_due: Any
    slipped: list[Any]
    latest_update: Update | None
    phase_progress: dict[str, figures.Progress] = field(default_factory=dict)
    skills_title: str | None = None
    top_priority: str | None = None

    @property
    def id(self) -> str:
        """The roadmap's id."""
        return self.doc.id

    @property
    def model(self) -> Roadmap:
        """The roadmap."""
        return self.doc.model


def roadmap_view(doc: Document[Roadmap], content: Content, updated: dt.date, options: Options) -> RoadmapView:
    """Gather the figures of one roadmap."""
    roadmap = doc.model
    latest = next(iter(content.updates_about(doc.id)), None)
    view = RoadmapView(
        doc=doc,
        progress=figures.roadmap_progress(roadmap),
        updated=max(updated, latest.meta.date.first) if latest else updated,
        freshness=accountability.freshness(
            doc.id, roadmap.cadence, content, updated, options.today, options.grace_days
        ),
        overdue_ids={node.obj.id for node in figures.overdue(doc, options.today)},
        next_due=figures.next_due(roadmap, options.today),
        slipped=figures.slipped(roadmap),
        latest_update=latest,
    )
    for phase in roadmap.phases:
        view.phase_progress[phase.id or ""] = figures.phase_progress(phase)
    if roadmap.skills and roadmap.skills in content.skills:
        skill_map = content.skills[roadmap.skills].model
        view.skills_title = skill_map.title
        ranked = [p for p in skills.priorities(skill_map, options.focus) if p.rank == 1]
        view.top_priority = ranked[0].area.title if ranked else None
    return view


def roadmap_views(content: Content, updated: dict[str, dt.date], options: Options) -> list[RoadmapView]:
    """The figures of every roadmap, in content order."""
    return [roadmap_view(doc, content, updated[doc.id], options) for doc in content.roadmaps.values()]


def comparison_rows(views: list[RoadmapView]) -> list[tuple[str, list[str]]]:
    """Rows of the comparison table: each fact key, then computed rows."""
    views = [view for view in views if view.model.facts]
    if len(views) < 2:
        return []
    keys: list[str] = []
    for view in views:
        keys += [key for key in view.model.facts if key not in keys]
    rows = [(key, [view.model.facts.get(key, "—") for view in views]) for key in keys]
    rows.append(("Progress", [f"{v.progress.percent}%" for v in views]))
    rows.append(
        ("Milestones done", [f"{v.progress.milestones_done} of {v.progress.milestones_counted}" for v in views])
    )
    rows.append(("Top priority skill", [v.top_priority or "—" for v in views]))
    return rows
