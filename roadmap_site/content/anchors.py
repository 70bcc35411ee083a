"""Ids missing in the YAML, derived from titles once, and anchors that must not collide.

Every later stage sees the same stable ids.
"""

from __future__ import annotations

from typing import Any

from roadmap_site.content import ids
from roadmap_site.content.documents import Document, Loc, all_phases, milestones, projects, walk_sections
from roadmap_site.content.model import ItemMapping, Project, Roadmap
from roadmap_site.content.problems import Problem

# --- ids and anchors ---------------------------------------------------------------------


ROADMAP_ANCHORS = frozenset({"top", "path", "timeline", "slips", "paths", "stages", "projects", "resources"})
"""Anchors of the headings a roadmap page has of its own (templates/roadmap.md.j2)."""
SKILLS_ANCHORS = frozenset({"top", "gap-analysis", "t-profile", "skill-map", "rs-tprofile-title", "rs-tprofile-desc"})
"""Anchors a skills page has of its own (templates/skills.md.j2, the T-profile chart)."""


class _Anchors:
    """Hands out page anchors and reports two things claiming the same one, or an
    explicit id that is one of the page's own anchors (``reserved``)."""

    def __init__(
        self, doc: Document[Roadmap], problems: list[Problem], reserved: frozenset[str] = ROADMAP_ANCHORS
    ) -> None:
        self.doc = doc
        self.problems = problems
        self.reserved = reserved
        self.taken: dict[str, Loc] = {}

    def free(self, derived: str) -> str:
        """``derived``, or when it is one of the page's own anchors, ``derived-2``."""
        number = 1
        anchor = derived
        while anchor in self.reserved:
            number += 1
            anchor = f"{derived}-{number}"
        return anchor

    def claim(self, anchor: str, loc: Loc, explicit: bool) -> None:
        if anchor in self.reserved:
            self.problems.append(
                self.doc.problem(
                    (*loc, "id"),
                    f"the id {anchor!r} is reserved: the page has a heading of its own with this anchor "
                    f"({', '.join(sorted(self.reserved))}); choose another id",
                )
            )
        elif anchor in self.taken:
            first = self.doc.position(self.taken[anchor])
            hint = "" if explicit else " (derived from the title: set a distinct 'id')"
            self.problems.append(
                self.doc.problem(
                    (*loc, "id") if explicit else loc,
                    f"the id {anchor!r} is already used on line {first[0]}{hint}",
                )
            )
        else:
            self.taken[anchor] = loc


def _assign(obj: Any, loc: Loc, derived: str, anchors: _Anchors) -> None:
    explicit = obj.id is not None
    if not explicit:
        obj.id = anchors.free(derived)
    anchors.claim(obj.id, loc, explicit)


def _assign_items(items: list[ItemMapping], loc: Loc, prefix: str, anchors: _Anchors) -> None:
    seen: dict[str, int] = {}
    reserved, taken = anchors.reserved, anchors.taken
    for index, item in enumerate(items):
        if item.id is not None:
            anchors.claim(item.id, (*loc, index), True)
            continue
        slug = ids.slugify(item.text)[:32].rstrip("-")
        base = ids.join(prefix, slug)
        if base in reserved:
            base = anchors.free(base)
        count = seen[base] = seen.get(base, 0) + 1
        # identical texts in one list are told apart by their order among themselves
        anchor = item.id = base if count == 1 else f"{base}-{count}"
        if anchor in taken or anchor in reserved:
            anchors.claim(anchor, (*loc, index), False)  # reports the problem
        else:
            taken[anchor] = (*loc, index)  # what claim does for a free anchor, without its call


def assign_ids(doc: Document[Roadmap], problems: list[Problem]) -> None:
    """Give every phase, milestone, path, section, project and item an id and anchor."""
    roadmap = doc.model
    anchors = _Anchors(doc, problems)
    for index, path in enumerate(roadmap.paths):
        _assign(path, ("paths", index), ids.slugify(path.for_), anchors)
    for stage_index, stage in enumerate(roadmap.stages):
        anchors.claim(stage.id, ("stages", stage_index), True)
    for node in all_phases(roadmap):
        phase = node.obj
        _assign(phase, node.loc, ids.join(node.parent_id, ids.slugify(phase.title)), anchors)
        _assign_items(phase.checklist, (*node.loc, "checklist"), phase.id, anchors)
    for node in milestones(roadmap):
        _assign(node.obj, node.loc, ids.slugify(node.obj.title), anchors)
        _assign_items(node.obj.checklist, (*node.loc, "checklist"), node.obj.id, anchors)
    for node in walk_sections(roadmap.sections, ("sections",)):
        _assign(node.obj, node.loc, ids.slugify(node.obj.title), anchors)
        _assign_items(node.obj.checklist, (*node.loc, "checklist"), node.obj.id, anchors)
    for node in projects(roadmap):
        project: Project = node.obj
        _assign(project, node.loc, ids.join("project", ids.slugify(project.title)), anchors)
        _assign_items(project.checklist, (*node.loc, "checklist"), project.id or "", anchors)
