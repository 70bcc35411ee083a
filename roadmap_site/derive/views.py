"""Each roadmap with every figure its page and the home page show, and the rows of the
comparison across roadmaps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from roadmap_site.content.dates import Moment
from roadmap_site.content.documents import Content, Document, Update, milestones
from roadmap_site.content.model import Milestone, Roadmap, Slip
from roadmap_site.derive import accountability, skills
from roadmap_site.derive import progress as figures
from roadmap_site.derive.defaults import DEFAULT_FOCUS, DEFAULT_GRACE_DAYS, DiagramForm


@dataclass(frozen=True)
class Options:
    """Settings of one build that are not content."""

    today: dt.date
    focus: int = DEFAULT_FOCUS
    grace_days: int = DEFAULT_GRACE_DAYS
    generate_home: bool = True
    feed_url: str | None = None
    """Absolute address of the Atom feed, linked from the updates page; None: no feed."""
    diagrams: DiagramForm = "svg"
    """``svg``: diagrams drawn at build time into the page; ``mermaid``: mermaid fences."""


@dataclass
class RoadmapView:
    """A roadmap with every figure its page and the home page show."""

    doc: Document[Roadmap]
    progress: figures.Progress
    updated: dt.date
    """The last day the roadmap is known current (its ``updated:``, else git's and its updates' dates)."""
    freshness: accountability.Freshness
    overdue_ids: set[str]
    next_due: Any
    slipped: list[Any]
    latest_update: Update | None
    phase_progress: dict[str, figures.Progress] = field(default_factory=dict)
    skills_title: str | None = None
    top_priority: str | None = None
    slips: list[tuple[Milestone, Moment | None, Slip]] = field(default_factory=list)
    """Every slip of the slipped milestones, in order, with the date it moved away from."""
    stage_titles: dict[str, str] = field(default_factory=dict)
    """The title of each stage of the learning paths, by id."""
    titles: dict[str, str] = field(default_factory=dict)
    """The titles of the skill areas and the milestones a milestone names, by id (milestones
    win: their ids are the roadmap's own), so that readers see titles, not ids."""

    @property
    def id(self) -> str:
        """The roadmap's id."""
        return self.doc.id

    @property
    def model(self) -> Roadmap:
        """The roadmap."""
        return self.doc.model

    @property
    def stamp(self) -> dt.date | Moment:
        """The "last updated" stamp readers see: the roadmap's ``updated:`` at the
        precision written (``May 2026`` for ``2026-05``), else the day of ``updated``."""
        return self.doc.model.updated or self.updated


def roadmap_view(doc: Document[Roadmap], content: Content, updated: dt.date, options: Options) -> RoadmapView:
    """Gather the figures of one roadmap."""
    roadmap = doc.model
    latest = next(iter(content.updates_about(doc.id)), None)
    view = RoadmapView(
        doc=doc,
        progress=figures.roadmap_progress(roadmap),
        # an explicit `updated:` is the owner's word: a later update does not move it
        updated=max(updated, latest.meta.date.first) if latest and roadmap.updated is None else updated,
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
        view.titles.update((area.id, area.title) for area in skill_map.areas)
        ranked = [p for p in skills.priorities(skill_map, options.focus) if p.rank == 1]
        view.top_priority = ranked[0].area.title if ranked else None
    view.titles.update((node.obj.id, node.obj.title) for node in milestones(roadmap))
    view.stage_titles = {stage.id: stage.title for stage in roadmap.stages}
    for milestone in view.slipped:
        was_due = milestone.due
        for slip in milestone.slipped:
            view.slips.append((milestone, was_due, slip))
            was_due = slip.new_due
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
