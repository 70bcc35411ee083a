"""Read a content folder into validated roadmaps, skill maps and updates.

Layout: ``roadmaps/<id>.yml``, ``skills/<id>.yml``, ``updates/<name>.md``. Every file is
loaded and checked; all problems of all files are gathered and raised together as one
``ContentError``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from roadmap_site.content.anchors import assign_ids
from roadmap_site.content.dates import forget_parsed_dates
from roadmap_site.content.documents import (
    Content,
    Document,
    ModelT,
    Update,
)
from roadmap_site.content.fields import check_slug
from roadmap_site.content.folder import check_folder, check_total_values
from roadmap_site.content.layout import ROADMAPS_DIR, SKILLS_DIR, UPDATES_DIR, YAML_SUFFIXES
from roadmap_site.content.load import LoadError, Source, load_markdown_file, load_yaml_file
from roadmap_site.content.model import Roadmap, SkillMap, UpdateMeta
from roadmap_site.content.problems import ContentError, Problem
from roadmap_site.content.references import (
    _unknown,
    check_dependencies,
    check_paths,
    check_skill_links,
    check_skill_map,
    check_statuses,
    dependencies_of,
    raw_dependencies,
)
from roadmap_site.content.safe_links import link_problems
from roadmap_site.content.schema_errors import problems_from
from roadmap_site.speed import realpaths

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

    _check_across_files(content, root, problems)
    if problems:
        raise ContentError(problems)
    return content


def _check_across_files(content: Content, root: Path, problems: list[Problem]) -> None:
    """The checks of the folder as a whole: its size, the links between files, and that
    it has a roadmap at all. Sorts the updates, newest first."""
    directory = content.directory
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
