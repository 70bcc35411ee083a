"""Read a content folder into validated roadmaps, skill maps and updates.

Layout: ``roadmaps/<id>.yml``, ``skills/<id>.yml``, ``updates/<name>.md``. Every file is
loaded and checked; all problems of all files are gathered and raised together as one
``ContentError``. Ids missing in the YAML are derived from titles here, once, so that
every later stage sees stable ids.
"""

from __future__ import annotations

import difflib
import heapq
import operator
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from roadmap_site import ids, realpaths
from roadmap_site.dates import forget_parsed_dates, quarter_of
from roadmap_site.escape import link_problems
from roadmap_site.folder import check_folder, check_total_values
from roadmap_site.load import LoadError, Source, load_markdown_file, load_yaml_file
from roadmap_site.model import (
    ItemMapping,
    Milestone,
    Phase,
    Project,
    Roadmap,
    Section,
    SkillMap,
    UpdateMeta,
    check_slug,
)
from roadmap_site.problems import ContentError, Problem
from roadmap_site.schema_errors import problems_from
from roadmap_site.settings import ROADMAPS_DIR, SKILLS_DIR, UPDATES_DIR

ModelT = TypeVar("ModelT", bound=BaseModel)
Loc = tuple[int | str, ...]

YAML_SUFFIXES = (".yml", ".yaml")


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


# --- reading the folder ---------------------------------------------------------------------


def _display(path: Path, root: Path) -> str:
    return _displays(root)(path)


def _displays(root: Path) -> Callable[[Path], str]:
    """How messages name the files of one load: from ``root`` when they are inside it,
    resolving each folder once instead of every file's whole path (see realpaths.py)."""
    root = root.resolve()
    resolve = realpaths.resolver()

    def display(path: Path) -> str:
        try:
            return resolve(path).relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    return display


def _files(directory: Path, suffixes: tuple[str, ...]) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in suffixes and p.is_file())


def _file_id(path: Path, display: str, problems: list[Problem]) -> str | None:
    try:
        return check_slug(path.stem)
    except ValueError:
        problems.append(
            Problem(
                display,
                1,
                1,
                f"the file name {path.stem!r} is used as an id: rename it to lowercase letters, digits and hyphens",
            )
        )
        return None


def _validate(model: type[ModelT], source: Source, problems: list[Problem]) -> ModelT | None:
    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        problems.extend(problems_from(error, source, model))
        return None


class ContentCache:
    """Keeps checked files between builds of one process (``mkdocs serve``).

    A file is read again only when its size or modification time changed. What is kept
    is the outcome of everything that depends on that file alone (parsing, validation,
    ids, its own checks; see ``_read``), so an unchanged file costs a ``stat`` and
    nothing else. Models are shared between builds, not copied: nothing after loading
    changes them.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[Path, type], tuple[tuple[int, int], Source, Any, list[Problem]]] = {}
        self.pages: dict[str, Any] = {}
        """Rendered roadmap pages and what they were made from (kept by ``render.py``)."""

    def get(self, path: Path, kind: type, read: Any) -> tuple[Source | None, Any, list[Problem]]:
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = (-1, -1)
        entry = self._entries.get((path, kind))
        if entry and entry[0] == stamp:
            _, source, model, problems = entry
        else:
            source, model, problems = read()
            self._entries[(path, kind)] = (stamp, source, model, problems)
        return source, model, list(problems)


def _read(
    path: Path, display: str, model: type[ModelT], markdown: bool
) -> tuple[Source | None, ModelT | None, list[Problem]]:
    problems: list[Problem] = []
    try:
        source = load_markdown_file(path, display) if markdown else load_yaml_file(path, display)
    except LoadError as error:
        return None, None, [error.problem]
    validated = _validate(model, source, problems)
    if validated is not None:
        _check_file(path, source, validated, problems)
    return source, validated, problems


def check_update_body(source: Source, problems: list[Problem]) -> None:
    """An update's text is prose: its links are http, https, mailto or relative links."""
    body = source.body
    for start, _, shown, problem in link_problems(body):
        line = source.body_line + body.count("\n", 0, start)
        column = start - (body.rfind("\n", 0, start) + 1) + 1
        problems.append(source.problem((line, column), f"the Markdown link {shown!r}: {problem}"))


