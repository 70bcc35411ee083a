"""Progress of milestones, phases and roadmaps, and which milestones are overdue, due next
or slipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from roadmap_site.content.documents import Content, Document, Node, all_phases, milestones, walk_sections
from roadmap_site.content.model import STATUSES, ItemMapping, Milestone, Phase, Roadmap
from roadmap_site.content.problems import Problem

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
