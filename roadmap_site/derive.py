"""Figures derived from the content: progress, overdue and next due milestones, skill
priorities, staleness of the update promise, comparisons across roadmaps.

Templates only show what this module computes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from roadmap_site.content import Content, Document, Node, all_phases, milestones, walk_sections
from roadmap_site.dates import quarter_of
from roadmap_site.model import STATUSES, ItemMapping, Milestone, Phase, Roadmap, SkillArea, SkillMap
from roadmap_site.problems import Problem
from roadmap_site.settings import DEFAULT_FOCUS, DEFAULT_GRACE_DAYS

CADENCE_DAYS = {"monthly": 31, "quarterly": 92, "yearly": 366}
"""How many days each update promise allows between updates (before the grace period)."""


@dataclass(frozen=True)
class Progress:
    """Done and total counts of milestones and checklist items."""

    milestones_done: int
    milestones_total: int
    items_done: int
    items_total: int
    by_status: dict[str, int]

    @property
    def milestones_counted(self) -> int:
        """Milestones that count towards progress: dropped ones do not."""
        return self.milestones_total - self.by_status.get("dropped", 0)

    @property
    def percent(self) -> int:
        """Percent done, by milestones (dropped excluded); by checklist items when a
        roadmap has no milestones. Rounded down, so 100 means everything is done."""
        if self.milestones_counted:
            return self.milestones_done * 100 // self.milestones_counted
        if self.items_total:
            return self.items_done * 100 // self.items_total
        return 0


def progress_of(milestone_list: Iterable[Milestone], items: Iterable[ItemMapping]) -> Progress:
    """Progress of a set of milestones and checklist items."""
    by_status = dict.fromkeys(STATUSES, 0)
    total = done = 0
    for milestone in milestone_list:
        total += 1
        by_status[milestone.status] += 1
        done += milestone.status == "done"
    item_states = [item.status for item in items]
    return Progress(
        milestones_done=done,
        milestones_total=total,
        items_done=item_states.count("done"),
        items_total=len(item_states) - item_states.count("dropped"),
        by_status=by_status,
    )


def _phase_tree(phase: Phase) -> Iterator[Phase]:
    yield phase
    for child in phase.phases:
        yield from _phase_tree(child)


def phase_progress(phase: Phase) -> Progress:
    """Progress of a phase and its nested phases (milestones and all their items)."""
    phases = list(_phase_tree(phase))
    all_milestones = [m for p in phases for m in p.milestones]
    items = [i for p in phases for i in p.checklist] + [i for m in all_milestones for i in m.checklist]
    items += [i for p in phases for project in p.projects for i in project.checklist]
    return progress_of(all_milestones, items)


def roadmap_progress(roadmap: Roadmap) -> Progress:
    """Progress of a whole roadmap: every milestone and checklist item on its page."""
    phase_nodes = list(all_phases(roadmap))
    milestone_list = [node.obj for node in milestones(roadmap)]
    items: list[ItemMapping] = [i for n in phase_nodes for i in n.obj.checklist]
    items += [i for m in milestone_list for i in m.checklist]
    items += [i for n in phase_nodes for p in n.obj.projects for i in p.checklist]
    items += [i for p in roadmap.projects for i in p.checklist]
    for node in walk_sections(roadmap.sections, ("sections",)):
        items += node.obj.checklist
        items += [i for p in node.obj.projects for i in p.checklist]
    return progress_of(milestone_list, items)


def is_overdue(milestone: Milestone, today: dt.date) -> bool:
    """Past its (latest) due date and neither done nor dropped."""
    due = milestone.effective_due
    return due is not None and milestone.status not in ("done", "dropped") and due.last < today


def overdue(doc: Document[Roadmap], today: dt.date) -> list[Node]:
    """Milestones past due, not done and not re-planned by a slip record."""
    return [node for node in milestones(doc.model) if is_overdue(node.obj, today)]


def next_due(roadmap: Roadmap, today: dt.date) -> Milestone | None:
    """The open milestone due soonest, not counting overdue ones."""
    open_ = [
        node.obj
        for node in milestones(roadmap)
        if node.obj.status not in ("done", "dropped")
        and node.obj.effective_due is not None
        and node.obj.effective_due.last >= today
    ]
    return min(open_, key=lambda m: (m.effective_due.last, m.id or ""), default=None)


def slipped(roadmap: Roadmap) -> list[Milestone]:
    """Milestones with at least one slip record, in page order."""
    return [node.obj for node in milestones(roadmap) if node.obj.slipped]


def overdue_problems(content: Content, today: dt.date, *, as_errors: bool) -> list[Problem]:
    """One problem per overdue milestone, at its due date in the YAML."""
    found = []
    for doc in content.roadmaps.values():
        for node in overdue(doc, today):
            milestone: Milestone = node.obj
            due = milestone.effective_due
            found.append(
                doc.problem(
                    (*node.loc, "slipped" if milestone.slipped else "due"),
                    f"milestone {milestone.id!r} was due {due} and is not done: mark it done, or "
                    "add a slip record {reason: why, new_due: when} and set status: slipped",
                    severity="error" if as_errors else "warning",
                )
            )
    return found


# --- staleness of the update promise ------------------------------------------------------


@dataclass(frozen=True)
class Freshness:
    """Whether a roadmap kept its update promise."""

    last_update: dt.date | None
    """Date of the newest update about this roadmap (or site-wide)."""
    reference: dt.date
    """What staleness is measured from: the last update, else the last change."""
    due_since: dt.date | None
    """When the next update became overdue (None: not overdue, or no promise)."""

    @property
    def stale(self) -> bool:
        """Whether the promised update is overdue."""
        return self.due_since is not None


def freshness(
    roadmap_id: str,
    cadence: str,
    content: Content,
    last_changed: dt.date,
    today: dt.date,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> Freshness:
    """Stale when the last update (or, with none, the last change) is older than the
    cadence plus ``grace_days``."""
    last_update = max((u.meta.date.first for u in content.updates_about(roadmap_id)), default=None)
    reference = last_update or last_changed
    if cadence not in CADENCE_DAYS:
        return Freshness(last_update, reference, None)
    due = reference + dt.timedelta(days=CADENCE_DAYS[cadence] + grace_days)
    return Freshness(last_update, reference, due if due < today else None)


# --- quarters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuarterChanges:
    """What happened to one roadmap's milestones in one quarter."""

    done: list[Milestone] = field(default_factory=list)
    slipped: list[Milestone] = field(default_factory=list)
    due: list[Milestone] = field(default_factory=list)


def changes_in(roadmap: Roadmap, quarter: str) -> QuarterChanges:
    """Milestones done (by ``done_on``), slipped (by the slip's ``recorded`` date, else the
    original due date) and due within ``quarter``."""
    changes = QuarterChanges()
    for node in milestones(roadmap):
        milestone: Milestone = node.obj
        if milestone.done_on is not None and quarter_of(milestone.done_on.last) == quarter:
            changes.done.append(milestone)
        for slip in milestone.slipped:
            when = slip.recorded or milestone.due
            if when is not None and quarter_of(when.last) == quarter:
                changes.slipped.append(milestone)
                break
        due = milestone.effective_due
        if due is not None and quarter_of(due.last) == quarter and milestone.status != "dropped":
            changes.due.append(milestone)
    return changes


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
