"""What a loaded content folder is: documents, updates, and walks over a roadmap's parts."""

from __future__ import annotations

import heapq
import operator
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from roadmap_site.content.dates import quarter_of
from roadmap_site.content.load import Source
from roadmap_site.content.model import Phase, Roadmap, Section, SkillMap, UpdateMeta
from roadmap_site.content.problems import Problem

ModelT = TypeVar("ModelT", bound=BaseModel)
Loc = tuple[int | str, ...]


@dataclass
class Document(Generic[ModelT]):
    """A validated content file: its id (file name), model and source."""

    id: str
    model: ModelT
    source: Source

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Where ``loc`` stands in the file."""
        return self.source.position_of(loc, key=key) or (1, 1)

    def problem(self, loc: Loc, message: str, *, key: bool = False, severity: str = "error") -> Problem:
        """A problem at ``loc`` in this file."""
        return self.source.problem(self.position(loc, key=key), message, severity)


@dataclass
class Update:
    """A quarterly update: front matter and Markdown body."""

    id: str
    meta: UpdateMeta
    source: Source

    @property
    def quarter(self) -> str:
        """The quarter it covers: as given, else the date's."""
        return self.meta.quarter or quarter_of(self.meta.date.first)

    @property
    def title(self) -> str:
        """Its heading."""
        return self.meta.title or f"Update {self.quarter}"


@dataclass
class Content:
    """Everything in a content folder, validated and cross-checked."""

    directory: Path
    roadmaps: dict[str, Document[Roadmap]] = field(default_factory=dict)
    skills: dict[str, Document[SkillMap]] = field(default_factory=dict)
    updates: list[Update] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    _updates_about: dict[str | None, list[tuple[int, Update]]] | None = field(default=None, repr=False, compare=False)

    @property
    def files(self) -> list[Path]:
        """Every file the content was read from."""
        docs: list[Any] = [*self.roadmaps.values(), *self.skills.values(), *self.updates]
        return sorted(doc.source.path for doc in docs)

    def updates_about(self, roadmap_id: str) -> list[Update]:
        """The updates about one roadmap: its own and those about every roadmap, in the
        order of ``updates`` (newest first). Indexed on first use, so that a site of many
        roadmaps does not look through every update once per roadmap: ``load_content``
        has sorted the updates by then, and nothing changes them afterwards."""
        if self._updates_about is None:
            self._updates_about = {}
            for position, update in enumerate(self.updates):
                self._updates_about.setdefault(update.meta.roadmap, []).append((position, update))
        own = self._updates_about.get(roadmap_id, [])
        general = self._updates_about.get(None, [])
        return [update for _, update in heapq.merge(own, general, key=operator.itemgetter(0))]


# --- walking a roadmap ------------------------------------------------------------------


@dataclass
class Node:
    """An addressable part of a roadmap page, with its place in the YAML."""

    loc: Loc
    obj: Any
    parent_id: str | None


def walk_phases(phases: list[Phase], loc: Loc, parent_id: str | None = None) -> Iterator[Node]:
    """Every phase, nested ones included, depth first."""
    for index, phase in enumerate(phases):
        node = Node((*loc, index), phase, parent_id)
        yield node
        yield from walk_phases(phase.phases, (*node.loc, "phases"), phase.id)


def walk_sections(sections: list[Section], loc: Loc) -> Iterator[Node]:
    """Every section, nested ones included, depth first."""
    for index, section in enumerate(sections):
        node = Node((*loc, index), section, None)
        yield node
        yield from walk_sections(section.sections, (*node.loc, "sections"))


def all_phases(roadmap: Roadmap) -> Iterator[Node]:
    """Phases of the roadmap and of its paths."""
    yield from walk_phases(roadmap.phases, ("phases",))
    for index, path in enumerate(roadmap.paths):
        yield from walk_phases(path.phases, ("paths", index, "phases"), path.id)


def milestones(roadmap: Roadmap) -> Iterator[Node]:
    """Every milestone with its loc and the id of its phase."""
    for phase_node in all_phases(roadmap):
        for index, milestone in enumerate(phase_node.obj.milestones):
            yield Node((*phase_node.loc, "milestones", index), milestone, phase_node.obj.id)


def projects(roadmap: Roadmap) -> Iterator[Node]:
    """Every project: of the roadmap, of phases and of sections."""
    for index, project in enumerate(roadmap.projects):
        yield Node(("projects", index), project, None)
    containers = [*all_phases(roadmap), *walk_sections(roadmap.sections, ("sections",))]
    for container in containers:
        for index, project in enumerate(container.obj.projects):
            yield Node((*container.loc, "projects", index), project, container.obj.id)
