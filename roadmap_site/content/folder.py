"""Checks of a content folder as a whole, made before any file is read: names that are
safe as page paths on every system, pages that would collide, files that are links to
elsewhere, and the budgets that keep a build of any content within seconds.

docs/security.md lists the limits; ``load.py`` has the limits of one file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from roadmap_site.content.layout import ROADMAPS_DIR, SKILLS_DIR, UPDATES_DIR, YAML_SUFFIXES
from roadmap_site.content.load import Source
from roadmap_site.content.problems import Problem
from roadmap_site.speed import realpaths

MAX_CONTENT_FILES = 10_000
"""Most roadmap, skills and update files one content folder may hold (a school's site
of a thousand people with a skills file and updates each stays well inside)."""
MAX_CONTENT_BYTES = 200_000_000
"""Most bytes those files may have together (the example content has 108 kB; a
thousand roadmaps of 30 milestones have about 20 MB)."""
MAX_CONTENT_VALUES = 20_000_000
"""Most YAML values those files may hold together, aliases expanded (the example
content has 2,900; a thousand roadmaps of 30 milestones about 400,000): the build time
grows with them."""

WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
)
"""File names Windows reserves for devices, with any extension: a page named so cannot
be checked out or built there."""

HOME_ANCHORS = frozenset({"comparison"})
"""Anchors of the home page besides one per roadmap (named after the roadmap's file)."""

_UPDATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_KINDS = ((ROADMAPS_DIR, YAML_SUFFIXES), (SKILLS_DIR, YAML_SUFFIXES), (UPDATES_DIR, (".md",)))


def _display(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    # (a DirEntry knows from the listing whether it is a link or a folder: no system
    # call per file for that)
    try:
        with os.scandir(folder) as found:
            return sorted(found, key=lambda entry: entry.name)
    except OSError:
        return []


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _name_problems(kind: str, stem: str, path: Path, names_lower: dict[str, Path]) -> list[str]:
    """What is wrong with a content file's name, in a folder whose names so far (by their
    lowercase stem) are ``names_lower``, which gets this one."""
    found = []
    if stem.lower() in WINDOWS_RESERVED:
        found.append(f"the name {stem!r} is reserved on Windows (like CON, NUL, COM1): rename it")
    if kind == ROADMAPS_DIR and stem in HOME_ANCHORS:
        found.append(f"the home page has an anchor {stem!r} of its own: rename the file")
    if kind == UPDATES_DIR:
        if not _UPDATE_NAME.match(stem):
            found.append(f"rename {path.name!r}: use letters, digits, '-', '_' and '.' only")
        elif stem.lower() == "index":
            found.append("the name 'index' is taken by the list of updates: rename it")
    first = names_lower.setdefault(stem.lower(), path)
    if first != path:
        found.append(
            f"{first.name!r} and {path.name!r} would be the same page "
            f"(names may differ only in case or extension on some systems): keep one"
        )
    return found


def check_folder(directory: Path, root: Path, problems: list[Problem]) -> bool:
    """Add the problems of the folder's layout to ``problems``. Returns True when no
    file may be read at all: a content file is a link to a file outside the folder, or
    the folder is past a budget."""
    inside = directory.resolve()
    resolve = realpaths.resolver()
    fatal = False
    count = 0
    size = 0

    def report(path: Path, message: str) -> None:
        problems.append(Problem(_display(path, root), 1, 1, message))

    for kind, suffixes in _KINDS:
        folder = directory / kind
        # a file that is not a link is where its folder really is
        folder_inside = _is_within(folder.resolve(), inside)
        entries = _entries(folder)
        names_lower: dict[str, Path] = {}
        for entry in entries:
            stem, suffix = os.path.splitext(entry.name)
            if suffix not in suffixes:
                continue
            path = Path(entry.path)
            link = entry.is_symlink()
            if link and not os.path.exists(path):
                report(path, "the file is a link to nothing: remove it")
                continue
            if not entry.is_file():
                continue
            if not (folder_inside if not link else inside in resolve(path).parents):
                report(path, "the file is a link to a file outside the content folder: copy it in")
                fatal = True
                continue
            count += 1
            size += entry.stat().st_size
            for message in _name_problems(kind, stem, path, names_lower):
                report(path, message)
        if kind != UPDATES_DIR:
            _check_generated_pages(folder, entries, names_lower, root, problems)
    fatal = _check_links_out(directory, root, problems) or fatal
    over_budget = [
        f"the folder has {count} content files; a site may have at most {MAX_CONTENT_FILES}"
        if count > MAX_CONTENT_FILES
        else "",
        f"the content files have {size:,} bytes together; a site may have at most {MAX_CONTENT_BYTES:,}"
        if size > MAX_CONTENT_BYTES
        else "",
    ]
    problems.extend(Problem(_display(directory, root), 1, 1, message) for message in over_budget if message)
    return fatal or any(over_budget)


def _links(folder: str) -> Iterator[os.DirEntry[str]]:
    """Every link under ``folder`` but hidden ones, a folder's entries in order of name
    before those of its sub-folders (as ``os.walk`` lists them); links to folders are not
    followed."""
    entries = [entry for entry in _entries(Path(folder)) if not entry.name.startswith(".")]
    yield from (entry for entry in entries if entry.is_symlink())
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _links(entry.path)


def _check_links_out(directory: Path, root: Path, problems: list[Problem]) -> bool:
    """Any file or folder in the content folder that is a link to somewhere outside the
    project: the site would publish it (``/proc/self/environ``, ``~/.ssh/id_rsa`` in a
    pull request). Hidden ones are skipped, as MkDocs leaves them out of the site."""
    project = root.resolve()
    found = False
    reported = {problem.path for problem in problems}
    for entry in _links(str(directory)):
        path = Path(entry.path)
        if _display(path, root) in reported:
            continue
        target = path.resolve()
        if target != project and project not in target.parents:
            problems.append(
                Problem(_display(path, root), 1, 1, "this is a link to a file outside the project: copy the file in")
            )
            found = True
    return found


def _check_generated_pages(
    folder: Path, entries: list[os.DirEntry[str]], stems: dict[str, Path], root: Path, problems: list[Problem]
) -> None:
    """A Markdown page of the author's where a YAML file's page is generated."""
    for entry in entries:
        stem, suffix = os.path.splitext(entry.name)
        if suffix.lower() == ".md" and stem.lower() in stems:
            source = stems[stem.lower()]
            problems.append(
                Problem(
                    _display(Path(entry.path), root),
                    1,
                    1,
                    f"this page would have the address of the page generated from {source.name!r}: rename it",
                )
            )


def check_total_values(sources: Iterable[Source], directory: Path, root: Path, problems: list[Problem]) -> None:
    """The files' values together are within MAX_CONTENT_VALUES."""
    total = sum(source.values for source in sources)
    if total > MAX_CONTENT_VALUES:
        problems.append(
            Problem(
                _display(directory, root),
                1,
                1,
                f"the content files hold {total:,} values together; a site may have at most {MAX_CONTENT_VALUES:,}",
            )
        )