def _check_file(path: Path, source: Source, validated: BaseModel, problems: list[Problem]) -> None:
    """The checks that need one file only, made once per version of the file (the
    ``ContentCache`` keeps their outcome): ids and anchors, statuses, dependencies,
    paths; area ids of a skills file. Cross-file checks run in ``load_content``."""
    if isinstance(validated, UpdateMeta):
        check_update_body(source, problems)
        return
    try:
        check_slug(path.stem)
    except ValueError:
        return  # load_content reports the file name; the file is not used
    if isinstance(validated, Roadmap):
        doc = Document(path.stem, validated, source)
        assign_ids(doc, problems)
        check_statuses(doc, problems)
        check_dependencies(doc, dependencies_of(validated), problems)
        check_paths(doc, problems)
    elif isinstance(validated, SkillMap):
        check_skill_map(Document(path.stem, validated, source), problems)


def load_content(directory: Path, root: Path | None = None, cache: ContentCache | None = None) -> Content:
    """Load, validate and cross-check a content folder; raise ContentError on any error.

    Paths in messages are relative to ``root`` (the project folder, default: the
    current directory).
    """
    root = root or Path(os.getcwd())
    forget_parsed_dates()  # so that no load is faster for having run before
    content = Content(directory)
    problems: list[Problem] = []
    if check_folder(directory, root, problems):  # links to elsewhere, or past a budget: read nothing
        raise ContentError(problems)
    display_of = _displays(root)

    def read(
        path: Path, model: type[ModelT], markdown: bool = False
    ) -> tuple[Source | None, ModelT | None, list[Problem]]:
        display = display_of(path)
        if cache is None:
            return _read(path, display, model, markdown)
        return cache.get(path, model, lambda: _read(path, display, model, markdown))

    for path in _files(directory / SKILLS_DIR, YAML_SUFFIXES):
        source, skill_map, found = read(path, SkillMap)
        problems.extend(found)
        file_id = _file_id(path, display_of(path), problems)
        if source and skill_map and file_id:
            content.skills[file_id] = Document(file_id, skill_map, source)
    for path in _files(directory / ROADMAPS_DIR, YAML_SUFFIXES):
        source, roadmap, found = read(path, Roadmap)
        problems.extend(found)
        file_id = _file_id(path, display_of(path), problems)
        if source and roadmap and file_id:
            content.roadmaps[file_id] = Document(file_id, roadmap, source)
        elif source is not None and found:
            check_dependencies(Document(path.stem, None, source), raw_dependencies(source.data), problems)
    for path in _files(directory / UPDATES_DIR, (".md",)):
        source, meta, found = read(path, UpdateMeta, markdown=True)
        problems.extend(found)
        if source and meta:
            content.updates.append(Update(path.stem, meta, source))

    documents: list[Any] = [*content.roadmaps.values(), *content.skills.values(), *content.updates]
    check_total_values((doc.source for doc in documents), directory, root, problems)
    for doc in content.roadmaps.values():
        check_skill_links(doc, content.skills, problems)
    for update in content.updates:
        if update.meta.roadmap and update.meta.roadmap not in content.roadmaps:
            problems.append(
                update.source.problem(
                    update.source.position_of(("roadmap",)) or (1, 1),
                    _unknown("roadmap", update.meta.roadmap, sorted(content.roadmaps)),
                )
            )
    content.updates.sort(key=lambda u: (u.meta.date.first, u.id), reverse=True)
    if not content.roadmaps and not problems:
        problems.append(
            Problem(
                _display(directory, root), 1, 1, f"no roadmap found: add {ROADMAPS_DIR}/<id>.yml with at least 'title'"
            )
        )
    if problems:
        raise ContentError(problems)
    return content
