"""Checks across a roadmap and across files: statuses, dependencies and their cycles,
learning paths, skill links.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from roadmap_site.content import ids
from roadmap_site.content.anchors import SKILLS_ANCHORS, _Anchors, _assign_items
from roadmap_site.content.documents import Document, Loc, milestones, projects
from roadmap_site.content.model import Milestone, Roadmap, SkillMap
from roadmap_site.content.problems import Problem

# --- cross-references -----------------------------------------------------------------------


def _unknown(kind: str, name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    listing = f" (known: {', '.join(sorted(known))})" if known and len(known) <= 12 else ""
    return f"no {kind} has the id {name!r}{hint}{listing}"


@dataclass(frozen=True)
class Dependency:
    """A milestone's id and what it depends on, with its place in the file."""

    loc: Loc
    id: str
    depends_on: tuple[str, ...]


def check_statuses(doc: Document[Roadmap], problems: list[Problem]) -> None:
    """Statuses that need more data."""
    for node in milestones(doc.model):
        milestone: Milestone = node.obj
        if milestone.status == "slipped" and not milestone.slipped:
            problems.append(
                doc.problem(
                    (*node.loc, "status"),
                    "status 'slipped' needs a 'slipped' record: {reason: why, new_due: when}",
                )
            )
        if milestone.done_on is not None and milestone.status != "done":
            problems.append(
                doc.problem(
                    (*node.loc, "done_on"), f"done_on is set but the status is {milestone.status!r}, not 'done'"
                )
            )


def dependencies_of(roadmap: Roadmap) -> list[Dependency]:
    """The dependencies of a validated roadmap."""
    return [Dependency(node.loc, node.obj.id, tuple(node.obj.depends_on)) for node in milestones(roadmap)]


def raw_dependencies(data: Any) -> list[Dependency]:
    """The dependencies readable from a file that did not validate, so that a dangling
    ``depends_on`` is reported together with the file's other problems."""
    found: list[Dependency] = []

    def phases(items: Any, loc: Loc) -> None:
        if not isinstance(items, list):
            return
        for index, phase in enumerate(items):
            if not isinstance(phase, dict):
                continue
            milestones = phase.get("milestones")
            for m_index, milestone in enumerate(milestones if isinstance(milestones, list) else []):
                if not isinstance(milestone, dict):
                    continue
                title, explicit = milestone.get("title"), milestone.get("id")
                milestone_id = explicit if isinstance(explicit, str) else ids.slugify(str(title)) if title else None
                targets = milestone.get("depends_on") or []
                if milestone_id and isinstance(targets, list):
                    found.append(
                        Dependency(
                            (*loc, index, "milestones", m_index),
                            milestone_id,
                            tuple(t for t in targets if isinstance(t, str)),
                        )
                    )
            phases(phase.get("phases"), (*loc, index, "phases"))

    if isinstance(data, dict):
        phases(data.get("phases"), ("phases",))
        paths = data.get("paths")
        for index, path in enumerate(paths if isinstance(paths, list) else []):
            if isinstance(path, dict):
                phases(path.get("phases"), ("paths", index, "phases"))
    return found


def check_dependencies(doc: Document[Any], found: list[Dependency], problems: list[Problem]) -> None:
    """Every ``depends_on`` names a milestone of the roadmap, and dependencies do not loop."""
    by_id = {dep.id: dep for dep in found}
    for dep in found:
        for index, target in enumerate(dep.depends_on):
            if target not in by_id:
                problems.append(
                    doc.problem((*dep.loc, "depends_on", index), _unknown("milestone", target, sorted(by_id)))
                )
            elif target == dep.id:
                problems.append(doc.problem((*dep.loc, "depends_on", index), "a milestone cannot depend on itself"))
    graph = {dep.id: [t for t in dep.depends_on if t in by_id] for dep in by_id.values()}
    for cycle in _cycles(graph):
        first = by_id[cycle[0]]
        problems.append(doc.problem((*first.loc, "depends_on"), "dependency cycle: " + " -> ".join([*cycle, cycle[0]])))


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each elementary cycle found by depth-first search, once, starting at its least id."""
    found: list[list[str]] = []
    seen_cycles: set[frozenset[str]] = set()
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done

    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                cycle = path[path.index(child) :]
                if len(cycle) > 1 and frozenset(cycle) not in seen_cycles:
                    seen_cycles.add(frozenset(cycle))
                    pivot = cycle.index(min(cycle))
                    found.append(cycle[pivot:] + cycle[:pivot])
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))
    return found


def check_paths(doc: Document[Roadmap], problems: list[Problem]) -> None:
    """Stages are unique and every route names known stages."""
    stage_ids: dict[str, int] = {}
    for index, stage in enumerate(doc.model.stages):
        if stage.id in stage_ids:
            problems.append(doc.problem(("stages", index, "id"), f"the stage id {stage.id!r} is used twice"))
        stage_ids.setdefault(stage.id, index)
    for path_index, path in enumerate(doc.model.paths):
        for index, stage_id in enumerate(path.route):
            if stage_id not in stage_ids:
                problems.append(
                    doc.problem(("paths", path_index, "route", index), _unknown("stage", stage_id, sorted(stage_ids)))
                )


def check_skill_links(doc: Document[Roadmap], skills: dict[str, Document[SkillMap]], problems: list[Problem]) -> None:
    """The skills file exists and every ``builds`` names one of its areas."""
    roadmap = doc.model
    skill_map = skills.get(roadmap.skills) if roadmap.skills else None
    if roadmap.skills and skill_map is None:
        problems.append(doc.problem(("skills",), _unknown("skills file", roadmap.skills, sorted(skills))))
        return
    area_ids = sorted(area.id for area in skill_map.model.areas) if skill_map else []
    builders = [*milestones(roadmap), *projects(roadmap)]
    for node in builders:
        for index, area in enumerate(node.obj.builds):
            if skill_map is None:
                problems.append(
                    doc.problem(
                        (*node.loc, "builds"),
                        "'builds' names skill areas, but the roadmap has no 'skills' file",
                    )
                )
                break
            if area not in area_ids:
                problems.append(
                    doc.problem(
                        (*node.loc, "builds", index), _unknown(f"skill area in {roadmap.skills}", area, area_ids)
                    )
                )


def check_skill_map(doc: Document[SkillMap], problems: list[Problem]) -> None:
    """Area ids are unique; outcomes get item ids for readers' own progress."""
    anchors = _Anchors(doc, problems, SKILLS_ANCHORS)  # type: ignore[arg-type]
    for index, area in enumerate(doc.model.areas):
        anchors.claim(area.id, ("areas", index), True)
        _assign_items(area.outcomes, ("areas", index, "outcomes"), area.id, anchors)
